import {
  cadenceStatus,
  daysBetween,
  publishedDaysLate,
  routineDueOn,
  type Coverage,
} from '../../cloudfunctions/disclosure/domain/cadence';
import { chinaDateKey } from '../../cloudfunctions/common/clock';

const none: Coverage = { finance: [], affairs: [], party: [] };
const cover = (c: Partial<Coverage>): Coverage => ({ ...none, ...c });
const gaps = (r: { overdue: { category: string; periodKey: string; dueOn: string }[] }) =>
  r.overdue.map((g) => `${g.category}:${g.periodKey}:${g.dueOn}`);
const soon = (r: { dueSoon: { category: string; periodKey: string; dueOn: string }[] }) =>
  r.dueSoon.map((g) => `${g.category}:${g.periodKey}:${g.dueOn}`);

/** Everything disclosed for 2026 Q1, so only the case under test shows up. */
const q1Done = cover({
  finance: ['2026-01', '2026-02', '2026-03'],
  affairs: ['2026-Q1'],
  party: ['2026-Q1'],
});

describe('finance: every month, due by the 10th of the next month (China date)', () => {
  test('on the due date itself the missing month is due, not overdue', () => {
    const r = cadenceStatus({
      trackingSince: '2026-01',
      today: '2026-03-10',
      coverage: cover({ finance: ['2026-01'] }),
    });
    expect(r.state).toBe('onTime');
    expect(gaps(r)).toEqual([]);
    expect(soon(r)).toEqual(['finance:2026-02:2026-03-10']);
  });

  test('the day after the due date it is overdue', () => {
    const r = cadenceStatus({
      trackingSince: '2026-01',
      today: '2026-03-11',
      coverage: cover({ finance: ['2026-01'] }),
    });
    expect(r.state).toBe('overdue');
    expect(gaps(r)).toEqual(['finance:2026-02:2026-03-10']);
  });

  test('the current month is never asked for', () => {
    const r = cadenceStatus({ trackingSince: '2026-03', today: '2026-03-31', coverage: none });
    expect(r).toMatchObject({ state: 'onTime', overdue: [], dueSoon: [] });
  });

  test('December is due by 10 January of the next year', () => {
    const r = cadenceStatus({ trackingSince: '2025-12', today: '2026-01-11', coverage: none });
    expect(gaps(r)).toEqual([
      'affairs:2025-Q4:2026-01-10',
      'finance:2025-12:2026-01-10',
      'party:2025-Q4:2026-01-10',
    ]);
  });

  test('a disclosed month clears its gap; every undisclosed month is listed, oldest first', () => {
    const r = cadenceStatus({
      trackingSince: '2026-01',
      today: '2026-03-25',
      coverage: cover({ finance: ['2026-02'] }),
    });
    expect(gaps(r)).toEqual(['finance:2026-01:2026-02-10']);
    const r2 = cadenceStatus({ trackingSince: '2026-01', today: '2026-03-25', coverage: none });
    expect(gaps(r2)).toEqual(['finance:2026-01:2026-02-10', 'finance:2026-02:2026-03-10']);
  });

  test('months before tracking started are not asked for', () => {
    const r = cadenceStatus({
      trackingSince: '2026-02',
      today: '2026-03-25',
      coverage: cover({ finance: ['2026-02'] }),
    });
    expect(r.state).toBe('onTime');
  });

  test('a village that starts tracking in the future owes nothing yet', () => {
    const r = cadenceStatus({ trackingSince: '2027-01', today: '2026-06-15', coverage: none });
    expect(r).toMatchObject({ state: 'onTime', overdue: [], dueSoon: [] });
  });

  test('only the last windowMonths are reported', () => {
    const r = cadenceStatus({
      trackingSince: '2020-01',
      today: '2026-06-15',
      coverage: none,
      rules: { dueDay: 10, majorDays: 7, windowMonths: 3 },
    });
    expect(r.overdue.filter((g) => g.category === 'finance').map((g) => g.periodKey)).toEqual([
      '2026-03',
      '2026-04',
      '2026-05',
    ]);
  });
});

