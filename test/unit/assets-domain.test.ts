/**
 * The 三资 domain rules, pure: register values (areas in 亩 as integer hundredths, money in fen),
 * the register at a past date from immutable change entries, contract terms and schedules,
 * decisions required, term states and receivable states against an injected date.
 */
import {
  addDays,
  needsDecision,
  publicCounterparty,
  termState,
  termsProblem,
} from '../../cloudfunctions/assets/domain/contracts';
import { receivableState } from '../../cloudfunctions/assets/domain/receivables';
import {
  changeProblem,
  formatMu,
  itemProblem,
  parseMu,
  stateAt,
  type ChangeFacts,
} from '../../cloudfunctions/assets/domain/register';

describe('register values', () => {
  test('a resource needs a positive area; an asset a value; nothing is negative', () => {
    expect(itemProblem({ category: 'pond', valueFen: 0, areaHundredths: 1250 })).toBeNull();
    expect(itemProblem({ category: 'pond', valueFen: 0, areaHundredths: -1 })).toBe('AREA_NEGATIVE');
    expect(itemProblem({ category: 'land', valueFen: 0, areaHundredths: null })).toBe('AREA_REQUIRED');
    expect(itemProblem({ category: 'forest', valueFen: 0, areaHundredths: 0 })).toBe('AREA_REQUIRED');
    expect(itemProblem({ category: 'building', valueFen: 0, areaHundredths: null })).toBe('VALUE_REQUIRED');
    expect(itemProblem({ category: 'equipment', valueFen: -100, areaHundredths: null })).toBe(
      'VALUE_NEGATIVE',
    );
    expect(itemProblem({ category: 'account', valueFen: 0, areaHundredths: null })).toBeNull();
  });

  test('areas are 亩 with two decimals, as integers: no floating point', () => {
    expect(parseMu('12.5')).toBe(1250);
    expect(parseMu('１２.０５亩')).toBe(1205);
    expect(parseMu('0.1')).toBe(10);
    expect(parseMu('-3')).toBe(-300);
    expect(parseMu('1.234')).toBeNull();
    expect(parseMu('abc')).toBeNull();
    expect(formatMu(1205)).toBe('12.05');
    expect(formatMu(7)).toBe('0.07');
    // 0.1 + 0.2 亩 in floating point is 0.30000000000000004; in hundredths it is exact.
    expect(formatMu(parseMu('0.1')! + parseMu('0.2')!)).toBe('0.30');
  });
});

describe('the register at a past date (immutable change entries)', () => {
  const entries: ChangeFacts[] = [
    // Given out of order on purpose: the fold sorts by date, then by time written.
    {
      kind: 'changeUse',
      on: '2025-03-01',
      at: '2025-03-01T01:00:00Z',
      valueFen: null,
      areaHundredths: null,
      status: 'leased',
    },
    {
      kind: 'acquire',
      on: '2020-05-01',
      at: '2024-01-01T00:00:00Z',
      valueFen: 0,
      areaHundredths: 1250,
      status: 'idle',
    },
    {
      kind: 'resize',
      on: '2024-06-01',
      at: '2024-06-01T00:00:00Z',
      valueFen: null,
      areaHundredths: 1300,
      status: null,
    },
    {
      kind: 'dispose',
      on: '2026-01-10',
      at: '2026-01-10T00:00:00Z',
      valueFen: null,
      areaHundredths: null,
      status: null,
    },
  ];

  test('each date shows what the entries up to it say', () => {
    expect(stateAt(entries, '2019-12-31')).toBeNull();
    expect(stateAt(entries, '2020-05-01')).toEqual({ valueFen: 0, areaHundredths: 1250, status: 'idle' });
    expect(stateAt(entries, '2024-12-31')).toEqual({ valueFen: 0, areaHundredths: 1300, status: 'idle' });
    expect(stateAt(entries, '2025-03-01')?.status).toBe('leased');
    expect(stateAt(entries, '2026-01-10')?.status).toBe('disposed');
  });

  test('a change must change something, not precede the acquisition, nor touch a disposed item', () => {
    const now = { valueFen: 500_000, areaHundredths: null, status: 'inUse' as const };
    const c = { on: '2026-01-01', valueFen: null, areaHundredths: null, status: null };
    expect(changeProblem(now, '2020-01-01', { ...c, kind: 'revalue', valueFen: 500_000 })).toBe(
      'CHANGE_EMPTY',
    );
    expect(changeProblem(now, '2020-01-01', { ...c, kind: 'revalue', valueFen: 400_000 })).toBeNull();
    expect(changeProblem(now, '2020-01-01', { ...c, kind: 'revalue', valueFen: -1 })).toBe('VALUE_NEGATIVE');
    expect(changeProblem(now, '2020-01-01', { ...c, kind: 'changeUse', status: 'inUse' })).toBe(
      'CHANGE_EMPTY',
    );
    expect(changeProblem(now, '2020-01-01', { ...c, kind: 'changeUse', status: 'disposed' })).toBe(
      'CHANGE_EMPTY',
    );
    expect(changeProblem(now, '2027-01-01', { ...c, kind: 'dispose' })).toBe('CHANGE_DATE_BEFORE_ACQUIRED');
    expect(changeProblem({ ...now, status: 'disposed' }, '2020-01-01', { ...c, kind: 'dispose' })).toBe(
      'ITEM_DISPOSED',
    );
  });
});

