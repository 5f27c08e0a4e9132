import type {
  AutoValue,
  EntryKind,
  Finding,
  SheetState,
  Standard,
  TierScheme,
  VillageComment,
} from '../common/contracts/assessment';
import type { Attachment } from '../common/contracts/disclosure';
import type { Collection, Doc, Store } from '../common/store/port';

/** A published version of a town's standard for a year. Immutable. _id = `${townId}.${year}.v${version}`. */
export interface StandardDoc extends Doc, Omit<Standard, 'id'> {
  publishedBy: { openid: string; name: string };
}

/** A tier scheme. _id = `${townId}.${schemeId}`. */
export interface SchemeDoc extends Doc, Omit<TierScheme, 'id'>, Audited {
  schemeId: string;
  updatedAt: string;
}

/** `${kind}_${id}`: the key of an entry in a sheet's maps. */
export const entryKey = (kind: EntryKind, id: string) => `${kind}_${id}`;

export interface SelfState {
  score: number | null;
  applies: boolean | null;
  note: string;
  evidence: Attachment[];
  reason: string;
}

export interface ReviewState {
  score: number | null;
  applies: boolean | null;
  comment: string;
  by: { openid: string; name: string };
  at: string;
}

export interface ConfirmedTier {
  key: string | null;
  label: string;
  qinglian: boolean;
  why: string;
  total: number;
  by: { openid: string; name: string };
  at: string;
  comment: string;
  reason: string;
}

