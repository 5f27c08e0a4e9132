import { z } from 'zod';
import type { Category, Gap, Totals } from './disclosure';
import { DateKey, FileId, Id, MonthKey, Paging, RequestId, type Iso } from './shared';
import { townPageInput, type TownPage } from './paging';

/**
 * Subscribe-message templates the product asks for. The ids are issued per mini-program in
 * the WeChat console (订阅消息 → 我的模板); replace them there and here together. `fields` are
 * the keys of the template's data, in order.
 */
export const SUBSCRIBE_TEMPLATES = {
  monthlyReport: {
    id: 'REPORT_TEMPLATE_ID_FROM_CONSOLE',
    title: '村情月报发布通知',
    fields: ['thing1', 'time2', 'thing3'] as const,
    /** Long-term subscriptions are open to 政务民生 services only; one-time grants otherwise. */
    longTerm: false,
  },
  notice: {
    id: 'NOTICE_TEMPLATE_ID_FROM_CONSOLE',
    title: '村务通知公告',
    fields: ['thing1', 'time2', 'thing3'] as const,
    longTerm: false,
  },
} as const;
export type TemplateKey = keyof typeof SUBSCRIBE_TEMPLATES;
export const TEMPLATE_KEYS = Object.keys(SUBSCRIBE_TEMPLATES) as TemplateKey[];
export const TemplateKeySchema = z.enum(['monthlyReport', 'notice'], { error: '不支持的订阅类型' });

/** What `wx.requestSubscribeMessage` answered for one template. */
export const SubscribeAnswer = z.enum(['accept', 'reject', 'ban', 'filter']);

/** Notice pictures live in our own storage only, like disclosure attachments. */
const Picture = FileId;

/** Days a monthly report draft may wait for the cadres (China calendar days) before the town is told. */
export const REPORT_STALE_DRAFT_DAYS = 5;
/** Days a withdrawn notice stays in the default list (marked 已撤回) before it moves to the archive. */
export const WITHDRAWN_NOTICE_SHOWN_DAYS = 7;

const Reason = (what: string) =>
  z
    .string({ error: `请填写${what}原因` })
    .trim()
    .min(2, `${what}原因至少 2 个字`)
    .max(200, `${what}原因不超过 200 字`);

const NoticeText = {
  title: z.string({ error: '请填写标题' }).trim().min(2, '标题至少 2 个字').max(40, '标题不超过 40 个字'),
  body: z.string({ error: '请填写正文' }).trim().min(2, '正文至少 2 个字').max(3000, '正文不超过 3000 字'),
  pictures: z.array(Picture).max(9, '图片最多 9 张').default([]),
  /** Last China date the notice is in force; omitted = no expiry. Then it moves to the archive. */
  expiresOn: DateKey.optional(),
};
const NoticeContent = { ...NoticeText, pinned: z.boolean().default(false) };

export const reportInputs = {
  // ---- notices ----
  publishNotice: z.object({ requestId: RequestId, villageId: Id, ...NoticeContent }),
  /** `current`: notices in force (and recent withdrawals); `archive`: expired or long withdrawn. */
  listNotices: z.object({
    villageId: Id.optional(),
    scope: z.enum(['current', 'archive']).default('current'),
    ...Paging,
  }),
  /** `version` reads an earlier version of a corrected notice; default the latest. */
  getNotice: z.object({ noticeId: Id, version: z.number().int().min(1).optional() }),
  /** A correction is a new version with a reason; earlier versions stay readable. */
  correctNotice: z.object({
    requestId: RequestId,
    noticeId: Id,
    baseVersion: z.number().int().min(1),
    reason: Reason('更正'),
    ...NoticeText,
  }),
  unpinNotice: z.object({ noticeId: Id }),
  /** Withdrawal (撤回) is recorded, never a deletion: residents see the notice as 已撤回. */
  withdrawNotice: z.object({ noticeId: Id, reason: Reason('撤回') }),

  // ---- monthly reports ----
  /** A cadre (or town admin) drafts or refreshes the draft of one village and month. */
  draftReport: z.object({ villageId: Id, month: MonthKey }),
  listReports: z.object({ villageId: Id.optional(), ...Paging }),
  getReport: z.object({ reportId: Id }),
  publishReport: z.object({
    reportId: Id,
    note: z.string().trim().max(500, '说明不超过 500 字').default(''),
    /**
     * `contentAsOf` of the draft the cadre reviewed: publishing is refused (nothing written)
     * when the draft has been recomposed since, or its sources changed, so only what was
     * reviewed goes out.
     */
    seenAsOf: z.string().max(40).optional(),
  }),
  /**
   * Town admin: every village's report of a month (default: the month that closed last), and
   * the reminders of drafts left unpublished too long, of any month.
   */
  /** A page of the town's villages (cursor paging) and their report of the month. */
  townReports: z.object({ month: MonthKey.optional(), ...townPageInput(100, 50) }),

  // ---- subscriptions and delivery ----
  /** Records what the person granted in `wx.requestSubscribeMessage` after a tap. */
  subscribe: z.object({
    requestId: RequestId,
    answers: z
      .array(z.object({ template: TemplateKeySchema, answer: SubscribeAnswer }))
      .min(1)
      .max(3, '一次最多订阅 3 类消息'),
  }),
  mySubscriptions: z.object({}),
  deliveryStatus: z.object({ subjectId: Id }),
  /** A cadre resumes delivery now instead of waiting for the timer. */
  resumeDelivery: z.object({ subjectId: Id }),
} as const;

