import { z } from 'zod';
import { Attachment } from './disclosure';
import { DateKey, Id, RequestId, type Iso } from './shared';

// --- names shared by the domain, the server and the pages ---------------------------------

export const STEPS = [
  'proposal',
  'committee',
  'partyCongress',
  'resolution',
  'resolutionPublic',
  'resultPublic',
] as const;
export type Step = (typeof STEPS)[number];
export const MEETING_STEPS = ['committee', 'partyCongress', 'resolution'] as const;
export type MeetingStep = (typeof MEETING_STEPS)[number];

export const MEETING_KINDS = ['committee', 'partyCongress', 'representatives', 'villagers'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const RESOLUTION_BODIES = ['representatives', 'villagers'] as const;
export type ResolutionBody = (typeof RESOLUTION_BODIES)[number];
export const OUTCOMES = ['passed', 'rejected', 'noQuorum'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type DecisionStatus = 'inProgress' | 'rejected' | 'resolved' | 'completed';

export const DECISION_CATEGORIES = [
  'budget',
  'largeExpense',
  'lease',
  'landTransfer',
  'project',
  'other',
] as const;
export type DecisionCategory = (typeof DECISION_CATEGORIES)[number];

export const LISTS = ['power', 'negative', 'keyPoints'] as const;
export type ListKind = (typeof LISTS)[number];
export const POWER_CATEGORIES = ['major', 'project', 'funds', 'assets', 'services', 'daily'] as const;
export type PowerCategory = (typeof POWER_CATEGORIES)[number];

export const RECORD_KINDS = ['reportToParty', 'reportToRepresentatives', 'attendance'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const STEP_LABELS: Record<Step, string> = {
  proposal: '党组织提议',
  committee: '两委商议',
  partyCongress: '党员大会审议',
  resolution: '村民代表会议决议',
  resolutionPublic: '决议公开',
  resultPublic: '实施结果公开',
};
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  committee: '村“两委”联席会议',
  partyCongress: '党员大会',
  representatives: '村民代表会议',
  villagers: '村民会议',
};
export const OUTCOME_LABELS: Record<Outcome, string> = {
  passed: '通过',
  rejected: '未通过',
  noQuorum: '到会人数不足，会议无效',
};
export const STATUS_LABELS: Record<DecisionStatus, string> = {
  inProgress: '办理中',
  resolved: '已决议，待实施',
  completed: '已办结',
  rejected: '未通过',
};
export const DECISION_CATEGORY_LABELS: Record<DecisionCategory, string> = {
  budget: '预决算',
  largeExpense: '大额经费开支',
  lease: '租赁承包',
  landTransfer: '土地流转',
  project: '项目建设',
  other: '其他重大事项',
};
export const LIST_LABELS: Record<ListKind, string> = {
  power: '小微权力清单',
  negative: '主体责任负面清单',
  keyPoints: '监督重点内容清单',
};
export const POWER_CATEGORY_LABELS: Record<PowerCategory, string> = {
  major: '重大事项决策',
  project: '项目建设',
  funds: '资金使用',
  assets: '三资管理',
  services: '便民服务',
  daily: '日常管理',
};
export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  reportToParty: '两委向党员大会报告工作（每季度）',
  reportToRepresentatives: '两委向村民代表会议报告工作（每季度）',
  attendance: '党员、村民代表列席两委会议（每月）',
};

/**
 * Named refusals of this context, each with what a person reads. The router returns them as
 * `code`; a page may branch on the code.
 */
export const DECISION_REFUSALS = {
  PRESENT_ABOVE_ENTITLED: '实到人数不能多于应到人数，请核对会议签到',
  VOTES_ABOVE_PRESENT: '同意、反对、弃权票数之和不能多于实到人数，请核对表决票',
  HOUSEHOLDS_INVALID: '户数填写有误：只有村民会议按户计算到会，且到会户数不能多于总户数',
  OUTCOME_NOT_SUPPORTED: '填写的表决结果与人数、票数不符，请按实际结果记录',
  ENTITLED_CHANGED: '再次召开的会议，应到人数须与上次相同（成员不会因会议重开而减少）',
  STEP_OUT_OF_ORDER: '请按“四议两公开”的顺序办理，上一步完成后才能办理这一步',
  DECISION_CLOSED: '该事项已经办结或未获通过，不能再记录',
  DATE_BEFORE_PREVIOUS: '日期不能早于上一步骤的日期',
  DATE_IN_FUTURE: '日期不能晚于今天',
  NOT_CONFIRMED: '村民代表会议（村民会议）的决议须经村监委确认后才能公开',
  ALREADY_CONFIRMED: '这次会议记录已经确认过了',
  SELF_CONFIRM: '记录会议的人不能自己确认，请由其他村监委成员确认',
  MEETING_RECORDED: '本期的这项会议已经登记过了',
  ITEM_RETIRED: '该清单事项已停用，不能再修改',
} as const;
export type DecisionRefusal = keyof typeof DECISION_REFUSALS;

// --- the power list ---------------------------------------------------------------------

const text = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .max(max, `${label}不超过 ${max} 个字`);

export const FlowStep = z.object({
  actor: text(20, '办理人').min(1, '请填写办理人'),
  action: text(100, '办理事项').min(2, '办理事项至少 2 个字'),
  timeLimit: text(20, '办理时限').default(''),
  publicity: text(60, '公开内容').default(''),
});
export type FlowStep = z.infer<typeof FlowStep>;

const ItemContent = {
  list: z.enum(LISTS, { error: '请选择清单' }),
  name: text(40, '事项名称').min(2, '事项名称至少 2 个字'),
  category: z.enum(POWER_CATEGORIES, { error: '请选择类别' }),
  basis: text(300, '依据').default(''),
  keywords: z.array(text(10, '关键词').min(1, '关键词不能为空')).max(10, '关键词最多 10 个').default([]),
  steps: z.array(FlowStep).max(12, '流程最多 12 步').default([]),
};

function checkItem(v: { list: ListKind; steps: unknown[] }, ctx: z.RefinementCtx) {
  if (v.list === 'power' && v.steps.length === 0)
    ctx.addIssue({ code: 'custom', path: ['steps'], message: '权力事项须写明运行流程（至少一步）' });
}

const Count = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(0, `${label}不能为负数`)
    .max(100_000, `${label}过大`);

const MeetingNumbers = {
  entitled: Count('应到人数').min(1, '应到人数至少 1 人'),
  present: Count('实到人数'),
};

const Minutes = z.array(Attachment).min(1, '请上传签字的会议记录照片').max(9, '照片最多 9 张');

export const decisionsInputs = {
  items: z.object({
    villageId: Id.optional(),
    list: z.enum(LISTS).default('power'),
    category: z.enum(POWER_CATEGORIES).optional(),
    query: z.string().trim().max(40, '搜索内容不超过 40 个字').default(''),
  }),
  item: z.object({ itemId: Id, version: z.number().int().min(1).optional() }),
  createItem: z
    .object({
      requestId: RequestId,
      scope: z.enum(['town', 'village']),
      villageId: Id.optional(),
      ...ItemContent,
    })
    .superRefine((v, ctx) => {
      checkItem(v, ctx);
      if (v.scope === 'village' && !v.villageId)
        ctx.addIssue({ code: 'custom', path: ['villageId'], message: '请选择村' });
    }),
  reviseItem: z
    .object({
      requestId: RequestId,
      itemId: Id,
      baseVersion: z.number().int().min(1),
      reason: text(200, '调整原因').min(2, '请写明调整原因（至少 2 个字）'),
      retired: z.boolean().default(false),
      ...ItemContent,
    })
    .superRefine(checkItem),

  propose: z.object({
    requestId: RequestId,
    villageId: Id,
    title: text(60, '事项名称').min(4, '事项名称至少 4 个字'),
    category: z.enum(DECISION_CATEGORIES, { error: '请选择事项类别' }),
    summary: text(2000, '事项内容').default(''),
    proposer: text(30, '提议的党组织').min(2, '请填写提议的党组织'),
    proposedOn: DateKey,
    resolutionBody: z.enum(RESOLUTION_BODIES, { error: '请选择由村民代表会议还是村民会议决议' }),
    plannedCompletion: DateKey.optional(),
    attachments: z.array(Attachment).max(9).default([]),
  }),
  recordMeeting: z.object({
    requestId: RequestId,
    decisionId: Id,
    step: z.enum(MEETING_STEPS, { error: '请选择会议' }),
    heldOn: DateKey,
    ...MeetingNumbers,
    votesFor: Count('同意票数'),
    votesAgainst: Count('反对票数'),
    abstentions: Count('弃权票数'),
    households: z
      .object({ entitled: Count('总户数'), present: Count('到会户数') })
      .nullable()
      .default(null),
    outcome: z.enum(OUTCOMES, { error: '请选择表决结果' }),
    minutes: Minutes,
    note: text(500, '说明').default(''),
  }),
  confirmStep: z.object({
    decisionId: Id,
    step: z.enum(MEETING_STEPS),
    attempt: z.number().int().min(1).max(50),
    note: text(200, '确认意见').default(''),
  }),
  publishResolution: z.object({ decisionId: Id, body: text(2000, '公开说明').default('') }),
  publishResult: z.object({
    decisionId: Id,
    completedOn: DateKey,
    body: text(2000, '实施结果').min(4, '请写明实施结果（至少 4 个字）'),
    attachments: z.array(Attachment).max(9).default([]),
  }),
  decisions: z.object({
    villageId: Id.optional(),
    cursor: Id.optional(),
    limit: z.number().int().min(1).max(50).default(20),
  }),
  decision: z.object({ decisionId: Id }),

  recordRegular: z.object({
    requestId: RequestId,
    villageId: Id,
    kind: z.enum(RECORD_KINDS, { error: '请选择会议类别' }),
    heldOn: DateKey,
    ...MeetingNumbers,
    topics: text(500, '会议内容').min(2, '请填写会议内容'),
    minutes: Minutes,
  }),
  regular: z.object({ villageId: Id.optional() }),

  townView: z.object({ cursor: Id.optional(), limit: z.number().int().min(1).max(100).default(50) }),
} as const;

export type DecisionsInputs = { [K in keyof typeof decisionsInputs]: z.input<(typeof decisionsInputs)[K]> };

// --- outputs ---------------------------------------------------------------------------

export interface ItemSummary {
  id: string;
  scope: 'town' | 'village';
  villageId: string | null;
  list: ListKind;
  name: string;
  category: PowerCategory;
  version: number;
  updatedAt: Iso;
  stepCount: number;
  retired: boolean;
}

export interface ItemDetail extends ItemSummary {
  basis: string;
  keywords: string[];
  steps: FlowStep[];
  reason: string | null;
  latestVersion: number;
  versions: { version: number; at: Iso; reason: string | null }[];
}

export interface MeetingAttempt {
  step: MeetingStep;
  attempt: number;
  kind: MeetingKind;
  heldOn: string;
  entitled: number;
  present: number;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  households: { entitled: number; present: number } | null;
  outcome: Outcome;
  minutes: Attachment[];
  note: string;
  recordedBy: string;
  confirmedBy: string | null;
  confirmedAt: Iso | null;
  confirmNote: string;
}

/** What is known of one step of a decision. */
export interface StepView {
  step: Step;
  /** done: recorded (a meeting that passed); open: the next to do; waiting: later. */
  state: 'done' | 'open' | 'waiting' | 'stopped';
  /** China date it was held / published. */
  on: string | null;
  /** Meeting steps: attempts so far (a meeting without quorum is held again). */
  attempts: number;
  outcome: Outcome | null;
  /** Meeting steps: whether a 村监委 member confirmed the attempt that counts. */
  confirmed: boolean;
  /** 决议公开 / 实施结果公开: the 三务公开 record it went out as. */
  disclosureId: string | null;
}

export interface DecisionSummary {
  id: string;
  villageId: string;
  title: string;
  category: DecisionCategory;
  resolutionBody: ResolutionBody;
  status: DecisionStatus;
  next: Step | null;
  /** China date the next step is due by (决议公开, 实施结果公开), when a rule sets one. */
  nextDueOn: string | null;
  overdue: boolean;
  unconfirmed: Step[];
  proposedOn: string;
  updatedAt: Iso;
}

export interface DecisionDetail extends DecisionSummary {
  summary: string;
  proposer: string;
  plannedCompletion: string | null;
  attachments: Attachment[];
  steps: StepView[];
  meetings: MeetingAttempt[];
  resultBody: string | null;
}

export interface RegularMeeting {
  id: string;
  kind: RecordKind;
  periodKey: string;
  heldOn: string;
  entitled: number;
  present: number;
  topics: string;
  minutes: Attachment[];
  recordedBy: string;
  /** China date it was entered (by the server's clock). */
  enteredOn: string;
  /** Entered after its period ended and the grace passed: shown as 补录. */
  late: boolean;
}

export interface MissingMeeting {
  kind: RecordKind;
  periodKey: string;
}

export interface TownVillageRow {
  villageId: string;
  villageName: string;
  inProgress: number;
  resolved: number;
  completed: number;
  rejected: number;
  overdue: { decisionId: string; title: string; step: Step; dueOn: string }[];
  unconfirmed: number;
  /** Meetings of record missing in the last year: how many, and the most recent. */
  missingMeetings: { count: number; latest: MissingMeeting | null };
  /** Meetings of record of the same periods held: entered on time, and entered as 补录. */
  heldMeetings: { onTime: number; late: number };
}

export interface DecisionsOutputs {
  items: { village: { id: string; name: string } | null; items: ItemSummary[] };
  item: ItemDetail;
  createItem: ItemDetail;
  reviseItem: ItemDetail;
  propose: DecisionDetail;
  recordMeeting: DecisionDetail;
  confirmStep: DecisionDetail;
  publishResolution: DecisionDetail;
  publishResult: DecisionDetail;
  decisions: { items: DecisionSummary[]; nextCursor: string | null };
  decision: DecisionDetail;
  recordRegular: RegularMeeting;
  regular: { villageName: string; records: RegularMeeting[]; missing: MissingMeeting[] };
  townView: { townName: string; asOf: string; villages: TownVillageRow[]; nextCursor: string | null };
}