/** One village's score sheet of one year. _id = `${villageId}.${year}`. */
export interface SheetDoc extends Doc {
  villageId: string;
  townId: string;
  year: number;
  standardId: string;
  standardVersion: number;
  state: SheetState;
  /** Bumped by every write: a write based on an older rev is refused (VERSION_CONFLICT). */
  rev: number;
  self: Record<string, SelfState>;
  review: Record<string, ReviewState>;
  /** The auto-scored values last computed (frozen at submission). */
  auto: Record<string, AutoValue>;
  submittedAt: string | null;
  submittedBy: { openid: string; name: string } | null;
  confirmed: ConfirmedTier | null;
  comments: VillageComment[];
  reopenReason: string | null;
  /**
   * A draft started on an earlier version of the standard and moved to the newest one: that
   * version's _id, for the notice until the sheet is submitted. Null otherwise.
   */
  movedFrom?: string | null;
  /**
   * Audit records of the last write, stored with the change itself so none is lost: inserted
   * right after (deterministic _ids, so inserting again is harmless) and then cleared; a write
   * that stopped in between is completed by the next one, and history shows them meanwhile.
   */
  pendingAudit?: AuditDoc[];
  /** The village's latest request to open the sheet again after the self-assessment date. */
  reopenRequest?: ReopenRequest | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReopenRequest {
  reason: string;
  by: { openid: string; name: string };
  at: string;
  state: 'pending' | 'granted' | 'declined';
  answer: string;
  answeredBy: { openid: string; name: string } | null;
  answeredAt: string | null;
}

/**
 * A document whose change and audit records are written together: the records ride on the
 * document (`pendingAudit`) until they are in the audit collection. `rev` counts the writes.
 */
export interface Audited {
  rev?: number;
  pendingAudit?: AuditDoc[];
}

/**
 * What the dashboard reads: one per village and year, kept on every change of the sheet or the
 * ledger, recountable from them (`recount`). _id = `${villageId}.${year}`.
 */
export interface SummaryDoc extends Doc {
  townId: string;
  villageId: string;
  year: number;
  state: SheetState;
  /** The totals that count (review over self); null without a sheet. */
  total: number | null;
  selfTotal: number | null;
  /** Confirmed tier, else the tier the score gives. */
  tierKey: string | null;
  tierConfirmed: boolean;
  vetoes: string[];
  submittedAt: string | null;
  /** Ledgers filed: month -> unit -> on time or late. */
  ledger: Record<string, Record<string, 'onTime' | 'late'>>;
  /**
   * The village's place on the town's board, worst first (domain/standing.ts), kept with the
   * summary and whenever what it depends on changes (last year's confirmed tier, the scheme).
   */
  orderKey?: string;
  updatedAt: string;
}

/** One responsible unit's supervision ledger of one village and month. _id = `${villageId}.${unitId}.${month}`. */
export interface LedgerDoc extends Doc, Audited {
  townId: string;
  villageId: string;
  unitId: string;
  month: string;
  year: number;
  findings: Finding[];
  note: string;
  /** First filing: decides on time or late, never changes. */
  firstSubmittedAt: string;
  updatedAt: string;
  by: { openid: string; name: string };
}

/** An immutable record of one change: who, when, what before and after. */
export interface AuditDoc extends Doc {
  townId: string;
  villageId: string;
  year: number;
  subject: 'sheet' | 'ledger' | 'standard' | 'scheme';
  at: string;
  by: { openid: string; name: string; role: string };
  action: string;
  target: string;
  before: string;
  after: string;
}

export const standardsOf = (s: Store): Collection<StandardDoc> =>
  s.collection<StandardDoc>('assessmentStandards');
export const schemesOf = (s: Store): Collection<SchemeDoc> => s.collection<SchemeDoc>('assessmentSchemes');
export const sheetsOf = (s: Store): Collection<SheetDoc> => s.collection<SheetDoc>('assessmentSheets');
export const summariesOf = (s: Store): Collection<SummaryDoc> =>
  s.collection<SummaryDoc>('assessmentSummaries');
export const ledgersOf = (s: Store): Collection<LedgerDoc> => s.collection<LedgerDoc>('supervisionLedger');
export const auditOf = (s: Store): Collection<AuditDoc> => s.collection<AuditDoc>('assessmentAudit');

/**
 * The town's totals of a year (`${townId}.${year}`), kept whenever a village summary of that
 * year is written and recountable from those summaries at any time (townSummary.ts): what the
 * dashboard counts over every village, read with one `get`.
 */
export interface TownSummaryDoc extends Doc {
  townId: string;
  year: number;
  /** Villages per sheet state (villages without a scored sheet are not counted: 'none'). */
  states: Partial<Record<SheetState, number>>;
  /** Villages per `${tierKey}|${confirmed ? 1 : 0}|${vetoed ? 1 : 0}` (scored sheets only). */
  tiers: Record<string, number>;
  /** Ledgers filed per month and unit, on time and late. */
  ledger: Record<string, Record<string, { onTime: number; late: number }>>;
  updatedAt: string;
}

export const townSummariesOf = (s: Store): Collection<TownSummaryDoc> =>
  s.collection<TownSummaryDoc>('assessmentTownSummaries');

/** What the 示范点 list judges a village on from its survey: its latest valid round closed by the year's end. */
export interface DemonstrationSurvey {
  roundId: string;
  periodKey: string;
  /** ISO instant the round closed. */
  closedAt: string;
  indicators: { indicatorId: string; name: string; approvalRate: number | null; status: string }[];
}

/**
 * One village's place in the town's 示范点 list of a year (`${villageId}.${year}`), kept on
 * write: when its summary is written (a sheet saved, submitted, reviewed, rated) and when a
 * survey round of the village closes; recountable from the summaries and the survey results
 * (`recount`). `sortKey` orders the town's list (eligible first, by score), so the list is read
 * a page at a time whatever the size of the town.
 */
export interface DemonstrationDoc extends Doc {
  townId: string;
  villageId: string;
  year: number;
  /** 'none' when the village has no scored sheet. */
  state: SheetState | 'none';
  score: number | null;
  tierKey: string | null;
  confirmed: boolean;
  vetoes: string[];
  /** Whether the survey was read (a survey of null then means none). */
  surveyRead: boolean;
  survey: DemonstrationSurvey | null;
  eligible: boolean;
  sortKey: string;
  updatedAt: string;
}

export const demonstrationsOf = (s: Store): Collection<DemonstrationDoc> =>
  s.collection<DemonstrationDoc>('assessmentDemonstration');
