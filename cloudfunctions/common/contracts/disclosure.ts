import { z } from 'zod';
import { DateKey, Fen, FileId, Id, Paging, PeriodKey, RequestId, type Iso } from './shared';
import { CATEGORIES } from './labels';
import { payoutInputs, type PayoutOutputs } from './payouts';
import { KeyCursor, townPageInput, type TownPage } from './paging';

export { CATEGORIES, CATEGORY_LABELS } from './labels';
export const Category = z.enum(CATEGORIES, { error: '请选择公开类别（党务、村务或财务）' });
export type Category = z.infer<typeof Category>;

/** Account headings of a village collective's books (村集体经济组织会计制度). */
export const INCOME_CATEGORIES = ['经营收入', '发包及上交收入', '投资收益', '补助收入', '其他收入'] as const;
export const EXPENSE_CATEGORIES = ['经营支出', '管理费用', '公益支出', '其他支出'] as const;

export const LineItem = z
  .object({
    direction: z.enum(['income', 'expense'], { error: '请选择收入或支出' }),
    amountFen: Fen,
    category: z.string({ error: '请选择科目' }).trim().min(1, '请选择科目').max(20),
    note: z.string().trim().max(100, '摘要不超过 100 个字').default(''),
    occurredOn: DateKey.optional(),
  })
  .refine(
    (i) =>
      (i.direction === 'income' ? (INCOME_CATEGORIES as readonly string[]) : EXPENSE_CATEGORIES).includes(
        i.category,
      ),
    { message: '科目与收支方向不符', path: ['category'] },
  );
export type LineItem = z.infer<typeof LineItem>;

/** A picture or file in our own storage (also the evidence of assessment sheets). */
export const Attachment = z.object({
  fileId: FileId,
  name: z.string().trim().max(60).default(''),
  kind: z.enum(['image', 'file']).default('image'),
});
export type Attachment = z.infer<typeof Attachment>;

const Content = {
  title: z.string({ error: '请填写标题' }).trim().min(2, '标题至少 2 个字').max(60, '标题不超过 60 个字'),
  periodKey: PeriodKey,
  body: z.string().trim().max(5000, '正文不超过 5000 字').default(''),
  attachments: z.array(Attachment).max(9, '附件最多 9 个').default([]),
  items: z.array(LineItem).max(500, '明细最多 500 条').default([]),
};

/** Finance disclosures are monthly and carry line items; others carry none. */
function checkContent(
  v: { category: Category; periodKey: string; items: unknown[]; major: boolean; occurredOn?: string },
  ctx: z.RefinementCtx,
) {
  if (v.category === 'finance' && !/^\d{4}-\d{2}$/.test(v.periodKey)) {
    ctx.addIssue({ code: 'custom', path: ['periodKey'], message: '财务公开按月进行，请选择月份' });
  }
  if (v.category === 'finance' && v.items.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['items'], message: '财务公开至少需要一条收支明细' });
  }
  if (v.category !== 'finance' && v.items.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['items'], message: '只有财务公开可以填写收支明细' });
  }
  if (v.major && !v.occurredOn) {
    ctx.addIssue({ code: 'custom', path: ['occurredOn'], message: '重大事项请填写发生（决定）日期' });
  }
}

export const disclosureInputs = {
  publish: z
    .object({
      requestId: RequestId,
      villageId: Id,
      category: Category,
      major: z.boolean().default(false),
      occurredOn: DateKey.optional(),
      ...Content,
    })
    .superRefine(checkContent),
  correct: z.object({
    requestId: RequestId,
    seriesId: Id,
    baseVersion: z.number().int().min(1),
    reason: z.string({ error: '请填写更正原因' }).trim().min(2, '更正原因至少 2 个字').max(200),
    ...Content,
  }),
  list: z.object({
    villageId: Id.optional(),
    category: Category.optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    ...Paging,
  }),
  get: z.object({ seriesId: Id, version: z.number().int().min(1).optional() }),
  home: z.object({ villageId: Id.optional() }),
  status: z.object({ villageId: Id.optional() }),
  /** A page of the town's villages (cursor paging), overdue ones first within the page;
   * at most 30 a page: a village that published nothing for a year lists every missing period. */
  // Paged worst first by the key each village's home keeps: an opaque cursor, not a village id.
  townStatus: z.object({ ...townPageInput(30, 20), cursor: KeyCursor.optional() }),
  /** The town admin's recount of the village homes of their town, a page of villages (id order). */
  recountHomes: z.object(townPageInput(100, 50)),
  ...payoutInputs,
} as const;

