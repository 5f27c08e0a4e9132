import type { z } from 'zod';
import type { TownPage } from './paging';
import type { Attachment } from './disclosure';
import type { Iso } from './shared';
import type {
  AutoSource,
  EntryKind,
  Finding,
  LedgerUnit,
  Schedule,
  SchemeInput,
  StandardInput,
} from './assessment-schemas';

/** What the assessment actions return: sheets, totals and tiers, the dashboard, the ledger. */

export type SheetState = 'draft' | 'submitted' | 'reviewed' | 'confirmed';
export const SHEET_STATE_LABELS: Record<SheetState | 'none', string> = {
  none: '未开始',
  draft: '自评中',
  submitted: '已提交，待审核',
  reviewed: '审核中',
  confirmed: '已定级',
};

export interface Standard extends z.output<typeof StandardInput> {
  id: string;
  townId: string;
  version: number;
  schedule: Schedule;
  publishedAt: Iso;
}

export interface TierScheme extends z.output<typeof SchemeInput> {
  townId: string;
}

export interface AutoValue {
  source: AutoSource;
  /**
   * Points the data gives. Every source of this product always gives points (no records in the
   * window score what that means); null only on sheets stored before that was so.
   */
  points: number | null;
  /** What the points come from, in one sentence: the months weighed and what was counted. */
  basis: string;
  asOf: Iso;
}

/** An auto-scored item the village scored differently from the data: both figures and why. */
export interface AutoOverride {
  selfScore: number;
  autoPoints: number;
  reason: string;
}

/**
 * Where the sheet stands in the year's schedule: `open` to fill and submit (before the
 * self-assessment date, or opened again by the town); `submitOnly` between the self-assessment
 * date and the submit date (a complete sheet can still go to the town, nothing can change);
 * `closed` after that (the town may open it again on request).
 */
export type SheetPhase = 'open' | 'submitOnly' | 'closed';

export interface ReopenRequestView {
  reason: string;
  byName: string;
  at: Iso;
  state: 'pending' | 'granted' | 'declined';
  answer: string;
  answeredByName: string | null;
  answeredAt: Iso | null;
}

export type Evidence = Attachment;

export interface SheetEntryView {
  kind: EntryKind;
  id: string;
  title: string;
  sectionId: string | null;
  maxPoints: number;
  guidance: string;
  auto: AutoValue | null;
  /** Set when the village's own score differs from the data (it then needs a reason). */
  override: AutoOverride | null;
  self: { score: number | null; applies: boolean | null; note: string; evidence: Evidence[]; reason: string };
  review: { score: number | null; applies: boolean | null; comment: string; byName: string; at: Iso } | null;
  /** What counts: the review if any, else the village's own score (or the auto value). */
  effective: { score: number | null; applies: boolean };
}

export interface ScoreTotals {
  /** Sum of the sections' items. */
  base: number;
  /** Bonus as claimed, before the cap. */
  bonusClaimed: number;
  /** Bonus that counts: never above the standard's cap. */
  bonus: number;
  total: number;
  sections: { id: string; title: string; maxPoints: number; points: number }[];
  vetoes: string[];
  /** Items with no score yet. */
  missing: number;
}

export interface TierResult {
  key: string | null;
  label: string;
  qinglian: boolean;
  /** Why: '总分 86 分，达到达标村（80 分）' or '存在否决项：…'. */
  why: string;
}

export interface VillageComment {
  byName: string;
  at: Iso;
  text: string;
}

export interface SheetView {
  village: { id: string; name: string };
  year: number;
  standard: {
    id: string;
    version: number;
    title: string;
    bonusCap: number;
    schedule: Schedule;
    maxBase: number;
  };
  state: SheetState;
  rev: number;
  deadlinePassed: boolean;
  /** Only meaningful while the sheet is a draft. */
  phase: SheetPhase;
  /** What stands between the draft and its submission, in words (empty when it can go). */
  missing: string[];
  /** The village's latest request to open the sheet again, and the town's answer. */
  reopenRequest: ReopenRequestView | null;
  entries: SheetEntryView[];
  sections: { id: string; title: string }[];
  selfTotals: ScoreTotals;
  /** Null until the town has reviewed at least one item. */
  reviewTotals: ScoreTotals | null;
  /** Totals that count (review over self). */
  totals: ScoreTotals;
  computedTier: TierResult;
  confirmed: (TierResult & { byName: string; at: Iso; comment: string; reason: string }) | null;
  submittedAt: Iso | null;
  submittedByName: string | null;
  comments: VillageComment[];
  reopenReason: string | null;
  /**
   * On a draft that moved to a newer version of the standard (until it is submitted): which
   * version, what changed, which scores must be given again. Null otherwise.
   */
  standardNotice: string | null;
  /** What the caller may do here. */
  can: {
    edit: boolean;
    submit: boolean;
    review: boolean;
    confirm: boolean;
    comment: boolean;
    requestReopen: boolean;
    answerReopen: boolean;
  };
  tiers: { key: string; label: string; minScore: number; countsAsQinglian: boolean }[];
}

