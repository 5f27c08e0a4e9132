import { chinaMonthKey } from '@common/clock';
import type { SurveyStatus } from '@common/contracts/survey';

/** 0.9166 -> 91.7% */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

export const STATUS_CLASS: Record<SurveyStatus, string> = {
  met: 'sv-status sv-status-met',
  notMet: 'sv-status sv-status-notMet',
  insufficient: 'sv-status sv-status-insufficient',
};

/**
 * The quarters a cadre may open a round for, in China time (UTC+8) whatever the phone's time
 * zone: the previous, the current and the next quarter, e.g. at 2026-11-23 ['2026-Q3',
 * '2026-Q4', '2027-Q1'].
 */
export function quarterChoices(now: Date): string[] {
  const [y, m] = chinaMonthKey(now).split('-').map(Number);
  const q = Math.floor((m - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = -1; i < 2; i++) {
    const n = (q - 1 + i + 4) % 4;
    const yy = y + Math.floor((q - 1 + i) / 4);
    out.push(`${yy}-Q${n + 1}`);
  }
  return out;
}

/** 2025-Q4 -> 2025年第四季度; 2025-10 -> 2025年10月; 2025 -> 2025年度 */
export function periodLabel(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  return `${key}年度`;
}

export const RESULTS_URL = (roundId: string) =>
  `/survey/pages/results/index?roundId=${encodeURIComponent(roundId)}`;
