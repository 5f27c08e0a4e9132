import { chinaDateKey, chinaDayStart } from '../../common/clock';
import { formatYuan } from '../../common/money';
import type { Gap, Totals } from '../../common/contracts/disclosure';
import type {
  DisclosureRef,
  FinanceItem,
  FinanceSection,
  NoticeRef,
  ReportContent,
  SurveySection,
} from '../../common/contracts/report';

/** A finance disclosure as composition needs it: its current version. */
export interface FinanceSource {
  seriesId: string;
  title: string;
  version: number;
  periodKey: string;
  totals: Totals;
  items: readonly { direction: 'income' | 'expense'; category: string; note: string; amountFen: number }[];
}

export interface ComposeInput {
  month: string;
  previousMonth: string;
  villageName: string;
  /** Finance disclosures of `month` and of `previousMonth` (others are ignored). */
  finance: readonly FinanceSource[];
  /** Disclosures first published within the month. */
  disclosures: readonly DisclosureRef[];
  notices: readonly NoticeRef[];
  survey: SurveySection | null;
  overdue: readonly Gap[];
  /** How many of the largest items of each direction to show. */
  topItems?: number;
}

function sumTotals(sources: readonly FinanceSource[]): Totals | null {
  if (sources.length === 0) return null;
  let incomeFen = 0;
  let expenseFen = 0;
  for (const s of sources) {
    incomeFen += s.totals.incomeFen;
    expenseFen += s.totals.expenseFen;
  }
  return { incomeFen, expenseFen, balanceFen: incomeFen - expenseFen };
}

function largest(
  sources: readonly FinanceSource[],
  direction: 'income' | 'expense',
  n: number,
): FinanceItem[] {
  const all: FinanceItem[] = [];
  for (const s of sources) {
    for (const i of s.items) {
      if (i.direction === direction) {
        all.push({
          direction,
          category: i.category,
          note: i.note,
          amountFen: i.amountFen,
          seriesId: s.seriesId,
        });
      }
    }
  }
  // Largest first; ties keep a stable, data-derived order so a re-run gives the same draft.
  all.sort(
    (a, b) =>
      b.amountFen - a.amountFen || a.seriesId.localeCompare(b.seriesId) || a.note.localeCompare(b.note),
  );
  return all.slice(0, n);
}

export function financeSection(input: ComposeInput): FinanceSection {
  const n = input.topItems ?? 3;
  const bySeries = (a: FinanceSource, b: FinanceSource) => a.seriesId.localeCompare(b.seriesId);
  const current = input.finance.filter((f) => f.periodKey === input.month).sort(bySeries);
  const previous = input.finance.filter((f) => f.periodKey === input.previousMonth).sort(bySeries);
  const totals = sumTotals(current);
  const previousTotals = sumTotals(previous);
  const change =
    totals && previousTotals
      ? {
          incomeFen: totals.incomeFen - previousTotals.incomeFen,
          expenseFen: totals.expenseFen - previousTotals.expenseFen,
          balanceFen: totals.balanceFen - previousTotals.balanceFen,
        }
      : null;
  return {
    totals,
    previousTotals,
    change,
    largestIncome: largest(current, 'income', n),
    largestExpense: largest(current, 'expense', n),
    sources: current.map((f) => ({ seriesId: f.seriesId, title: f.title, version: f.version })),
  };
}