describe('village affairs and party affairs: at least every quarter', () => {
  test.each(['affairs', 'party'] as const)(
    '%s: a closed quarter is due by the 10th after it ends',
    (category) => {
      const base = cover({
        finance: ['2026-01', '2026-02', '2026-03'],
        affairs: ['2026-Q1'],
        party: ['2026-Q1'],
      });
      const missing = { ...base, [category]: [] };
      const onDue = cadenceStatus({ trackingSince: '2026-01', today: '2026-04-10', coverage: missing });
      expect(onDue.state).toBe('onTime');
      expect(soon(onDue)).toEqual([`${category}:2026-Q1:2026-04-10`]);
      const after = cadenceStatus({ trackingSince: '2026-01', today: '2026-04-11', coverage: missing });
      expect(after.state).toBe('overdue');
      expect(gaps(after)).toEqual([`${category}:2026-Q1:2026-04-10`]);
    },
  );

  test('a quarter still running is not asked for', () => {
    const r = cadenceStatus({
      trackingSince: '2026-01',
      today: '2026-03-31',
      coverage: cover({ finance: ['2026-01', '2026-02'] }),
    });
    expect(r.overdue.concat(r.dueSoon).filter((g) => g.category !== 'finance')).toEqual([]);
  });

  test('disclosing the quarter (or any month of it, which the publisher records as its quarter) clears it', () => {
    const r = cadenceStatus({
      trackingSince: '2026-01',
      today: '2026-05-20',
      coverage: cover({ ...q1Done, finance: [...q1Done.finance, '2026-04'] }),
    });
    expect(r).toMatchObject({ state: 'onTime', overdue: [], dueSoon: [] });
  });

  test('overdue list is ordered by due date, then category', () => {
    const r = cadenceStatus({
      trackingSince: '2026-01',
      today: '2026-07-20',
      coverage: cover({ finance: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'] }),
    });
    expect(gaps(r)).toEqual([
      'affairs:2026-Q1:2026-04-10',
      'party:2026-Q1:2026-04-10',
      'affairs:2026-Q2:2026-07-10',
      'finance:2026-06:2026-07-10',
      'party:2026-Q2:2026-07-10',
    ]);
  });
});

describe('major matters: at once (within 7 days)', () => {
  const major = (occurredOn: string, publishedOn: string) => ({
    seriesId: 's1',
    title: '土地流转',
    occurredOn,
    publishedOn,
  });

  test('published on the 7th day is on time', () => {
    const r = cadenceStatus({
      trackingSince: '2026-01',
      today: '2026-01-20',
      coverage: none,
      majors: [major('2026-01-01', '2026-01-08')],
    });
    expect(r.lateMajor).toEqual([]);
  });

  test('published on the 8th day is late by one day', () => {
    const r = cadenceStatus({
      trackingSince: '2026-01',
      today: '2026-01-20',
      coverage: none,
      majors: [major('2026-01-01', '2026-01-09')],
    });
    expect(r.lateMajor).toEqual([{ ...major('2026-01-01', '2026-01-09'), daysLate: 1 }]);
  });

  test('a late major matter with nothing overdue makes the state late (有迟报), not on time', () => {
    const r = cadenceStatus({
      trackingSince: '2026-01',
      today: '2026-05-20',
      coverage: cover({ ...q1Done, finance: [...q1Done.finance, '2026-04'] }),
      majors: [major('2026-02-01', '2026-03-03')],
    });
    expect(r).toMatchObject({ state: 'late', overdue: [] });
    expect(r.lateMajor).toEqual([expect.objectContaining({ daysLate: 23 })]);
  });

  test('overdue outweighs a late major matter', () => {
    const r = cadenceStatus({
      trackingSince: '2026-01',
      today: '2026-05-20',
      coverage: q1Done,
      majors: [major('2026-02-01', '2026-03-03')],
    });
    expect(r.state).toBe('overdue');
    expect(r.lateMajor).toHaveLength(1);
  });

  test('only major matters published within the window weigh', () => {
    const old = cadenceStatus({
      trackingSince: '2020-01',
      today: '2026-06-15',
      coverage: cover({
        finance: ['2026-03', '2026-04', '2026-05'],
        affairs: ['2026-Q1'],
        party: ['2026-Q1'],
      }),
      majors: [major('2026-01-01', '2026-02-27')],
      rules: { dueDay: 10, majorDays: 7, windowMonths: 3 },
    });
    expect(old).toMatchObject({ state: 'onTime', lateMajor: [] });
    const inside = cadenceStatus({
      trackingSince: '2020-01',
      today: '2026-06-15',
      coverage: cover({
        finance: ['2026-03', '2026-04', '2026-05'],
        affairs: ['2026-Q1'],
        party: ['2026-Q1'],
      }),
      majors: [major('2026-02-01', '2026-03-01')],
      rules: { dueDay: 10, majorDays: 7, windowMonths: 3 },
    });
    expect(inside.state).toBe('late');
  });

  test('late major matters are listed by publication date whatever order they are read in', () => {
    const a = { ...major('2026-01-01', '2026-01-20'), seriesId: 'a' };
    const b = { ...major('2026-02-01', '2026-02-20'), seriesId: 'b' };
    const input = { trackingSince: '2026-01', today: '2026-03-01', coverage: none };
    const one = cadenceStatus({ ...input, majors: [a, b] });
    const other = cadenceStatus({ ...input, majors: [b, a] });
    expect(one.lateMajor.map((m) => m.seriesId)).toEqual(['a', 'b']);
    expect(other).toEqual(one);
  });

  test('days are counted across month and year ends', () => {
    expect(daysBetween('2025-12-28', '2026-01-04')).toBe(7);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });
});

describe('China-time boundaries decide the day', () => {
  test('16:30 UTC on 10 November is already 11 November in China: October finance is overdue', () => {
    const today = chinaDateKey(new Date('2026-11-10T16:30:00Z'));
    expect(today).toBe('2026-11-11');
    const r = cadenceStatus({ trackingSince: '2026-10', today, coverage: none });
    expect(gaps(r)).toEqual(['finance:2026-10:2026-11-10']);
  });

  test('15:59 UTC on 10 November is still the due date in China', () => {
    const today = chinaDateKey(new Date('2026-11-10T15:59:59Z'));
    expect(today).toBe('2026-11-10');
    const r = cadenceStatus({ trackingSince: '2026-10', today, coverage: none });
    expect(r.state).toBe('onTime');
    expect(soon(r)).toEqual(['finance:2026-10:2026-11-10']);
  });
});

describe('how late a published disclosure went up (the same cadence as the status)', () => {
  it('a finance month counts from the 10th of the next month', () => {
    const d = { category: 'finance' as const, periodKey: '2026-09', major: false, occurredOn: null };
    expect(publishedDaysLate({ ...d, publishedOn: '2026-10-10' })).toBe(0);
    expect(publishedDaysLate({ ...d, publishedOn: '2026-10-11' })).toBe(1);
    // 西河村's September, published on 1 December: 52 days late.
    expect(publishedDaysLate({ ...d, publishedOn: '2026-12-01' })).toBe(52);
  });

  it('a quarter, or a month of village affairs, counts from the 10th after the quarter', () => {
    expect(routineDueOn('affairs', '2026-Q3')).toBe('2026-10-10');
    expect(routineDueOn('party', '2026-08')).toBe('2026-10-10');
    expect(routineDueOn('finance', '2026-12')).toBe('2027-01-10');
    expect(
      publishedDaysLate({
        category: 'affairs',
        periodKey: '2026-Q3',
        major: false,
        occurredOn: null,
        publishedOn: '2026-10-20',
      }),
    ).toBe(10);
  });

  it('a major matter counts from its date plus the 7 days the rule gives', () => {
    const m = { category: 'affairs' as const, periodKey: '2026-07', major: true, occurredOn: '2026-07-01' };
    expect(publishedDaysLate({ ...m, publishedOn: '2026-07-08' })).toBe(0);
    expect(publishedDaysLate({ ...m, publishedOn: '2026-07-27' })).toBe(19);
  });
});
