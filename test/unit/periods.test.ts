import {
  addMonths,
  isQuarterKey,
  monthIndex,
  monthKeyOf,
  periodLabel,
  periodSortKey,
  quarterEndMonth,
  quarterOf,
  quarterOfMonth,
  yearOf,
} from '../../cloudfunctions/common/periods';

describe('month arithmetic', () => {
  test('round-trips a month through its index', () => {
    for (const m of ['2025-01', '2025-12', '2026-06', '1999-11']) expect(monthKeyOf(monthIndex(m))).toBe(m);
  });

  test('adds and subtracts months across year ends', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-11', 14)).toBe('2027-01');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
  });

  test('consecutive months have consecutive indexes', () => {
    expect(monthIndex('2026-01') - monthIndex('2025-12')).toBe(1);
  });
});

describe('quarters', () => {
  test.each([
    ['2026-01', '2026-Q1'],
    ['2026-03', '2026-Q1'],
    ['2026-04', '2026-Q2'],
    ['2026-09', '2026-Q3'],
    ['2026-10', '2026-Q4'],
    ['2026-12', '2026-Q4'],
  ])('month %s falls in %s', (month, quarter) => {
    expect(quarterOfMonth(month)).toBe(quarter);
    // A monthly disclosure counts toward its quarter; a quarterly one is its own quarter.
    expect(quarterOf(month)).toBe(quarter);
    expect(quarterOf(quarter)).toBe(quarter);
  });

  test('last month of each quarter', () => {
    expect(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map(quarterEndMonth)).toEqual([
      '2026-03',
      '2026-06',
      '2026-09',
      '2026-12',
    ]);
  });

  test('tells quarter keys from month keys', () => {
    expect(isQuarterKey('2026-Q4')).toBe(true);
    expect(isQuarterKey('2026-Q5')).toBe(false);
    expect(isQuarterKey('2026-04')).toBe(false);
  });
});

describe('labels and ordering', () => {
  test('Chinese labels of months and quarters', () => {
    expect(periodLabel('2025-03')).toBe('2025年3月');
    expect(periodLabel('2025-12')).toBe('2025年12月');
    expect(periodLabel('2025-Q1')).toBe('2025年第一季度');
    expect(periodLabel('2026-Q4')).toBe('2026年第四季度');
  });

  test('a quarter sorts after its own months and before the next quarter', () => {
    const keys = ['2026-04', '2026-Q1', '2026-03', '2025-Q4', '2026-01', '2025-12'];
    const sorted = [...keys].sort((a, b) => periodSortKey(a).localeCompare(periodSortKey(b)));
    expect(sorted).toEqual(['2025-12', '2025-Q4', '2026-01', '2026-03', '2026-Q1', '2026-04']);
  });

  test('year of a period', () => {
    expect(yearOf('2026-Q2')).toBe(2026);
    expect(yearOf('2025-12')).toBe(2025);
  });
});
