import { z } from 'zod';
import { Fen, Id, MonthKey, RequestId, type Iso } from './shared';

/**
 * 惠民惠农资金发放名单 (payout lists): a kind of disclosure. One list per village, category and
 * month; published lists never change, a correction is a new version with a reason.
 */

export const PAYOUT_CATEGORIES = [
  'subsistence',
  'destitute',
  'disability',
  'farmland',
  'pension',
  'relief',
  'other',
] as const;
export type PayoutCategory = (typeof PAYOUT_CATEGORIES)[number];

export const PAYOUT_CATEGORY_LABELS: Record<PayoutCategory, string> = {
  subsistence: '低保',
  destitute: '特困供养',
  disability: '残疾人两项补贴',
  farmland: '耕地地力保护补贴',
  pension: '养老保险补贴',
  relief: '临时救助',
  other: '其他',
};

export const PayoutCategory = z.enum(PAYOUT_CATEGORIES, { error: '请选择资金类别' });

/** An ID number in its 6-8-4 groups or a mobile number in its 3-4-4 groups with other marks between. */
const GROUPED_NUMBER = /\d{6}[._/·・]\d{8}[._/·・]\d{3}[\dXx]|(?:^|\D)1\d{2}[._/·・]\d{4}[._/·・]\d{4}(?!\d)/;

/**
 * Whether a text carries what a list must never hold: an ID-card number (15 or 18 characters,
 * the last may be X) or a mobile number (11 digits), also when written with spaces or dashes, or
 * in their usual groups with dots, slashes or middle dots between.
 * Pure, shared by the paste preview and the contract.
 */
export function holdsPersonalNumber(text: string): boolean {
  const t = text
    .replace(/[０-９Ｘｘ]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s-]/g, '');
  return /\d{11,}|\d{14}[Xx]|\d{17}[Xx]/.test(t) || GROUPED_NUMBER.test(t);
}

export const PERSONAL_NUMBER_MESSAGE = '名单中不能填写身份证号或手机号，请删去后再提交';

const NoNumbers = (s: z.ZodString) => s.refine((v) => !holdsPersonalNumber(v), PERSONAL_NUMBER_MESSAGE);

/** A person's name as the roster writes it: 2 to 10 characters, no digits. */
export const PersonName = NoNumbers(
  z
    .string({ error: '请填写姓名' })
    .trim()
    .min(2, '姓名至少 2 个字')
    .max(10, '姓名不超过 10 个字')
    .regex(/^[^\d\s]+$/, '姓名中不能有数字或空格'),
);

export const PayoutRow = z.object({
  recipient: PersonName,
  /** The roster entry of the household (户) the money goes to. */
  householdId: Id,
  amountFen: Fen,
  note: NoNumbers(z.string().trim().max(60, '备注不超过 60 个字')).default(''),
});
export type PayoutRow = z.infer<typeof PayoutRow>;

const Basis = NoNumbers(
  z
    .string({ error: '请填写发放依据（政策文件或决议）' })
    .trim()
    .min(4, '请填写发放依据（政策文件或决议），至少 4 个字')
    .max(200, '发放依据不超过 200 个字'),
);

const Rows = z.array(PayoutRow).min(1, '名单至少需要一行').max(2000, '一份名单最多 2000 行');

export const Relation = z.enum(['spouse', 'parent', 'child', 'sibling', 'grand', 'inLaw', 'other'], {
  error: '请选择亲属关系',
});
export type Relation = z.infer<typeof Relation>;
export const RELATION_LABELS: Record<Relation | 'self', string> = {
  self: '本人',
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  grand: '祖孙',
  inLaw: '姻亲',
  other: '其他近亲属',
};

export const payoutInputs = {
  /** Reads a pasted (tab-separated) or typed list without writing anything. */
  payoutPreview: z.object({
    villageId: Id,
    text: z.string({ error: '请粘贴名单' }).max(200_000, '粘贴的内容过长，请分批录入'),
  }),
  payoutPublish: z.object({
    requestId: RequestId,
    villageId: Id,
    category: PayoutCategory,
    periodKey: MonthKey,
    basis: Basis,
    rows: Rows,
  }),
  payoutCorrect: z.object({
    requestId: RequestId,
    seriesId: Id,
    baseVersion: z.number({ error: '缺少版本号' }).int().min(1),
    reason: z.string({ error: '请填写更正原因' }).trim().min(2, '更正原因至少 2 个字').max(200),
    basis: Basis,
    rows: Rows,
  }),
  /** The village's lists (no names): by category and month, with totals. */
  payoutLists: z.object({
    villageId: Id.optional(),
    category: PayoutCategory.optional(),
    year: z.number().int().min(2000).max(2099).optional(),
  }),
  payoutList: z.object({ seriesId: Id, version: z.number().int().min(1).optional() }),
  /** 我家领了什么: the caller's own household, in full, across all periods. */
  payoutMine: z.object({}),
  /** 优亲厚友 and other flags of one village (村监委, town). */
  payoutFlags: z.object({ villageId: Id.optional() }),
  /** The town's villages with their flags: flat (one summary per village), cursor-paged. */
  payoutTown: z.object({
    cursor: Id.optional(),
    limit: z.number().int().min(1).max(100).default(50),
  }),
} as const;

