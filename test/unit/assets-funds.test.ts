/** 资金 reconciliation rules, pure: month ends, closing funds, the state of each month. */
import {
  closingOf,
  monthEnd,
  reconcile,
  type AccountHistory,
} from '../../cloudfunctions/assets/domain/funds';
import type { ChangeFacts } from '../../cloudfunctions/assets/domain/register';

const entry = (
  kind: ChangeFacts['kind'],
  on: string,
  valueFen: number | null,
  status = null,
): ChangeFacts => ({
  kind,
  on,
  at: `${on}T10:00:00.000Z`,
  valueFen,
  areaHundredths: null,
  status,
});

const acc = (id: string, changes: ChangeFacts[]): AccountHistory => ({ id, changes });
const fin = (periodKey: string, incomeFen: number, expenseFen: number) => ({
  periodKey,
  seriesId: `s-${periodKey}`,
  version: 1,
  title: `${periodKey} 财务公开`,
  incomeFen,
  expenseFen,
});

test('month ends follow the calendar (leap years included)', () => {
  expect([monthEnd('2028-02'), monthEnd('2026-02'), monthEnd('2026-11'), monthEnd('2026-12')]).toEqual([
    '2028-02-29',
    '2026-02-28',
    '2026-11-30',
    '2026-12-31',
  ]);
});

test('closing funds need a month-end balance of every account held; a disposed account is not held', () => {
  const a = acc('a', [entry('acquire', '2020-01-01', 100), entry('balance', '2026-01-31', 500)]);
  const b = acc('b', [entry('acquire', '2020-01-01', 50)]);
  expect(closingOf([a], '2026-01')).toBe(500);
  expect(closingOf([a, b], '2026-01')).toBeNull();
  const closed = acc('b', [entry('acquire', '2020-01-01', 50), { ...entry('dispose', '2026-01-10', null) }]);
  expect(closingOf([a, closed], '2026-01')).toBe(500);
  expect(closingOf([], '2026-01')).toBeNull();
});

test('each month: matched, mismatch by the difference, or why it cannot be checked', () => {
  const a = acc('a', [
    entry('acquire', '2020-01-01', 0),
    entry('balance', '2026-01-31', 1000),
    entry('balance', '2026-02-28', 1300),
    entry('balance', '2026-03-31', 1250),
    entry('balance', '2026-05-31', 1250),
  ]);
  const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
  const r = reconcile(
    [a],
    [fin('2025-12', 1, 1), fin('2026-02', 500, 200), fin('2026-03', 100, 100), fin('2026-04', 0, 0)],
    months,
  );
  expect(r.map((m) => [m.month, m.state, m.differenceFen])).toEqual([
    ['2026-01', 'noOpening', null],
    ['2026-02', 'matched', 0],
    ['2026-03', 'mismatch', -50],
    ['2026-04', 'noBalance', null],
    ['2026-05', 'noOpening', null],
  ]);
});
