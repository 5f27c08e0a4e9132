import type { Attachment } from '../common/contracts/disclosure';
import type {
  DecisionCategory,
  FlowStep,
  ListKind,
  MeetingKind,
  Outcome,
  PowerCategory,
  RecordKind,
  ResolutionBody,
  Step,
  StepView,
  DecisionStatus,
} from '../common/contracts/decisions';
import type { Collection, Doc, Store } from '../common/store/port';

/** This context's collections. Private: other contexts ask public.ts. */

export interface ItemContentDoc {
  list: ListKind;
  name: string;
  category: PowerCategory;
  basis: string;
  keywords: string[];
  steps: FlowStep[];
  retired: boolean;
}

/** One immutable version of a list item. _id = `${itemId}.v${version}`. */
export interface ItemVersionDoc extends Doc, ItemContentDoc {
  itemId: string;
  version: number;
  requestId: string;
  scope: 'town' | 'village';
  townId: string;
  villageId: string | null;
  reason: string | null;
  at: string;
  by: { openid: string; name: string };
}

/** The newest version of an item, as lists read it; rebuilt from its versions at any time. */
export interface ItemHeadDoc extends Doc, ItemContentDoc {
  scope: 'town' | 'village';
  townId: string;
  villageId: string | null;
  version: number;
  updatedAt: string;
}

export interface MeetingFacts {
  kind: MeetingKind;
  entitled: number;
  present: number;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  households: { entitled: number; present: number } | null;
  outcome: Outcome;
  minutes: Attachment[];
  note: string;
}

/**
 * One recorded step of a decision (a meeting attempt, the proposal, a publication). Never
 * changed once written, except that a 村监委 member confirms a meeting once.
 * _id = `${decisionId}.${step}.${attempt}`.
 */
export interface StepRecordDoc extends Doc {
  decisionId: string;
  villageId: string;
  step: Step;
  attempt: number;
  requestId: string;
  on: string;
  meeting: MeetingFacts | null;
  /** 决议公开 / 实施结果公开: the 三务公开 record. */
  disclosureId: string | null;
  body: string | null;
  recordedBy: { openid: string; name: string };
  at: string;
  confirmedBy: { openid: string; name: string } | null;
  confirmedAt: string | null;
  confirmNote: string;
}

/** A decision as lists read it: its facts and the state its records give (kept on every write). */
export interface DecisionDoc extends Doc {
  villageId: string;
  townId: string;
  requestId: string;
  title: string;
  category: DecisionCategory;
  summary: string;
  proposer: string;
  proposedOn: string;
  /** `${proposedOn}:${_id}`: newest first, and a total order for cursor paging. */
  sortKey: string;
  resolutionBody: ResolutionBody;
  plannedCompletion: string | null;
  attachments: Attachment[];
  status: DecisionStatus;
  next: Step | null;
  nextDueOn: string | null;
  unconfirmed: Step[];
  steps: StepView[];
  resultBody: string | null;
  updatedAt: string;
}

/** Per village, what the town view shows; rebuilt from the village's decisions and meetings on each write. */
export interface VillageSummaryDoc extends Doc {
  townId: string;
  counts: Record<DecisionStatus, number>;
  /** Open decisions with a due date, for overdue flags (compared with today when read). */
  due: { decisionId: string; title: string; step: Step; dueOn: string }[];
  unconfirmed: number;
  /** recordKey()s of the meetings of record held. */
  held: string[];
  /** recordKey()s of those entered as 补录 (past their period and its grace); absent on older summaries. */
  late?: string[];
  updatedAt: string;
}

/** A meeting of record. _id = `${villageId}:${kind}:${periodKey}`: one per period. */
export interface RegularMeetingDoc extends Doc {
  villageId: string;
  townId: string;
  kind: RecordKind;
  periodKey: string;
  requestId: string;
  heldOn: string;
  entitled: number;
  present: number;
  topics: string;
  minutes: Attachment[];
  recordedBy: { openid: string; name: string };
  /** When it was entered, by the server's clock (its China date tells a 补录). */
  at: string;
}

export const itemVersionsOf = (s: Store): Collection<ItemVersionDoc> => s.collection('powerItemVersions');
export const itemsOf = (s: Store): Collection<ItemHeadDoc> => s.collection('powerItems');
export const decisionsOf = (s: Store): Collection<DecisionDoc> => s.collection('decisions');
export const stepRecordsOf = (s: Store): Collection<StepRecordDoc> => s.collection('decisionSteps');
export const villageSummariesOf = (s: Store): Collection<VillageSummaryDoc> =>
  s.collection('decisionVillages');
export const regularMeetingsOf = (s: Store): Collection<RegularMeetingDoc> => s.collection('regularMeetings');