export type ReportInputs = { [K in keyof typeof reportInputs]: z.input<(typeof reportInputs)[K]> };

export interface FinanceItem {
  direction: 'income' | 'expense';
  category: string;
  note: string;
  amountFen: number;
  seriesId: string;
}

/** The village's finances of the report month, from its finance disclosures. */
export interface FinanceSection {
  /** Sum over the month's finance disclosures (their current versions). */
  totals: Totals | null;
  previousTotals: Totals | null;
  /** totals - previousTotals, when both months were disclosed. */
  change: Totals | null;
  largestIncome: FinanceItem[];
  largestExpense: FinanceItem[];
  sources: { seriesId: string; title: string; version: number }[];
}

export interface DisclosureRef {
  seriesId: string;
  title: string;
  category: Category;
  major: boolean;
  periodKey: string;
  publishedAt: Iso;
}

export interface NoticeRef {
  noticeId: string;
  title: string;
  publishedAt: Iso;
  /** The notice had been withdrawn when the report was composed. */
  withdrawn?: boolean;
}

export interface SurveySection {
  periodKey: string;
  closedAt: Iso;
  indicators: { name: string; approvalRate: number | null; status: 'met' | 'notMet' | 'insufficient' }[];
}

export interface ReportContent {
  month: string;
  villageName: string;
  finance: FinanceSection;
  disclosures: DisclosureRef[];
  notices: NoticeRef[];
  survey: SurveySection | null;
  overdue: Gap[];
  /** Nothing at all happened in the month (no disclosure, no notice, no finances). */
  empty: boolean;
  /**
   * The village's public record fingerprint when the report was published (absent on drafts and
   * on reports published before the chain existed; null when the village had no record yet).
   */
  chain?: { fingerprint: string; seq: number; at: Iso } | null;
}

export type ReportStatus = 'draft' | 'published';

export interface ReportSummary {
  reportId: string;
  villageId: string;
  month: string;
  status: ReportStatus;
  /** The first draft (a draft's waiting days count from it). */
  composedAt: Iso;
  /** When the content shown was composed (汇总于): a refresh that found changes moves it. */
  contentAsOf: Iso;
  publishedAt: Iso | null;
  /** Set when a draft stayed unpublished too long and the town was told (a recorded reminder). */
  flaggedAt: Iso | null;
  /** A draft that has waited more than REPORT_STALE_DRAFT_DAYS China calendar days. */
  stale: boolean;
  /** China calendar days a draft has waited since it was composed (0 for published reports). */
  waitingDays: number;
  totals: Totals | null;
}

export interface ReportDetail extends ReportSummary {
  content: ReportContent;
  /** A draft recomposed because its sources changed: when, and what changed (for managers). */
  changes: { at: Iso; lines: string[] } | null;
  note: string;
  publisherName: string | null;
  /** Only for cadres of the village and town admins. */
  readCount: number | null;
  canPublish: boolean;
}

export interface NoticeSummary {
  noticeId: string;
  villageId: string;
  title: string;
  excerpt: string;
  /** Pinned and still in force (a withdrawn or expired notice is never shown pinned). */
  pinned: boolean;
  expiresOn: string | null;
  /** First publication. */
  publishedAt: Iso;
  /** Publication of the latest version (= publishedAt unless corrected). */
  updatedAt: Iso;
  version: number;
  expired: boolean;
  withdrawn: boolean;
}

export interface NoticeWithdrawal {
  at: Iso;
  byName: string;
  reason: string;
}

