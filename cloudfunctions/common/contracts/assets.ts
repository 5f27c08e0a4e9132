import { z } from 'zod';
import type { ExportFile } from './assessment';
import { Attachment } from './disclosure';
import { DateKey, Fen, Id, RequestId } from './shared';

// --- names shared by the domain, the server and the pages ---------------------------------

/** 三资: 资金 / 资产 / 资源. */
export const REGISTER_KINDS = ['funds', 'assets', 'resources'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export const ITEM_CATEGORIES = [
  'account',
  'building',
  'equipment',
  'facility',
  'land',
  'pond',
  'forest',
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const ITEM_STATUSES = ['inUse', 'idle', 'leased', 'disposed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const CHANGE_KINDS = ['acquire', 'dispose', 'revalue', 'changeUse', 'resize'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CONTRACT_KINDS = ['lease', 'contracting', 'landTransfer'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

export const RECEIVABLE_STATES = ['due', 'overdue', 'received', 'waived'] as const;
export type ReceivableState = (typeof RECEIVABLE_STATES)[number];

export const STOCKTAKE_RESULTS = ['present', 'missing', 'changed'] as const;
export type StocktakeResult = (typeof STOCKTAKE_RESULTS)[number];

export const REGISTER_KIND_LABELS: Record<RegisterKind, string> = {
  funds: '资金',
  assets: '资产',
  resources: '资源',
};
export const ITEM_CATEGORY_LABELS: Record<ItemCategory, string> = {
  account: '银行账户',
  building: '房屋建筑',
  equipment: '机械设备',
  facility: '基础设施',
  land: '土地',
  pond: '鱼塘水面',
  forest: '林地',
};
/** Which of 三资 each category belongs to. */
export const KIND_OF_CATEGORY: Record<ItemCategory, RegisterKind> = {
  account: 'funds',
  building: 'assets',
  equipment: 'assets',
  facility: 'assets',
  land: 'resources',
  pond: 'resources',
  forest: 'resources',
};
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  inUse: '在用',
  idle: '闲置',
  leased: '出租（发包）',
  disposed: '已处置',
};
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  acquire: '登记取得',
  dispose: '处置',
  revalue: '价值调整',
  changeUse: '用途（状态）变更',
  resize: '面积更正',
};
export const CONTRACT_KIND_LABELS: Record<ContractKind, string> = {
  lease: '租赁',
  contracting: '承包',
  landTransfer: '土地流转',
};
export const RECEIVABLE_STATE_LABELS: Record<ReceivableState, string> = {
  due: '待收',
  overdue: '逾期未收',
  received: '已收',
  waived: '已减免',
};
export const STOCKTAKE_RESULT_LABELS: Record<StocktakeResult, string> = {
  present: '账实相符',
  missing: '实物缺失',
  changed: '与登记不符',
};

/* Areas are 亩 with two decimals, kept as integer hundredths (pages and the server read them alike). */

/** 1250 -> '12.50'; the register shows areas in 亩 with two decimals. */
export function formatMu(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(hundredths));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** '12.5', '12.50', '１２.５亩' -> 1250; null when not an area with at most two decimals. */
export function parseMu(text: string): number | null {
  const t = text
    .trim()
    .replace(/[０-９．－]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s|亩$/g, '');
  const m = /^(-?)(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const v = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -v : v;
}

/**
 * Subscribe-message templates of 三资 reminders to cadres. The ids are issued per mini-program in
 * the WeChat console (订阅消息 → 我的模板); replace them there and here together.
 */
export const REMINDER_TEMPLATES = {
  paymentDue: {
    id: 'ASSET_PAYMENT_TEMPLATE_ID_FROM_CONSOLE',
    title: '合同收款到期提醒',
    fields: ['thing1', 'date2', 'amount3'] as const,
  },
  contractExpiry: {
    id: 'ASSET_EXPIRY_TEMPLATE_ID_FROM_CONSOLE',
    title: '合同到期提醒',
    fields: ['thing1', 'date2', 'thing3'] as const,
  },
} as const;
export type ReminderKind = keyof typeof REMINDER_TEMPLATES;
export const REMINDER_KINDS = Object.keys(REMINDER_TEMPLATES) as ReminderKind[];
/** Days ahead a cadre is reminded of a payment falling due, and of a contract ending. */
export const REMIND_PAYMENT_DAYS = 7;
export const REMIND_EXPIRY_DAYS = 30;

/** What a contract needs a passed decision for when the town has set no threshold: 5 万元. */
export const DEFAULT_DECISION_THRESHOLD_FEN = 5_000_000;

/**
 * Named refusals of this context, each with what a person reads. The router returns them as
 * `code`; a page may branch on the code.
 */
export const ASSET_REFUSALS = {
  AREA_NEGATIVE: '面积不能为负数，请核对（单位：亩，保留两位小数）',
  AREA_REQUIRED: '资源类（土地、鱼塘、林地）须登记面积',
  VALUE_NEGATIVE: '金额不能为负数',
  VALUE_REQUIRED: '资产类须登记原值',
  ITEM_EXISTS: '该编号已经登记，登记内容不能直接修改；如有变动，请登记变动记录并写明原因',
  ITEM_DISPOSED: '该项目已经处置，不能再变动或出租',
  CHANGE_EMPTY: '变动记录须写明变动后的价值、面积或状态',
  CHANGE_DATE_BEFORE_ACQUIRED: '变动日期不能早于登记取得的日期',
  DECISION_REQUIRED: '该事项须经村民代表会议（村民会议）决议，请选择已通过的决策事项',
  DECISION_NOT_FOUND: '没有找到本村的这项决策事项',
  DECISION_NOT_PASSED: '所选决策事项尚未经村民代表会议（村民会议）决议通过',
  TERM_INVALID: '合同到期日须晚于起始日',
  SCHEDULE_MISMATCH: '收款计划各期金额之和须等于合同总金额',
  SCHEDULE_OUT_OF_TERM: '收款计划的日期须在合同期限内，并按先后顺序填写',
  NOT_LEASABLE: '资金账户不能出租或发包，请选择资产或资源',
  CONTRACT_EXISTS: '该合同编号已经登记，合同内容不能直接修改',
  ALREADY_SETTLED: '这一期已经收款或减免，不能重复登记',
  AMOUNT_MISMATCH: '收款金额须等于这一期的应收金额',
  ASSET_DATE_IN_FUTURE: '日期不能晚于今天',
  ALREADY_VACATED: '该合同已登记退还（交回）',
  STOCKTAKE_RECORDED: '本村这一天的盘点已经登记过了',
  STOCKTAKE_UNKNOWN_ITEM: '盘点清单中有不属于本村登记簿的项目',
} as const;
export type AssetRefusal = keyof typeof ASSET_REFUSALS;

// --- inputs ---------------------------------------------------------------------------------

const text = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .max(max, `${label}不超过 ${max} 个字`);

/** 亩 × 100 (two decimals as an integer); the sign is a register rule (AREA_NEGATIVE). */
const AreaHundredths = z
  .number({ error: '面积必须是数字' })
  .int('面积以 0.01 亩为单位')
  .max(100_000_000, '面积过大');

/** Money that may be zero; the sign is a register rule (VALUE_NEGATIVE). */
const Amount = z.number({ error: '金额必须是数字' }).int('金额必须精确到分').max(100_000_000_000, '金额过大');

const Photos = z.array(Attachment).max(9, '照片最多 9 张').default([]);
const Reason = text(200, '原因').min(2, '请写明原因（至少 2 个字）');

export const ItemInput = z.object({
  requestId: RequestId,
  villageId: Id,
  /** The village's own number for the item (资产编号). */
  code: z
    .string({ error: '请填写编号' })
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/, '编号为 1-20 位字母、数字或短横线'),
  name: text(40, '名称').min(2, '名称至少 2 个字'),
  category: z.enum(ITEM_CATEGORIES, { error: '请选择类别' }),
  location: text(60, '位置').default(''),
  acquiredOn: DateKey,
  valueFen: Amount.default(0),
  areaHundredths: AreaHundredths.nullable().default(null),
  /** Registered in use, idle or leased; a disposal is a change entry with a decision. */
  status: z.enum(['inUse', 'idle', 'leased'], { error: '请选择状态（处置须登记变动）' }).default('inUse'),
  photos: Photos,
  note: text(200, '备注').default(''),
});

const ScheduleEntry = z.object({ dueOn: DateKey, amountFen: Fen });

const Counterparty = z.object({
  kind: z.enum(['person', 'organization'], { error: '请选择承租方类型' }),
  name: text(40, '承租方名称').min(2, '请填写承租方名称'),
});

export const assetsInputs = {
  register: z.object({ villageId: Id.optional(), asOf: DateKey.optional() }),
  exportRegister: z.object({ villageId: Id.optional(), asOf: DateKey.optional() }),
  item: z.object({ itemId: Id }),
  registerItem: ItemInput,
  importItems: z.object({
    requestId: RequestId,
    villageId: Id,
    items: z
      .array(ItemInput.omit({ requestId: true, villageId: true }))
      .min(1)
      .max(500, '一次最多导入 500 条'),
  }),
  recordChange: z.object({
    requestId: RequestId,
    itemId: Id,
    kind: z.enum(['dispose', 'revalue', 'changeUse', 'resize'], { error: '请选择变动类别' }),
    on: DateKey,
    reason: Reason,
    decisionId: Id.optional(),
    valueFen: Amount.optional(),
    areaHundredths: AreaHundredths.optional(),
    status: z.enum(ITEM_STATUSES).optional(),
  }),

  contracts: z.object({ villageId: Id.optional() }),
  createContract: z.object({
    requestId: RequestId,
    villageId: Id,
    code: z
      .string({ error: '请填写合同编号' })
      .trim()
      .regex(/^[A-Za-z0-9-]{1,20}$/, '合同编号为 1-20 位字母、数字或短横线'),
    kind: z.enum(CONTRACT_KINDS, { error: '请选择合同类别' }),
    itemId: Id,
    counterparty: Counterparty,
    startOn: DateKey,
    endOn: DateKey,
    amountFen: Fen,
    depositFen: Amount.min(0, '押金不能为负数').default(0),
    schedule: z.array(ScheduleEntry).min(1, '请填写收款计划（至少一期）').max(120, '收款计划最多 120 期'),
    decisionId: Id.optional(),
    note: text(200, '备注').default(''),
  }),
  recordVacated: z.object({ contractId: Id, on: DateKey }),
  recordPayment: z.object({
    requestId: RequestId,
    receivableId: Id,
    receivedOn: DateKey,
    amountFen: Fen,
    /** The 财务公开 line it appears in: the disclosure (series and version) and the line's index. */
    financeLine: z.object({
      seriesId: Id,
      version: z.number({ error: '请选择财务公开的版本' }).int().min(1),
      lineIndex: z.number({ error: '请填写明细行号' }).int('行号须为整数').min(0).max(499),
    }),
  }),
  waive: z.object({ receivableId: Id, on: DateKey, reason: Reason, decisionId: Id }),

  recordStocktake: z.object({
    requestId: RequestId,
    villageId: Id,
    on: DateKey,
    checks: z
      .array(
        z.object({
          itemId: Id,
          result: z.enum(STOCKTAKE_RESULTS, { error: '请选择盘点结果' }),
          note: text(200, '说明').default(''),
          photos: Photos,
        }),
      )
      .min(1, '请至少盘点一项')
      .max(500),
  }),
  stocktakes: z.object({ villageId: Id.optional() }),

  /** Records what a cadre granted in `wx.requestSubscribeMessage` (one reminder per accepted tap). */
  subscribeReminders: z.object({
    requestId: RequestId,
    answers: z
      .array(
        z.object({
          kind: z.enum(['paymentDue', 'contractExpiry'], { error: '不支持的提醒类型' }),
          answer: z.enum(['accept', 'reject', 'ban', 'filter']),
        }),
      )
      .min(1)
      .max(2),
  }),
  setThreshold: z.object({ thresholdFen: Fen }),
  townView: z.object({ cursor: Id.optional(), limit: z.number().int().min(1).max(100).default(50) }),
} as const;

export type AssetsInputs = { [K in keyof typeof assetsInputs]: z.input<(typeof assetsInputs)[K]> };

// --- outputs ---------------------------------------------------------------------------------

export interface RegisterItem {
  id: string;
  code: string;
  name: string;
  kind: RegisterKind;
  category: ItemCategory;
  location: string;
  acquiredOn: string;
  valueFen: number;
  areaHundredths: number | null;
  status: ItemStatus;
  photos: Attachment[];
  note: string;
}

export interface ChangeView {
  id: string;
  kind: ChangeKind;
  on: string;
  reason: string;
  decisionId: string | null;
  valueFen: number | null;
  areaHundredths: number | null;
  status: ItemStatus | null;
  by: string;
}

/** A line of a published 财务公开 disclosure (the version as published, the line's index). */
export interface FinanceLine {
  seriesId: string;
  version: number;
  lineIndex: number;
}

export interface ReceivableView {
  id: string;
  contractId: string;
  index: number;
  dueOn: string;
  amountFen: number;
  state: ReceivableState;
  receivedOn: string | null;
  financeLine: FinanceLine | null;
  waiver: { on: string; reason: string; decisionId: string } | null;
}

export interface ContractView {
  id: string;
  code: string;
  kind: ContractKind;
  itemId: string;
  itemName: string;
  /** The full name to cadres and the town; a private person's surname only (张某) to others. */
  counterparty: string;
  counterpartyKind: 'person' | 'organization';
  startOn: string;
  endOn: string;
  amountFen: number;
  depositFen: number;
  decisionId: string | null;
  decisionTitle: string | null;
  vacatedOn: string | null;
  /** 'active' | 'expiring' (within 90 days) | 'expiredOccupied' | 'ended'. */
  term: TermState;
  receivables: ReceivableView[];
}
export type TermState = 'active' | 'expiring' | 'expiredOccupied' | 'ended';
export const TERM_STATE_LABELS: Record<TermState, string> = {
  active: '履行中',
  expiring: '90天内到期',
  expiredOccupied: '已到期仍占用',
  ended: '已结束',
};

export interface StocktakeView {
  id: string;
  on: string;
  by: string;
  checks: { itemId: string; itemName: string; result: StocktakeResult; note: string; photos: Attachment[] }[];
  discrepancies: number;
}

export interface TownAssetRow {
  villageId: string;
  villageName: string;
  items: number;
  assetValueFen: number;
  fundsFen: number;
  resourceAreaHundredths: number;
  contracts: number;
  overdue: { count: number; amountFen: number };
  expiring: number;
  expiredOccupied: number;
  withoutDecision: number;
  discrepancies: number;
  lastStocktakeOn: string | null;
}

export interface AssetsOutputs {
  register: { villageName: string; asOf: string; items: RegisterItem[] };
  exportRegister: ExportFile;
  item: { item: RegisterItem; changes: ChangeView[] };
  registerItem: RegisterItem;
  importItems: { created: number; existing: number };
  recordChange: { item: RegisterItem; changes: ChangeView[] };
  contracts: { villageName: string; asOf: string; contracts: ContractView[] };
  createContract: ContractView;
  recordVacated: ContractView;
  recordPayment: ContractView;
  waive: ContractView;
  recordStocktake: StocktakeView;
  stocktakes: { villageName: string; stocktakes: StocktakeView[] };
  subscribeReminders: { credits: Record<ReminderKind, number> };
  setThreshold: { thresholdFen: number };
  townView: {
    townName: string;
    asOf: string;
    thresholdFen: number;
    villages: TownAssetRow[];
    nextCursor: string | null;
  };
}
