import { z } from 'zod';
import { oversightLogInputs, OVERSIGHT_LOG_REFUSALS, type OversightLogOutputs } from './oversight-log';
import { QUESTION_CATEGORIES, RATINGS, type EscalationReason, type ItemState } from './oversight-labels';
import { FileId, Id, RequestId } from './shared';

export * from './oversight-labels';

export * from './oversight-log';

/**
 * 问题反映 (oversight items) and the 村监委's work: inputs, outputs and the named refusals of the
 * oversight context. Pages and the cloud function both read this file.
 */

export const QuestionCategory = z.enum(QUESTION_CATEGORIES, { error: '请选择问题类别' });
export type QuestionCategory = z.infer<typeof QuestionCategory>;

/**
 * Where an item points: a disclosure version (optionally one line item), a notice, a monthly
 * report, a decision (村级决策), or nothing.
 */
export const Subject = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('general') }),
    z.object({
      kind: z.literal('disclosure'),
      seriesId: Id,
      version: z.number({ error: '缺少版本号' }).int('版本号必须是整数').min(1).max(1000),
      /** Index of the line item in that version; absent for the disclosure as a whole. */
      itemIndex: z
        .number({ error: '明细序号必须是数字' })
        .int('明细序号必须是整数')
        .min(0)
        .max(499)
        .optional(),
    }),
    z.object({ kind: z.literal('notice'), noticeId: Id }),
    z.object({ kind: z.literal('report'), reportId: Id }),
    z.object({ kind: z.literal('decision'), decisionId: Id }),
    /** One row of a payout list (惠民资金发放名单) version. */
    z.object({
      kind: z.literal('payout'),
      seriesId: Id,
      version: z.number({ error: '缺少版本号' }).int('版本号必须是整数').min(1).max(1000),
      rowIndex: z.number({ error: '缺少行号' }).int('行号必须是整数').min(0).max(1999),
    }),
  ],
  { error: '请选择反映的事项' },
);
export type Subject = z.infer<typeof Subject>;

export const Photo = z.object({ fileId: FileId, name: z.string().trim().max(60).default('') });
export type Photo = z.infer<typeof Photo>;

