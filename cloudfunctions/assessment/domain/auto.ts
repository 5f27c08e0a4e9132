import type { Category } from '../../common/contracts/disclosure';
import { DEFAULT_RULES } from '../../disclosure/domain/cadence';
import {
  addMonths,
  monthIndex,
  monthKeyOf,
  quarterEndMonth,
  quarterOf,
  quarterOfMonth,
} from '../../disclosure/domain/periods';
import { proportionalPoints } from './scoring';

/**
 * Items scored from the product's own data. Each returns the points and, in words, what they
 * come from; null points mean "no data yet", and the item is then scored by hand.
 */

export interface AutoPoints {
  points: number | null;
  basis: string;
}

/** The months an assessment looks back on: the 12 full months before the self-assessment deadline. */
export function assessmentWindow(selfAssessBy: string): { from: string; to: string } {
  const deadlineMonth = selfAssessBy.slice(0, 7);
  return { from: addMonths(deadlineMonth, -12), to: addMonths(deadlineMonth, -1) };
}

export interface PublishedPeriod {
  category: Category;
  periodKey: string;
  /** China date of the first publication ('YYYY-MM-DD'). */
  firstPublishedOn: string;
}

export interface Timeliness {
  required: number;
  onTime: number;
  late: string[];
  missing: string[];
}

/**
 * 三务公开及时率: of the periods due in the window (finance monthly; village and party affairs
 * quarterly, a monthly disclosure counting for its quarter), how many were published by their
 * due date (the `dueDay` of the month after the period, as in the disclosure cadence).
 */
export function disclosureTimeliness(input: {
  trackingSince: string;
  window: { from: string; to: string };
  /** China date the measure is taken on; periods not yet due are left out. */
  today: string;
  published: readonly PublishedPeriod[];
  dueDay?: number;
}): Timeliness {
  const dueDay = input.dueDay ?? DEFAULT_RULES.dueDay;
  const due = (lastMonth: string) => `${addMonths(lastMonth, 1)}-${String(dueDay).padStart(2, '0')}`;
  const first = new Map<string, string>();
  for (const p of input.published) {
    const key =
      p.category === 'finance' ? `finance:${p.periodKey}` : `${p.category}:${quarterOf(p.periodKey)}`;
    const prev = first.get(key);
    if (!prev || p.firstPublishedOn < prev) first.set(key, p.firstPublishedOn);
  }
  const start = Math.max(monthIndex(input.window.from), monthIndex(input.trackingSince));
  const end = monthIndex(input.window.to);
  const out: Timeliness = { required: 0, onTime: 0, late: [], missing: [] };
  const check = (key: string, dueOn: string) => {
    if (input.today <= dueOn) return;
    out.required++;
    const on = first.get(key);
    if (!on) out.missing.push(key);
    else if (on <= dueOn) out.onTime++;
    else out.late.push(key);
  };
  const quarters = new Set<string>();
  for (let i = start; i <= end; i++) {
    const month = monthKeyOf(i);
    check(`finance:${month}`, due(month));
    const q = quarterOfMonth(month);
    // A quarter counts when it ends inside the window on or after tracking began (as in the cadence).
    if (quarterEndMonth(q) === month) quarters.add(q);
  }
  for (const q of quarters) {
    check(`affairs:${q}`, due(quarterEndMonth(q)));
    check(`party:${q}`, due(quarterEndMonth(q)));
  }
  return out;
}

export function timelinessPoints(max: number, t: Timeliness): AutoPoints {
  if (t.required === 0) return { points: null, basis: '评价期内还没有应公开的期次，请人工评分' };
  const parts = [`按时公开 ${t.onTime} 期 / 应公开 ${t.required} 期`];
  if (t.late.length) parts.push(`逾期公开 ${t.late.length} 期`);
  if (t.missing.length) parts.push(`未公开 ${t.missing.length} 期`);
  return { points: proportionalPoints(max, t.onTime, t.required), basis: parts.join('；') };
}

export interface SurveyIndicator {
  name: string;
  approvalRate: number | null;
  status: 'met' | 'notMet' | 'insufficient';
}

/** The five ≥90% indicators of seed 001; points in proportion to those that reached 90%. */
export const SATISFACTION_THRESHOLD = 0.9;

export function satisfactionPoints(
  max: number,
  round: { periodKey: string; indicators: readonly SurveyIndicator[] } | null,
): AutoPoints {
  if (!round) return { points: null, basis: '暂无满意度测评结果，请人工评分' };
  const measured = round.indicators.filter((i) => i.status !== 'insufficient' && i.approvalRate !== null);
  if (!measured.length)
    return { points: null, basis: `${round.periodKey} 测评参与人数不足，暂无有效结果，请人工评分` };
  const met = measured.filter((i) => (i.approvalRate as number) >= SATISFACTION_THRESHOLD);
  const rates = measured.map((i) => `${i.name} ${((i.approvalRate as number) * 100).toFixed(1)}%`).join('，');
  return {
    points: proportionalPoints(max, met.length, measured.length),
    basis: `${round.periodKey} 测评：${met.length} / ${measured.length} 项不低于 90%（${rates}）`,
  };
}

/** 村情月报 published for the months of the window, and notices published. */
export function publicationPoints(
  max: number,
  window: { from: string; to: string },
  data: { reportMonths: readonly string[]; notices: number } | null,
): AutoPoints {
  if (!data) return { points: null, basis: '村情月报功能尚未提供数据，请人工评分' };
  const months = monthIndex(window.to) - monthIndex(window.from) + 1;
  const inWindow = new Set(data.reportMonths.filter((m) => m >= window.from && m <= window.to));
  return {
    points: proportionalPoints(max, inWindow.size, months),
    basis: `发布村情月报 ${inWindow.size} / ${months} 个月，通知公告 ${data.notices} 条`,
  };
}