export type DisclosureInputs = {
  [K in keyof typeof disclosureInputs]: z.input<(typeof disclosureInputs)[K]>;
};

export interface Totals {
  incomeFen: number;
  expenseFen: number;
  /** income - expense for the period (本期结余); negative when spending exceeded income. */
  balanceFen: number;
}

export interface DisclosureSummary {
  seriesId: string;
  villageId: string;
  category: Category;
  major: boolean;
  title: string;
  periodKey: string;
  version: number;
  firstPublishedAt: Iso;
  publishedAt: Iso;
  totals: Totals | null;
  /**
   * Days the first version went up after the cadence allowed (0 = on time): a routine period
   * against its due date, a major matter against its date plus the days the rule gives.
   */
  daysLate: number;
}

export interface VersionRef {
  version: number;
  publishedAt: Iso;
  reason: string | null;
}

export interface DisclosureDetail extends DisclosureSummary {
  body: string;
  attachments: Attachment[];
  items: LineItem[];
  occurredOn: string | null;
  reason: string | null;
  publisherName: string;
  latestVersion: number;
  versions: VersionRef[];
}

/**
 * onTime: nothing overdue and every major matter in the window published in time;
 * late (有迟报): nothing overdue, but a major matter in the window went up later than the rule;
 * overdue: a routine disclosure is past its due date.
 */
export type CadenceState = 'onTime' | 'late' | 'overdue';

export interface Gap {
  category: Category;
  periodKey: string;
  /** China date by which it was (or is) due. */
  dueOn: string;
}

export interface LateMajor {
  seriesId: string;
  title: string;
  occurredOn: string;
  publishedOn: string;
  daysLate: number;
}

export interface CadenceStatus {
  villageId: string;
  villageName: string;
  state: CadenceState;
  overdue: Gap[];
  dueSoon: Gap[];
  lateMajor: LateMajor[];
  lastPublishedAt: Iso | null;
}

/** A notice as the home feed shows it (withdrawn ones are left out when kept). */
export interface HomeFeedNotice {
  noticeId: string;
  title: string;
  pinned: boolean;
  expiresOn: string | null;
  publishedAt: Iso;
}

/** The latest published monthly report as the home feed shows it. */
export interface HomeFeedReport {
  reportId: string;
  month: string;
  publishedAt: Iso | null;
}

/** The village's open survey round as the home feed shows it. */
export interface HomeFeedRound {
  id: string;
  periodKey: string;
  closesAt: Iso | null;
}

/** The feed parts of the home read model, each kept by the context that owns it. */
export interface HomeFeedKept {
  chain: { seq: number; fingerprint: string; at: Iso } | null;
  notices: HomeFeedNotice[];
  report: HomeFeedReport | null;
  round: HomeFeedRound | null;
}

/** The top of the village home: new notices, the open round (and whether I took part), the latest report. */
export interface HomeFeed {
  notices: (HomeFeedNotice & { expired: boolean })[];
  report: HomeFeedReport | null;
  survey: { round: HomeFeedRound; eligible: boolean; voted: boolean } | null;
}

export interface VillageHome {
  village: { id: string; name: string; townName: string };
  /** The feed of the home page (account.home fills whether the caller voted). */
  feed: HomeFeed;
  status: CadenceStatus;
  latestFinance: DisclosureSummary | null;
  recent: DisclosureSummary[];
  /** The village's public record fingerprint (核验公开记录), null before its first publication. */
  chain: { seq: number; fingerprint: string; at: Iso } | null;
}

export interface DisclosureOutputs extends PayoutOutputs {
  publish: DisclosureDetail;
  correct: DisclosureDetail;
  list: { items: DisclosureSummary[]; hasMore: boolean };
  get: DisclosureDetail;
  home: VillageHome;
  status: CadenceStatus;
  townStatus: { townName: string; asOf: string; villages: CadenceStatus[] } & TownPage;
  /** Villages of this page whose home was rebuilt, and how many of them had no overview key. */
  recountHomes: { villages: number; keyed: number } & TownPage;
}
