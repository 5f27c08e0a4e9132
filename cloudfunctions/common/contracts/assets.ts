import { z } from 'zod';
import type { ExportFile } from './assessment';
import {
  CONTRACT_KINDS,
  ITEM_CATEGORIES,
  ITEM_STATUSES,
  STOCKTAKE_RESULTS,
  type ChangeKind,
  type ContractKind,
  type ItemCategory,
  type ItemStatus,
  type ReceivableState,
  type RegisterKind,
  type ReminderKind,
  type StocktakeResult,
} from './assets-names';
import type { FundsReconciliation } from './assets-funds';
import { Attachment } from './disclosure';
import { DateKey, Fen, Id, MonthKey, RequestId } from './shared';

export * from './assets-names';
export * from './assets-funds';

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
    /** Pictures of the change (the disposal, the new use, the valuation report). */
    photos: Photos,
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
      .max(500)
      .refine(
        (checks) => new Set(checks.map((c) => c.itemId)).size === checks.length,
        '盘点清单中同一项目只能出现一次',
      ),
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

  /** A fund account's balance at the end of a month (from the bank statement), recorded once. */
  recordBalance: z.object({
    requestId: RequestId,
    itemId: Id,
    month: MonthKey,
    balanceFen: Amount,
  }),
  /** Month by month, whether the accounts' balances agree with the 财务公开 totals. */
  reconciliation: z.object({ villageId: Id.optional() }),
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
  photos: Attachment[];
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
  /** When discrepancies were found: the deadline of their 整改 in the 村监委's 台账. */
  fixDueOn: string | null;
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
  /** Months ('YYYY-MM') whose month-end funds disagree with the 财务公开 totals. */
  fundsMismatches: string[];
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
  recordBalance: FundsReconciliation;
  reconciliation: FundsReconciliation;
  townView: {
    townName: string;
    asOf: string;
    thresholdFen: number;
    villages: TownAssetRow[];
    nextCursor: string | null;
  };
}
