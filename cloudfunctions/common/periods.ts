/** Month and quarter keys ('2025-03', '2025-Q1') and their arithmetic. Pure. */

export function monthIndex(monthKey: string): number {
  // A malformed key gives NaN, as plain arithmetic on a missing part would.
  const [y = NaN, m = NaN] = monthKey.split('-').map(Number);
  return y * 12 + (m - 1);
}

export function monthKeyOf(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

export function addMonths(monthKey: string, n: number): string {
  return monthKeyOf(monthIndex(monthKey) + n);
}

export function quarterOfMonth(monthKey: string): string {
  const [y, m = NaN] = monthKey.split('-').map(Number);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

export function isQuarterKey(key: string): boolean {
  return /^\d{4}-Q[1-4]$/.test(key);
}

/** Last month of a quarter: '2025-Q1' -> '2025-03'. */
export function quarterEndMonth(quarterKey: string): string {
  const [y, q = NaN] = quarterKey.split('-Q').map(Number);
  return `${y}-${String(q * 3).padStart(2, '0')}`;
}

/** The quarter a period falls in; a month counts toward its quarter. */
export function quarterOf(periodKey: string): string {
  return isQuarterKey(periodKey) ? periodKey : quarterOfMonth(periodKey);
}

/** A sortable key: quarters sort at their last month, after that quarter's months. */
export function periodSortKey(periodKey: string): string {
  return isQuarterKey(periodKey) ? `${quarterEndMonth(periodKey)}~` : periodKey;
}

/** 2025-03 -> 2025年3月; 2025-Q1 -> 2025年第一季度 (the shared Chinese formatter). */
export { formatPeriod as periodLabel } from './format';

export function yearOf(periodKey: string): number {
  return Number(periodKey.slice(0, 4));
}
