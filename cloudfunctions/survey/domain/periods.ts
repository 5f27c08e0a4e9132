/** Survey periods: '2025-Q4', '2025-10' or '2025'. Pure: dates are China wall-clock date keys. */

/** 2025-Q4 -> 2025年第四季度; 2025-10 -> 2025年10月; 2025 -> 2025年度 */
export function surveyPeriodLabel(periodKey: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(periodKey);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  return `${periodKey}年度`;
}

/** Sorts periods in time: a month before its quarter's end, a quarter before the year's end. */
export function surveyPeriodSortKey(periodKey: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  if (q) return `${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}~`;
  if (/^\d{4}$/.test(periodKey)) return `${periodKey}-12~~`;
  return periodKey;
}

/** The first and last China date ('YYYY-MM-DD') of a period, or null for a malformed key. */
export function surveyPeriodSpan(periodKey: string): { first: string; last: string } | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const q = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  if (q) {
    const y = Number(q[1]);
    const m0 = (Number(q[2]) - 1) * 3 + 1;
    return { first: `${y}-${pad(m0)}-01`, last: `${y}-${pad(m0 + 2)}-${pad(lastDay(y, m0 + 2))}` };
  }
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(periodKey);
  if (m) {
    const y = Number(m[1]);
    const mm = Number(m[2]);
    return { first: `${y}-${pad(mm)}-01`, last: `${y}-${pad(mm)}-${pad(lastDay(y, mm))}` };
  }
  if (/^\d{4}$/.test(periodKey)) return { first: `${periodKey}-01-01`, last: `${periodKey}-12-31` };
  return null;
}

/** The same China date one year earlier ('2026-02-28' for '2027-02-28'; 29 Feb -> 28 Feb). */
function yearBefore(dateKey: string): string {
  const [y, m, d] = dateKey.split('-');
  const day = m === '02' && d === '29' ? '28' : d;
  return `${String(Number(y) - 1).padStart(4, '0')}-${m}-${day}`;
}

/**
 * Whether a round may be opened for this period on `today` (China date key): a real month,
 * quarter or year that has begun and ended at most a year ago. Returns the reason in Chinese
 * when not, so a round can never describe a future period (`9999`) or a long-gone one.
 */
export function roundPeriodProblem(periodKey: string, today: string): string | null {
  const span = surveyPeriodSpan(periodKey);
  if (!span) return '测评期间应为某月、某季度或某年';
  const label = surveyPeriodLabel(periodKey);
  if (span.first > today) return `${label}还没有开始，只能为已经开始的期间开启测评`;
  if (span.last < yearBefore(today)) return `${label}已经结束一年以上，不能再开启测评`;
  return null;
}

/** Whether two periods share at least one day (a month lies within its quarter and year). */
export function periodsOverlap(a: string, b: string): boolean {
  const x = surveyPeriodSpan(a);
  const y = surveyPeriodSpan(b);
  return !!x && !!y && x.first <= y.last && y.first <= x.last;
}
