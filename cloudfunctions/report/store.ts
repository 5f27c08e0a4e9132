import type { DeliveryState, ReportContent, ReportStatus, TemplateKey } from '../common/contracts/report';
import type { Collection, Doc, Store } from '../common/store/port';

/**
 * The head of a notice (通知公告): what lists show, derived from its latest version and its
 * events. _id derives from village + requestId. `publishedAt` is the FIRST publication and never
 * changes (composition and the assessment count notices by it); the text fields mirror the latest
 * version in `noticeVersions`.
 */
export interface NoticeDoc extends Doc {
  villageId: string;
  townId: string;
  title: string;
  body: string;
  /** The start of `body` that lists show, so a list never reads whole bodies. */
  excerpt: string;
  pictures: string[];
  pinned: boolean;
  /** Last China date it is shown ('' = no expiry, sorts before every date). */
  expiresOn: string;
  /**
   * Last China date it belongs in the current list (else in the archive): its expiry, or a
   * few days after a withdrawal, whichever comes first; '9999-12-31' when neither. Lists
   * query on it, so they page in the database.
   */
  listedUntil: string;
  requestId: string;
  publishedAt: string;
  publisher: { openid: string; name: string };
  /** Counter kept on every first read; recountable from `reads`. */
  readCount: number;
  /** Latest version (absent on notices stored before versions existed: 1). */
  version?: number;
  /** Publication of the latest version. */
  updatedAt?: string;
  /** Copied from the notice's withdraw event; set once, never changed. */
  withdrawal?: { at: string; openid: string; name: string; reason: string } | null;
}

/** One immutable published version of a notice. _id = `${noticeId}.v${version}`. */
export interface NoticeVersionDoc extends Doc {
  noticeId: string;
  version: number;
  requestId: string;
  villageId: string;
  townId: string;
  title: string;
  body: string;
  pictures: string[];
  expiresOn: string;
  /** Why this version corrects the one before (null for version 1). */
  reason: string | null;
  publishedAt: string;
  publisher: { openid: string; name: string };
}

/** What a cadre did to a published notice. _id = `${noticeId}|${kind}`: each happens once. */
export interface NoticeEventDoc extends Doc {
  noticeId: string;
  kind: 'unpin' | 'withdraw';
  at: string;
  by: { openid: string; name: string };
  reason: string | null;
}

/** One village's report of one month. _id = `${villageId}.${month}`: one draft, ever. */
export interface ReportDoc extends Doc {
  villageId: string;
  townId: string;
  month: string;
  status: ReportStatus;
  content: ReportContent;
  /** The first draft (the town's reminder counts from it). */
  composedAt: string;
  /** When `content` was last composed, if after `composedAt` (a refresh that found changes). */
  contentAsOf?: string;
  /** What the last refresh changed, in words (drafts only). */
  changes?: { at: string; lines: string[] } | null;
  note: string;
  publishedAt: string | null;
  publisher: { openid: string; name: string } | null;
  /** When the town was told that this draft stayed unpublished too long. */
  flaggedAt: string | null;
  readCount: number;
}

/** A first read of a report or notice. _id = `${subjectId}|${openid}`. */
export interface ReadDoc extends Doc {
  subjectId: string;
  openid: string;
  at: string;
  /** false until the read is in its subject's readCount (absent on reads stored before: counted). */
  counted?: boolean;
}

/** What one person has granted for one template. _id = `${openid}|${template}`. */
export interface GrantDoc extends Doc {
  openid: string;
  villageId: string | null;
  template: TemplateKey;
  /** One-time grants not yet used by a sent message (WeChat: one message per accepted tap). */
  oneTime: number;
  longTerm: boolean;
  lastAnswer: string;
  updatedAt: string;
}

/** One tap's answer, kept so a retried `subscribe` never counts twice. */
export interface GrantEventDoc extends Doc {
  openid: string;
  template: TemplateKey;
  answer: string;
  at: string;
}

/** A delivery of one subject (a report or a notice) to a village. _id = subjectId. */
export interface DeliveryJobDoc extends Doc {
  kind: 'report' | 'notice';
  villageId: string;
  townId: string;
  template: TemplateKey;
  page: string;
  data: Record<string, { value: string }>;
  state: 'planning' | 'sending' | 'done';
  /** Set when the subject was withdrawn before every message went out. */
  cancelledAt?: string | null;
  /** Users are planned in _id order; the last one planned ('' before the first). */
  planCursor: string;
  planned: number;
  createdAt: string;
  doneAt: string | null;
}

/** One person's delivery of one subject. _id = `${subjectId}|${openid}`. */
export interface DeliveryDoc extends Doc {
  subjectId: string;
  openid: string;
  state: DeliveryState;
  attempts: number;
  /** When a failedRetryable delivery may be tried again ('' otherwise). */
  nextAttemptAt: string;
  /** The run holding a claimed or inFlight delivery, and until when. */
  owner: string;
  leaseUntil: string;
  lastCode: number | null;
  updatedAt: string;
  sentAt: string | null;
  /** Set once a run died with this delivery inFlight: it may have been sent already. */
  ambiguous?: boolean;
  /** The batch claim of the run holding it ('' or absent when none). */
  claim?: string;
}

/** Marks a finished town-wide run (e.g. `compose:2026-10`) so later ticks skip it. */
export interface RunMarkDoc extends Doc {
  at: string;
  /** A pause (the subscribe-message quota): until this instant. */
  until?: string;
}

export const noticesOf = (s: Store): Collection<NoticeDoc> => s.collection<NoticeDoc>('notices');
export const noticeVersionsOf = (s: Store): Collection<NoticeVersionDoc> =>
  s.collection<NoticeVersionDoc>('noticeVersions');
export const noticeEventsOf = (s: Store): Collection<NoticeEventDoc> =>
  s.collection<NoticeEventDoc>('noticeEvents');
export const reportsOf = (s: Store): Collection<ReportDoc> => s.collection<ReportDoc>('reports');
export const readsOf = (s: Store): Collection<ReadDoc> => s.collection<ReadDoc>('reportReads');
export const grantsOf = (s: Store): Collection<GrantDoc> => s.collection<GrantDoc>('subscribeGrants');
export const grantEventsOf = (s: Store): Collection<GrantEventDoc> =>
  s.collection<GrantEventDoc>('subscribeGrantEvents');
export const jobsOf = (s: Store): Collection<DeliveryJobDoc> => s.collection<DeliveryJobDoc>('deliveryJobs');
export const deliveriesOf = (s: Store): Collection<DeliveryDoc> => s.collection<DeliveryDoc>('deliveries');
export const runMarksOf = (s: Store): Collection<RunMarkDoc> => s.collection<RunMarkDoc>('reportRuns');

export const noticeVersionIdOf = (noticeId: string, version: number) => `${noticeId}.v${version}`;
export const reportIdOf = (villageId: string, month: string) => `${villageId}.${month}`;
export const deliveryIdOf = (subjectId: string, openid: string) => `${subjectId}|${openid}`;
export const grantIdOf = (openid: string, template: TemplateKey) => `${openid}|${template}`;
