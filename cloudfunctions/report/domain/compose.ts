import { chinaDateKey, chinaDayStart } from '../../common/clock';
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