describe('contracts', () => {
  const terms = {
    kind: 'lease' as const,
    startOn: '2026-01-01',
    endOn: '2028-12-31',
    amountFen: 3_000_000,
    schedule: [
      { dueOn: '2026-01-15', amountFen: 1_000_000 },
      { dueOn: '2027-01-15', amountFen: 1_000_000 },
      { dueOn: '2028-01-15', amountFen: 1_000_000 },
    ],
  };

  test('the schedule adds up to the contract amount to the fen, within the term, in order', () => {
    expect(termsProblem(terms)).toBeNull();
    expect(termsProblem({ ...terms, amountFen: 3_000_001 })).toBe('SCHEDULE_MISMATCH');
    expect(termsProblem({ ...terms, endOn: '2026-01-01' })).toBe('TERM_INVALID');
    expect(termsProblem({ ...terms, schedule: [...terms.schedule.slice(1), terms.schedule[0]!] })).toBe(
      'SCHEDULE_OUT_OF_TERM',
    );
    expect(termsProblem({ ...terms, schedule: [{ dueOn: '2029-01-15', amountFen: 3_000_000 }] })).toBe(
      'SCHEDULE_OUT_OF_TERM',
    );
  });

  test('a land transfer always needs a decision; others from the threshold up', () => {
    expect(needsDecision('landTransfer', 1, 5_000_000)).toBe(true);
    expect(needsDecision('lease', 4_999_999, 5_000_000)).toBe(false);
    expect(needsDecision('lease', 5_000_000, 5_000_000)).toBe(true);
  });

  test('expiring within 90 days; expired but still occupied until handed back', () => {
    expect(addDays('2026-12-15', 90)).toBe('2027-03-15');
    expect(termState('2027-03-15', null, '2026-12-15')).toBe('expiring');
    expect(termState('2027-03-16', null, '2026-12-15')).toBe('active');
    expect(termState('2026-12-15', null, '2026-12-15')).toBe('expiring');
    expect(termState('2026-12-14', null, '2026-12-15')).toBe('expiredOccupied');
    expect(termState('2026-12-14', '2026-12-20', '2026-12-30')).toBe('ended');
  });

  test('a private counterparty is shown by surname only', () => {
    expect(publicCounterparty('person', '王建国')).toBe('王某');
    expect(publicCounterparty('person', '欧阳明')).toBe('欧阳某');
    expect(publicCounterparty('organization', '甲村水产专业合作社')).toBe('甲村水产专业合作社');
  });
});

describe('receivables (injected date)', () => {
  const r = { dueOn: '2026-03-31', receivedOn: null, waivedOn: null };
  test('due until its date, overdue from the day after, settled by receipt or waiver', () => {
    expect(receivableState(r, '2026-03-31')).toBe('due');
    expect(receivableState(r, '2026-04-01')).toBe('overdue');
    expect(receivableState({ ...r, receivedOn: '2026-04-10' }, '2026-05-01')).toBe('received');
    expect(receivableState({ ...r, waivedOn: '2026-04-10' }, '2026-05-01')).toBe('waived');
  });
});
