import { proportionalPoints } from './scoring';

/**
 * Items scored from the product's own data. Each source here exists in the product, so each
 * returns points, also when the data is empty: "no records in the window" scores what it
 * means (usually zero), never an invitation to score by hand. The basis says, in one sentence
 * a cadre understands, which months were weighed and what was counted (no codes, no ISO dates).
 */

export interface AutoPoints {
  points: number;
  basis: string;
}

// --- months and words -----------------------------------------------------------------------

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthKeyOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const addMonths = (m: string, n: number) => monthKeyOf(monthIndex(m) + n);

/** The months an assessment looks back on: the 12 full months before the self-assessment deadline. */
export function assessmentWindow(selfAssessBy: string): { from: string; to: string } {
  const deadlineMonth = selfAssessBy.slice(0, 7);
  return { from: addMonths(deadlineMonth, -12), to: addMonths(deadlineMonth, -1) };
}

/** '2026-01' -> '2026年1月' */
export function monthWords(m: string): string {
  return `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
}

/** '2026-01'..'2026-10' -> '2026年1月至10月'; across years -> '2025年11月至2026年10月'. */
export function monthsWords(from: string, to: string): string {
  if (from === to) return monthWords(from);
  if (from.slice(0, 4) === to.slice(0, 4)) return `${monthWords(from)}至${Number(to.slice(5, 7))}月`;
  return `${monthWords(from)}至${monthWords(to)}`;
}

/** A period key in words: '2026-09' -> 2026年9月, '2026-Q3' -> 2026年第三季度, '2026' -> 2026年度. */
export function periodWords(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  if (/^\d{4}-\d{2}$/.test(key)) return monthWords(key);
  if (/^\d{4}$/.test(key)) return `${key}年度`;
  return '该期';
}

/** First and last month a survey period spans ('2026-Q3' -> 2026-07..2026-09). */
function periodMonths(key: string): { from: string; to: string } | null {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) {
    const end = `${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}`;
    return { from: addMonths(end, -2), to: end };
  }
  if (/^\d{4}-\d{2}$/.test(key)) return { from: key, to: key };
  if (/^\d{4}$/.test(key)) return { from: `${key}-01`, to: `${key}-12` };
  return null;
}

const CATEGORY_WORDS = { finance: '财务公开', affairs: '村务公开', party: '党务公开' } as const;

/** The months weighed: the window from tracking on, only months that have ended by `today`. */
export function weighedMonths(
  window: { from: string; to: string },
  trackingSince: string,
  today: string,
): { from: string; to: string; count: number } {
  const from = monthKeyOf(Math.max(monthIndex(window.from), monthIndex(trackingSince)));
  const to = monthKeyOf(Math.min(monthIndex(window.to), monthIndex(today.slice(0, 7)) - 1));
  return { from, to, count: Math.max(0, monthIndex(to) - monthIndex(from) + 1) };
}

// --- 三务公开及时率 ----------------------------------------------------------------------------

/** The disclosure context's cadence reading of the window (disclosure/public.ts). */
export interface CadenceReading {
  from: string;
  to: string;
  periods: readonly {
    category: keyof typeof CATEGORY_WORDS;
    periodKey: string;
    state: 'onTime' | 'late' | 'missing' | 'pending';
    due: boolean;
  }[];
  counts: { due: number; onTime: number; late: number; missing: number };
}

/** Up to three periods in words, then how many more. */
function listed(periods: CadenceReading['periods']): string {
  const words = periods.slice(0, 3).map((p) => `${periodWords(p.periodKey)}${CATEGORY_WORDS[p.category]}`);
  return periods.length > 3 ? `${words.join('、')}等 ${periods.length} 期` : words.join('、');
}

/**
 * 三务公开及时率: periods published by their due date over periods due in the window, as the
 * disclosure context evaluates the cadence (a major matter never stands in for a routine one).
 */
export function timelinessPoints(max: number, c: CadenceReading): AutoPoints {
  const months = monthIndex(c.to) >= monthIndex(c.from) ? monthsWords(c.from, c.to) : '评价期内';
  const { due, onTime } = c.counts;
  if (due === 0) return { points: max, basis: `${months}还没有到期应公开的三务公开，按满分计` };
  const late = c.periods.filter((p) => p.due && p.state === 'late');
  const missing = c.periods.filter((p) => p.due && p.state === 'missing');
  const parts = [`${months}应公开 ${due} 期（财务每月，村务、党务每季度），按时公开 ${onTime} 期`];
  if (late.length) parts.push(`逾期公开 ${late.length} 期（${listed(late)}）`);
  if (missing.length) parts.push(`未公开 ${missing.length} 期（${listed(missing)}）`);
  return { points: proportionalPoints(max, onTime, due) ?? 0, basis: parts.join('，') };
}

// --- 五项满意率 -------------------------------------------------------------------------------

/** The five ≥90% indicators of seed 001. */
export const SATISFACTION_THRESHOLD = 0.9;

export interface SurveyIndicator {
  indicatorId: string;
  name: string;
  approvalRate: number | null;
  status: 'met' | 'notMet' | 'insufficient';
}

export interface SurveyRoundReading {
  periodKey: string;
  indicators: readonly SurveyIndicator[];
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/**
 * 五项满意率均不低于 90%: full points only when every one of the five indicators was measured
 * (enough answers) in a round of the assessed window and reached 90%; otherwise the points
 * follow the indicators met out of five. Too few answers counts as not met and says so. No
 * round in the window scores 0: the index cannot show the satisfaction it asks for.
 */
export function satisfactionPoints(
  max: number,
  window: { from: string; to: string },
  expected: readonly { id: string; name: string }[],
  round: SurveyRoundReading | null,
): AutoPoints {
  const months = monthsWords(window.from, window.to);
  const span = round ? periodMonths(round.periodKey) : null;
  const inWindow =
    span !== null &&
    monthIndex(span.from) <= monthIndex(window.to) &&
    monthIndex(span.to) >= monthIndex(window.from);
  if (!round || !inWindow)
    return {
      points: 0,
      basis: `${months}没有已结束的有效五好测评，${expected.length} 项满意率均按未达到 90% 计`,
    };
  const byId = new Map(round.indicators.map((i) => [i.indicatorId, i]));
  const words: string[] = [];
  let met = 0;
  for (const e of expected) {
    const i = byId.get(e.id);
    if (!i || i.status === 'insufficient' || i.approvalRate === null) {
      words.push(`${e.name}答卷不足、按未达到计`);
    } else if (i.approvalRate >= SATISFACTION_THRESHOLD) {
      met++;
      words.push(`${e.name} ${pct(i.approvalRate)}`);
    } else {
      words.push(`${e.name} ${pct(i.approvalRate)}、未达到`);
    }
  }
  return {
    points: proportionalPoints(max, met, expected.length) ?? 0,
    basis: `${periodWords(round.periodKey)}五好测评 ${expected.length} 项满意率中 ${met} 项达到 90%（${words.join('；')}）`,
  };
}

// --- 村情月报、通知公告按月发布 -----------------------------------------------------------------

export interface Publications {
  /** Months ('YYYY-MM') whose 村情月报 was published. */
  reportMonths: readonly string[];
  /** Months ('YYYY-MM', China time) in which at least one notice was first published. */
  noticeMonths: readonly string[];
  /** Notices first published in the months weighed. */
  notices: number;
}

/**
 * Months of the window in which the village published: a 村情月报 of that month or a notice
 * during it. A month counts once whichever way it was published.
 */
export function publicationPoints(
  max: number,
  weighed: { from: string; to: string; count: number },
  data: Publications,
): AutoPoints {
  if (weighed.count === 0) return { points: max, basis: '评价期内还没有应发布村情月报的月份，按满分计' };
  const months = monthsWords(weighed.from, weighed.to);
  const within = (m: string) => m >= weighed.from && m <= weighed.to;
  const reports = new Set(data.reportMonths.filter(within));
  const published = new Set([...reports, ...data.noticeMonths.filter(within)]);
  if (published.size === 0)
    return {
      points: 0,
      basis: `${months}共 ${weighed.count} 个月，未发布村情月报，也未发布通知公告`,
    };
  return {
    points: proportionalPoints(max, published.size, weighed.count) ?? 0,
    basis: `${months}共 ${weighed.count} 个月，其中 ${published.size} 个月有发布（村情月报 ${reports.size} 期，通知公告 ${data.notices} 条）`,
  };
}
