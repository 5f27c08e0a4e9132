/**
 * 三资 names shared by the domain, the server and the pages: kinds, labels, refusals, area
 * formatting, reminder templates. The inputs and outputs are in assets.ts, which re-exports these.
 */

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

export const CHANGE_KINDS = ['acquire', 'dispose', 'revalue', 'changeUse', 'resize', 'balance'] as const;
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
  balance: '月末余额',
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
  DECISION_AFTER_ACT: '所选决策事项的决议日期晚于合同起始（变动、减免）日期；须先决议、后实施',
  TERM_INVALID: '合同到期日须晚于起始日',
  SCHEDULE_MISMATCH: '收款计划各期金额之和须等于合同总金额',
  SCHEDULE_OUT_OF_TERM: '收款计划的日期须在合同期限内，并按先后顺序填写',
  NOT_LEASABLE: '资金账户不能出租或发包，请选择资产或资源',
  CONTRACT_EXISTS: '该合同编号已经登记，合同内容不能直接修改',
  ALREADY_SETTLED: '这一期已经收款或减免，不能重复登记',
  AMOUNT_MISMATCH: '收款金额须等于这一期的应收金额',
  FINANCE_LINE_INVALID: '所选的财务公开明细不存在，或不是本村的收入明细，请重新选择',
  ASSET_DATE_IN_FUTURE: '日期不能晚于今天',
  ALREADY_VACATED: '该合同已登记退还（交回）',
  STOCKTAKE_RECORDED: '本村这一天的盘点已经登记过了',
  STOCKTAKE_UNKNOWN_ITEM: '盘点清单中有不属于本村登记簿的项目',
  NOT_AN_ACCOUNT: '只有资金账户登记月末余额',
  BALANCE_MONTH_OPEN: '这个月还没有结束，月末余额请在月末当天或之后登记',
  BALANCE_RECORDED: '该账户这个月的月末余额已经登记，不能直接修改；如需更正，请登记价值调整并写明原因',
} as const;
export type AssetRefusal = keyof typeof ASSET_REFUSALS;
