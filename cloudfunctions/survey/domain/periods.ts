/** Survey periods: '2025-Q4', '2025-10' or '2025'. Pure. */

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