const Text = (what: string, min: number, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(min, `${what}至少 ${min} 个字`)
    .max(max, `${what}不超过 ${max} 个字`);

const Photos = z.array(Photo, { error: '照片格式不正确' }).max(9, '照片最多 9 张').default([]);

export const Rating = z.enum(RATINGS, { error: '请选择满意、基本满意或不满意' });
export type Rating = z.infer<typeof Rating>;

export const STEP_KINDS = [
  'raised',
  'accepted',
  'referred',
  'answered',
  'verified',
  'returned',
  'rated',
  'objected',
  'escalated',
  'instructed',
  'takenOver',
  'closed',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Days (China time) the village has for each stage, unless the town changed them. */
export const DEFAULT_DEADLINES = { acceptDays: 3, answerDays: 15, rateDays: 15 } as const;
export const DAILY_RAISE_LIMIT = 5;

const Days = (what: string, max: number) =>
  z
    .number({ error: `${what}必须是数字` })
    .int(`${what}必须是整数`)
    .min(1, `${what}至少 1 天`)
    .max(max, `${what}不超过 ${max} 天`);

const Cursor = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, '翻页标记格式不正确')
  .optional();
const Limit = z.number({ error: '每页条数必须是数字' }).int().min(1).max(50).default(20);

export const oversightInputs = {
  /** Any bound person raises a question about a place, or in general. */
  raise: z.object({
    requestId: RequestId,
    category: QuestionCategory,
    text: Text('反映内容', 5, 500),
    photos: Photos,
    subject: Subject.default({ kind: 'general' }),
    /** Whether the village may see the reporter's name (the 村监委 and the town always do). */
    showName: z.boolean({ error: '请选择是否公开姓名' }),
    /** Whether the question and its answer may be shown to everyone on the disclosure. */
    allowPublic: z.boolean({ error: '请选择是否公开答复' }).default(true),
  }),
  /** The caller's own items, newest first. */
  mine: z.object({ cursor: Cursor, limit: Limit }),
  /** One item with every step, as the caller may see it. */
  get: z.object({ itemId: Id }),
  /** The items of a village for its 村监委, cadres or the town, newest first. */
  inbox: z.object({
    villageId: Id.optional(),
    filter: z.enum(['open', 'all', 'escalated'], { error: '筛选条件不正确' }).default('open'),
    cursor: Cursor,
    limit: Limit,
  }),
  /** 村监委 受理, optionally naming the cadre who should answer. */
  accept: z.object({ itemId: Id, note: Text('受理意见', 0, 300).default(''), assigneeId: Id.optional() }),
  /** 村监委 refers the item to where it belongs (e.g. another department), with where and why. */
  refer: z.object({ itemId: Id, note: Text('转交说明', 4, 300) }),
  /** A cadre answers (答复) with text and attachments. */
  answer: z.object({ itemId: Id, text: Text('答复内容', 5, 1000), photos: Photos }),
  /** 村监委 checks the answer (核实): passes it to the reporter, or returns it to the cadres. */
  verify: z.object({
    itemId: Id,
    outcome: z.enum(['pass', 'return'], { error: '请选择核实结果' }),
    note: Text('核实意见', 0, 300).default(''),
  }),
  /** The reporter rates the answer, once. */
  rate: z.object({ itemId: Id, rating: Rating, comment: Text('评价说明', 0, 300).default('') }),
  /** The reporter objects once to a referral or a close. */
  object: z.object({ itemId: Id, text: Text('异议理由', 5, 300) }),
  /** Town 纪委: an instruction to the village on an escalated item. */
  instruct: z.object({ itemId: Id, text: Text('督办意见', 4, 500) }),
  /** Town 纪委 takes the item over. */
  takeOver: z.object({ itemId: Id, note: Text('说明', 0, 300).default('') }),
  /** Town 纪委 closes an escalated item with its conclusion. */
  close: z.object({ itemId: Id, conclusion: Text('办结结论', 5, 1000) }),
  /** Questions about one disclosure: how many, and the public answers. */
  aboutDisclosure: z.object({ seriesId: Id }),
  /** The town's view: every village's open, overdue and escalated items, paged by village. */
  townView: z.object({ cursor: Cursor, limit: z.number().int().min(1).max(100).default(50) }),
  /** The deadlines in force for the caller's town. */
  deadlines: z.object({}),
  /** Town admins change the deadlines (for items raised or accepted from now on). */
  setDeadlines: z.object({
    acceptDays: Days('受理期限', 15),
    answerDays: Days('答复期限', 60),
    rateDays: Days('评价期限', 30),
  }),
  ...oversightLogInputs,
} as const;

export type OversightInputs = { [K in keyof typeof oversightInputs]: z.input<(typeof oversightInputs)[K]> };

/** Named refusals of this context, each with what a person reads. */
export const OVERSIGHT_REFUSALS = {
  ITEM_CLOSED: '该问题已经办结，不能再进行此操作',
  WRONG_STATE: '该问题当前所处的环节不能进行此操作，请刷新后查看最新进展',
  ALREADY_RATED: '您已经评价过这条答复，每条只能评价一次',
  ALREADY_OBJECTED: '您已经提出过一次异议，不能重复提出',
  NOT_REPORTER: '只有反映人本人可以进行此操作',
  RAISE_LIMIT: `每人每天最多反映 ${DAILY_RAISE_LIMIT} 个问题，请明天再提交；紧急情况请直接联系村监委`,
  SUBJECT_NOT_FOUND: '没有找到您要反映的公开内容或明细，请返回重新选择',
  ASSIGNEE_INVALID: '指定的办理人不是本村干部',
  STEP_CONFLICT: '该问题刚刚有了新的进展，请刷新后再操作',
  OWN_ITEM: '这是您本人反映的问题，请由其他村监委成员或村干部办理',
  OWN_ANSWER: '这条答复是您本人作出的，请由其他村监委成员核实',
  ...OVERSIGHT_LOG_REFUSALS,
} as const;
export type OversightRefusal = keyof typeof OVERSIGHT_REFUSALS;

/** Which named refusals each action may return (besides the shared ones: role, village, not found). */
export const OVERSIGHT_ACTION_REFUSALS: { [K in keyof typeof oversightInputs]: OversightRefusal[] } = {
  raise: ['RAISE_LIMIT', 'SUBJECT_NOT_FOUND'],
  mine: [],
  get: ['NOT_REPORTER'],
  inbox: [],
  accept: ['ITEM_CLOSED', 'WRONG_STATE', 'ASSIGNEE_INVALID', 'STEP_CONFLICT', 'OWN_ITEM'],
  refer: ['ITEM_CLOSED', 'WRONG_STATE', 'STEP_CONFLICT', 'OWN_ITEM'],
  answer: ['ITEM_CLOSED', 'WRONG_STATE', 'STEP_CONFLICT', 'OWN_ITEM'],
  verify: ['ITEM_CLOSED', 'WRONG_STATE', 'STEP_CONFLICT', 'OWN_ITEM', 'OWN_ANSWER'],
  rate: ['NOT_REPORTER', 'ALREADY_RATED', 'ITEM_CLOSED', 'WRONG_STATE', 'STEP_CONFLICT'],
  object: ['NOT_REPORTER', 'ALREADY_OBJECTED', 'WRONG_STATE', 'STEP_CONFLICT'],
  instruct: ['ITEM_CLOSED', 'WRONG_STATE', 'STEP_CONFLICT'],
  takeOver: ['ITEM_CLOSED', 'WRONG_STATE', 'STEP_CONFLICT'],
  close: ['ITEM_CLOSED', 'WRONG_STATE', 'STEP_CONFLICT'],
  aboutDisclosure: [],
  townView: [],
  deadlines: [],
  setDeadlines: [],
  logMonth: [],
  logAdd: ['LOG_DATE_IN_FUTURE'],
  fixUpdate: ['FIX_NOT_FOUND', 'FIX_WRONG_STATE', 'FIX_OWN_WORK'],
  logExport: [],
};

// --- outputs -----------------------------------------------------------------------------

export interface StepView {
  seq: number;
  kind: StepKind;
  at: string;
  /** Who acted, as the viewer may see it: '村监委 陈立新', '反映人', '镇纪委'. */
  actor: string;
  text: string;
  photos: Photo[];
  rating?: Rating;
  reason?: EscalationReason;
}

export interface ItemSummary {
  id: string;
  villageId: string;
  villageName: string;
  category: QuestionCategory;
  /** The first 60 characters of the question. */
  excerpt: string;
  state: ItemState;
  raisedAt: string;
  /** The deadline of the stage the item is in, if that stage has one. */
  dueAt: string | null;
  overdue: boolean;
  /** Shown only where the viewer may see it; '匿名' otherwise. */
  reporterName: string;
  subjectLabel: string;
}

export interface ItemDetail extends ItemSummary {
  text: string;
  photos: Photo[];
  subject: Subject;
  showName: boolean;
  allowPublic: boolean;
  assigneeName: string | null;
  rating: Rating | null;
  objected: boolean;
  escalationReason: EscalationReason | null;
  steps: StepView[];
  /** What the caller may do next (the page shows those buttons). */
  can: {
    accept: boolean;
    refer: boolean;
    answer: boolean;
    verify: boolean;
    rate: boolean;
    object: boolean;
    instruct: boolean;
    takeOver: boolean;
    close: boolean;
  };
  /** Cadres of the village to assign, for the 村监委 accepting the item. */
  cadres?: { id: string; name: string }[];
}

export interface Page<T> {
  rows: T[];
  /** Pass back for the next page; null at the end. */
  next: string | null;
}

export interface TownVillageRow {
  villageId: string;
  villageName: string;
  total: number;
  open: number;
  overdue: number;
  escalated: number;
  /** Median China-time days from raising to the first answer; null before any answer. */
  medianDaysToAnswer: number | null;
  /** (满意 + 基本满意) / rated; null before any rating. */
  satisfaction: number | null;
  rated: number;
  closed: number;
  /** 整改 (the 村监委's and the town ledger's) still open past their due date. */
  overdueFixes: number;
}

export interface Deadlines {
  acceptDays: number;
  answerDays: number;
  rateDays: number;
}

export interface OversightOutputs extends OversightLogOutputs {
  raise: { id: string; created: boolean; state: ItemState; acceptDueAt: string };
  mine: Page<ItemSummary>;
  get: ItemDetail;
  inbox: Page<ItemSummary> & { villageId: string; villageName: string };
  accept: ItemDetail;
  refer: ItemDetail;
  answer: ItemDetail;
  verify: ItemDetail;
  rate: ItemDetail;
  object: ItemDetail;
  instruct: ItemDetail;
  takeOver: ItemDetail;
  close: ItemDetail;
  aboutDisclosure: {
    seriesId: string;
    count: number;
    open: number;
    /** Answers the reporters allowed to be public, newest first (at most 20). */
    answers: {
      id: string;
      category: QuestionCategory;
      question: string;
      answer: string;
      answeredAt: string;
      itemIndex: number | null;
      state: ItemState;
    }[];
  };
  townView: Page<TownVillageRow> & {
    totals: { villages: number };
    deadlines: Deadlines;
    asOf: string;
  };
  deadlines: Deadlines;
  setDeadlines: Deadlines;
}

/**
 * Subscribe-message templates of this context (fill in the ids from the mini-program console).
 * Fields follow the template's keywords.
 */
export const OVERSIGHT_TEMPLATES = {
  answered: 'OVERSIGHT_ANSWERED_TEMPLATE_ID',
  newItem: 'OVERSIGHT_NEW_ITEM_TEMPLATE_ID',
  escalated: 'OVERSIGHT_ESCALATED_TEMPLATE_ID',
} as const;