export interface AuditRecord {
  id: string;
  at: Iso;
  byName: string;
  byRole: string;
  action: string;
  /** The item concerned, in words. */
  target: string;
  before: string;
  after: string;
}

export interface LedgerMark {
  month: string;
  unitId: string;
  unitName: string;
  state: 'onTime' | 'late' | 'missing';
}

export interface DashboardVillage {
  villageId: string;
  villageName: string;
  state: SheetState | 'none';
  score: number | null;
  tier: TierResult | null;
  /** Confirmed by the town (otherwise the tier is provisional, from the score). */
  confirmed: boolean;
  vetoes: string[];
  target: { key: string; label: string } | null;
  belowTarget: boolean;
  trend: { year: number; score: number | null; tierLabel: string | null }[];
  ledgerLate: number;
  ledgerMissing: number;
}

export interface TierCount {
  key: string;
  label: string;
  countsAsQinglian: boolean;
  /** Confirmed by the town. */
  confirmed: number;
  /** Confirmed plus provisional (from scores of unconfirmed sheets). */
  projected: number;
  target: number | null;
}

export interface Dashboard extends Pick<TownPage, 'next'> {
  year: number;
  townName: string;
  asOf: string;
  villages: DashboardVillage[];
  /** All villages of the town; `villages` is one page of them. */
  villageTotal: number;
  counts: TierCount[];
  qinglian: { confirmed: number; target: number | null };
  states: Record<SheetState | 'none', number>;
  ledger: { late: number; missing: number; monthsChecked: string[] };
  schemeName: string;
  /** Villages asking to open their sheet again, oldest request first. */
  reopenRequests: { villageId: string; villageName: string; reason: string; byName: string; at: Iso }[];
}

export type LedgerFinding = Finding;

export interface LedgerRow {
  villageId: string;
  villageName: string;
  unitId: string;
  unitName: string;
  state: 'onTime' | 'late' | 'missing' | 'notDue';
  submittedAt: Iso | null;
  findings: LedgerFinding[];
  note: string;
  byName: string | null;
}

export interface LedgerView extends TownPage {
  month: string;
  dueOn: string;
  units: LedgerUnit[];
  rows: LedgerRow[];
}

export interface ExportFile {
  fileName: string;
  mime: string;
  base64: string;
  /** For the score sheet and application: the totals written into the file. */
  totals: { base: number; bonus: number; total: number; tier: string } | null;
}

/** A scheme with the years whose submitted sheets use it (its tiers can then no longer change). */
export interface SchemeWithUse extends TierScheme {
  lockedYears: number[];
}

export interface StandardOverview {
  standard: Standard | null;
  scheme: TierScheme | null;
  /** Years with a published standard, newest first. */
  years: number[];
  /** Every tier scheme of the town. */
  schemes: SchemeWithUse[];
  /** Sheets of the year already submitted: while any is, the year's standard cannot change. */
  submittedSheets: number;
}

export interface DemonstrationCandidate {
  villageId: string;
  villageName: string;
  score: number | null;
  tierLabel: string | null;
  /** Confirmed by the town (otherwise the tier is provisional). */
  confirmed: boolean;
  eligible: boolean;
  /** 1, 2, … among the eligible; null for the others. */
  rank: number | null;
  /** Why it is or is not eligible, in words. */
  reasons: string[];
  /** The survey round the 五好 was judged on ('2026-Q3'), if any. */
  surveyPeriod: string | null;
}

export interface Demonstration extends TownPage {
  year: number;
  /** A page of the town's list: eligible first by score, then the others by score. */
  villages: DemonstrationCandidate[];
  /** Eligible villages in the whole town. */
  eligible: number;
}