export type PayoutInputs = { [K in keyof typeof payoutInputs]: z.input<(typeof payoutInputs)[K]> };

/** One row as a viewer may see it: `full` says whether the names are the real ones. */
export interface PayoutRowView {
  index: number;
  recipient: string;
  household: string;
  amountFen: number;
  note: string;
  full: boolean;
  /** Only for the 村监委 and the town: why this row is flagged. */
  flags?: string[];
}

export interface CategoryTotal {
  category: PayoutCategory;
  count: number;
  amountFen: number;
}

export interface PreviewRow {
  line: number;
  row: (PayoutRow & { household: string }) | null;
  error: string | null;
  /** Lines of the other rows with the same recipient in this list. */
  sameAs: number[];
}

export interface PayoutPreview {
  rows: PreviewRow[];
  good: number;
  bad: number;
  duplicates: { recipient: string; lines: number[] }[];
  totals: { count: number; amountFen: number };
}

export interface PayoutSummary {
  seriesId: string;
  version: number;
  category: PayoutCategory;
  periodKey: string;
  basis: string;
  count: number;
  amountFen: number;
  publishedAt: Iso;
  /** China date the list fell due (with the month's finance disclosure). */
  dueOn: string;
}

export interface PayoutDetail extends PayoutSummary {
  villageId: string;
  villageName: string;
  reason: string | null;
  rows: PayoutRowView[];
  versions: { version: number; reason: string | null; publishedAt: Iso }[];
  /** Whether the viewer sees every name (cadres, 村监委 and the town of this village). */
  namesVisible: boolean;
  /** The 村监委's and the town's flags; absent for everyone else. */
  flagged?: number;
}

export interface MyPayout {
  seriesId: string;
  version: number;
  category: PayoutCategory;
  periodKey: string;
  recipient: string;
  amountFen: number;
  note: string;
}

export interface RelativeFlag {
  seriesId: string;
  version: number;
  category: PayoutCategory;
  periodKey: string;
  index: number;
  recipient: string;
  amountFen: number;
  /** Whose declared relative, and how related. */
  of: string;
  relation: string;
}

export interface DuplicateFlag {
  seriesId: string;
  category: PayoutCategory;
  periodKey: string;
  recipient: string;
  times: number;
}

export interface ChangeFlag {
  category: PayoutCategory;
  periodKey: string;
  previousPeriodKey: string;
  count: number;
  previousCount: number;
  amountFen: number;
  previousAmountFen: number;
}

export interface VillagePayoutFlags {
  villageId: string;
  villageName: string;
  lists: number;
  latestPeriodKey: string | null;
  relatives: RelativeFlag[];
  duplicates: DuplicateFlag[];
  changes: ChangeFlag[];
  updatedAt: Iso;
}

export interface PayoutOutputs {
  payoutPreview: PayoutPreview;
  payoutPublish: PayoutDetail;
  payoutCorrect: PayoutDetail;
  payoutLists: {
    villageName: string;
    lists: PayoutSummary[];
    totals: CategoryTotal[];
  };
  payoutList: PayoutDetail;
  payoutMine: { household: string | null; rows: MyPayout[]; totalFen: number };
  payoutFlags: VillagePayoutFlags;
  payoutTown: { villages: VillagePayoutFlags[]; next: string | null };
}

export const PAYOUT_REFUSALS = {
  PAYOUT_EXISTS: '本村这个月的这一类名单已经公开过，如需修改请使用“更正”并说明原因',
  PAYOUT_FUTURE: '只能公开已经开始的月份的发放名单',
  PAYOUT_UNKNOWN_HOUSEHOLD: '名单中有的户不在本村名册中，请先核对名册',
} as const;

// --- 近亲属 declarations (account context) ---------------------------------------------------

export const DeclaredRelative = z.object({
  name: PersonName,
  /** The relative's roster entry, when they live in the village. */
  rosterId: Id.optional(),
  relation: Relation,
});
export type DeclaredRelative = z.infer<typeof DeclaredRelative>;

export const relativesInputs = {
  myRelatives: z.object({}),
  /** Replaces the caller's declaration; every earlier one stays on record. */
  declareRelatives: z.object({
    requestId: RequestId,
    relatives: z.array(DeclaredRelative).max(50, '近亲属最多填写 50 位'),
  }),
} as const;

export interface RelativesOutputs {
  myRelatives: {
    relatives: DeclaredRelative[];
    version: number;
    declaredAt: Iso | null;
    roster: { id: string; name: string }[];
  };
  declareRelatives: { relatives: DeclaredRelative[]; version: number; declaredAt: Iso };
}