export interface NoticeDetail extends NoticeSummary {
  body: string;
  pictures: string[];
  /** Who published the version shown. */
  publisherName: string;
  /** The version shown (title, body, pictures, expiresOn above are this version's). */
  shownVersion: number;
  /** Why the shown version corrected the one before (null for version 1). */
  reason: string | null;
  versions: { version: number; publishedAt: Iso; reason: string | null }[];
  withdrawal: NoticeWithdrawal | null;
  readCount: number | null;
  /** The viewer is a cadre of the village: may correct, unpin, withdraw. */
  canManage: boolean;
}

export type DeliveryState =
  | 'queued'
  | 'claimed'
  | 'inFlight'
  | 'sent'
  | 'failedRetryable'
  | 'refused'
  /** Had no grant when the subject was published; a later grant is kept for the next one. */
  | 'noGrant'
  | 'failed'
  | 'unconfirmed'
  /** Had a grant when the subject was published, but it was used up before this send. */
  | 'grantUsed'
  /** Not sent because the notice was withdrawn first. */
  | 'cancelled';

export interface DeliveryStatus {
  subjectId: string;
  state: 'planning' | 'sending' | 'done';
  /** Everyone of the village when the subject was published: the sum of `counts`. */
  planned: number;
  counts: Partial<Record<DeliveryState, number>>;
  /**
   * Set while WeChat's daily quota of subscribe messages is used up: the unsent wait (counted
   * 发送中) until this instant, the start of the next China day.
   */
  quotaPausedUntil?: string;
}

/** Why a delivery waits while the day's quota is used up (the cadre's delivery line). */
export const QUOTA_WAIT_TEXT = '今日订阅消息额度已用完，明日继续发送';

/**
 * How a cadre sees the delivery counts: every state in exactly one line, so the lines add up
 * to everyone planned. `unconfirmed` is a message whose fate nobody can know (the request may
 * have reached WeChat); it is never sent again.
 */
export const DELIVERY_LINES: readonly { label: string; states: readonly DeliveryState[] }[] = [
  { label: '已送达', states: ['sent'] },
  { label: '可能已送达（未确认，不再重发）', states: ['unconfirmed'] },
  { label: '发送中', states: ['queued', 'claimed', 'inFlight', 'failedRetryable'] },
  { label: '发布时未订阅', states: ['noGrant'] },
  { label: '订阅次数已用完', states: ['grantUsed'] },
  { label: '微信拒收（未订阅或次数用完）', states: ['refused'] },
  { label: '发送失败', states: ['failed'] },
  { label: '未发送（已撤回）', states: ['cancelled'] },
];

/** The lines a cadre sees (non-zero only) and their total, which equals `planned`. */
export function deliveryLines(status: Pick<DeliveryStatus, 'counts'>): {
  total: number;
  lines: { label: string; count: number }[];
} {
  const lines = DELIVERY_LINES.map((l) => ({
    label: l.label,
    count: l.states.reduce((n, s) => n + (status.counts[s] ?? 0), 0),
  })).filter((l) => l.count > 0);
  return { total: lines.reduce((n, l) => n + l.count, 0), lines };
}

export interface SubscriptionState {
  template: TemplateKey;
  title: string;
  templateId: string;
  /** Messages we may still send under one-time grants. */
  remaining: number;
  longTerm: boolean;
}

export interface ReportOutputs {
  publishNotice: NoticeDetail;
  listNotices: { items: NoticeSummary[]; hasMore: boolean };
  getNotice: NoticeDetail;
  correctNotice: NoticeDetail;
  unpinNotice: NoticeDetail;
  withdrawNotice: NoticeDetail;
  draftReport: ReportDetail;
  listReports: { items: ReportSummary[]; hasMore: boolean };
  getReport: ReportDetail;
  publishReport: { report: ReportDetail; delivery: DeliveryStatus };
  townReports: {
    month: string;
    /** The newest month that may be picked (the month that closed last). */
    latestMonth: string;
    staleAfterDays: number;
    villages: { villageId: string; villageName: string; report: ReportSummary | null; stale: boolean }[];
    /** Reminders recorded for drafts still unpublished, of any month, oldest first. */
    reminders: {
      reportId: string;
      villageId: string;
      villageName: string;
      month: string;
      remindedAt: Iso;
      waitingDays: number;
    }[];
  } & TownPage;
  subscribe: { subscriptions: SubscriptionState[] };
  mySubscriptions: { subscriptions: SubscriptionState[] };
  deliveryStatus: DeliveryStatus;
  resumeDelivery: DeliveryStatus;
}
