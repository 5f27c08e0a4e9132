import type { SheetState } from '@common/contracts/assessment';
import { SHEET_STATE_LABELS } from '@common/contracts/assessment';

export const stateLabel = (s: SheetState | 'none') => SHEET_STATE_LABELS[s];

export const LEDGER_STATE_LABELS = {
  onTime: '按时报送',
  late: '逾期报送',
  missing: '未报送',
  notDue: '未到报送期',
} as const;

export const points = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n}`);

/** What a person types ('8', '7.5', '８') -> half points, or null when it is not a score. */
export function parsePoints(text: string): number | null {
  const t = text
    .trim()
    .replace(/[０-９．]/g, (d) => (d === '．' ? '.' : String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  if (!/^\d{1,3}(\.\d)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isInteger(n * 2) ? n : null;
}

export function addMonth(month: string, n: number): string {
  // A malformed key gives NaN, as plain arithmetic on a missing part would.
  const [y = NaN, m = NaN] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/** '2026-11-30' -> '2026年11月30日' */
export const dateLabel = (d: string) =>
  `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
