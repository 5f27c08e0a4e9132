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
 * The periods the town may open a round for, in China time (UTC+8) whatever the phone's time
 * zone: this quarter and the last, this month and the last, this year. All have begun and
 * ended less than a year ago, which the server requires, e.g. at 2026-11-23 ['2026-Q4',
 * '2026-Q3', '2026-11', '2026-10', '2026'].
 */
export function periodChoices(now: Date): [string, string, string, string, string] {
  // chinaMonthKey always gives YYYY-MM; the defaults only satisfy the type.
  const [y = 0, m = 1] = chinaMonthKey(now).split('-').map(Number);
  const q = Math.floor((m - 1) / 3) + 1;
  const lastQ = q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  const lastM = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return [`${y}-Q${q}`, lastQ, `${y}-${String(m).padStart(2, '0')}`, lastM, String(y)];
}

/** The status badge's class: a rate the answers cannot yet settle is shown neutral. */
export function statusClass(r: { status: SurveyStatus; certainty?: string }): string {
  return r.certainty === 'uncertain' ? STATUS_CLASS.insufficient : STATUS_CLASS[r.status];
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