/** The month's report of one village, from its own data only. Pure and deterministic. */
export function composeReport(input: ComposeInput): ReportContent {
  const finance = financeSection(input);
  const disclosures = [...input.disclosures].sort(
    (a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.seriesId.localeCompare(b.seriesId),
  );
  const notices = [...input.notices].sort(
    (a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.noticeId.localeCompare(b.noticeId),
  );
  return {
    month: input.month,
    villageName: input.villageName,
    finance,
    disclosures,
    notices,
    survey: input.survey,
    overdue: [...input.overdue],
    empty: !finance.totals && disclosures.length === 0 && notices.length === 0 && !input.survey,
  };
}

const DAY_MS = 86_400_000;

/**
 * China calendar days from the day a draft was composed to the day of `nowIso` (China has no
 * daylight saving, so whole days are exact). A draft composed at 06:00 on the 1st has waited
 * 5 days on the 6th, whatever the hour, on any server's time zone.
 */
export function waitingDays(composedAt: string, nowIso: string): number {
  const from = chinaDayStart(chinaDateKey(composedAt)).getTime();
  const to = chinaDayStart(chinaDateKey(nowIso)).getTime();
  return Math.max(0, Math.round((to - from) / DAY_MS));
}

/** Whether a draft has waited more than `days` China calendar days. */
export function isStale(composedAt: string, nowIso: string, days: number): boolean {
  return waitingDays(composedAt, nowIso) > days;
}

/** Drafts composed before this instant are stale at `nowIso` (the same rule as isStale, as a query bound). */
export function staleCutoff(nowIso: string, days: number): string {
  return new Date(chinaDayStart(chinaDateKey(nowIso)).getTime() - days * DAY_MS).toISOString();
}

/**
 * What changed between two compositions of the same report, in words a cadre reads: the
 * month's money first, then corrected, new or removed finance disclosures, other
 * disclosures, notices, the survey and overdue items. Empty when nothing changed.
 */
export function contentChanges(before: ReportContent, after: ReportContent): string[] {
  const lines: string[] = [];
  const money = (label: string, a: number | undefined, b: number | undefined) => {
    if (a === b) return;
    if (a === undefined) lines.push(`本月${label}：${formatYuan(b as number)}（此前未公开）`);
    else if (b === undefined) lines.push(`本月${label}：不再有公开数据（此前为 ${formatYuan(a)}）`);
    else lines.push(`本月${label}由 ${formatYuan(a)} 变为 ${formatYuan(b)}`);
  };
  const t0 = before.finance.totals;
  const t1 = after.finance.totals;
  money('收入', t0?.incomeFen, t1?.incomeFen);
  money('支出', t0?.expenseFen, t1?.expenseFen);
  const oldSources = new Map(before.finance.sources.map((s) => [s.seriesId, s]));
  const newSources = new Map(after.finance.sources.map((s) => [s.seriesId, s]));
  for (const s of after.finance.sources) {
    const o = oldSources.get(s.seriesId);
    if (!o) lines.push(`新增财务公开《${s.title}》`);
    else if (o.version !== s.version) lines.push(`《${s.title}》已更正为第 ${s.version} 版`);
  }
  for (const o of before.finance.sources)
    if (!newSources.has(o.seriesId)) lines.push(`财务公开《${o.title}》不再计入本月`);
  const oldDisclosures = new Set(before.disclosures.map((d) => d.seriesId));
  for (const d of after.disclosures)
    if (!oldDisclosures.has(d.seriesId)) lines.push(`新增公开《${d.title}》`);
  const oldNotices = new Map(before.notices.map((n) => [n.noticeId, n]));
  for (const n of after.notices) {
    const o = oldNotices.get(n.noticeId);
    if (!o) lines.push(`新增通知《${n.title}》`);
    else if (!o.withdrawn && n.withdrawn) lines.push(`通知《${n.title}》已撤回`);
    else if (o.title !== n.title) lines.push(`通知《${o.title}》已更正为《${n.title}》`);
  }
  if (canonicalJson(before.survey) !== canonicalJson(after.survey)) lines.push('满意度测评结果有更新');
  if (canonicalJson(before.overdue) !== canonicalJson(after.overdue)) lines.push('逾期未公开的事项有变化');
  if (!lines.length && canonicalJson(before) !== canonicalJson(after)) lines.push('本月公开内容有更新');
  return lines;
}

/** JSON with object keys sorted: two contents are the same when these are equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
