import { z } from 'zod';
import { Attachment } from './disclosure';
import { DateKey, Id, MonthKey, type Iso } from './shared';
import { townPageInput, type TownPage } from './paging';

/**
 * 清廉村居 index (指数测评): standards and tier schemes as data, the village's self-assessment
 * (自评), the town's review and grading (初审定级), the dashboard and the supervision ledger
 * (日常监管台账).
 */

/** Ids inside a standard become field names of stored maps: no dots. */
export const Key = z
  .string({ error: '缺少编号' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, '编号只能包含字母、数字、下划线和连字符');

export const Year = z.number({ error: '请选择年度' }).int().min(2020, '年度有误').max(2100, '年度有误');

/** Points are whole or half points (0.5 steps), so sums stay exact. */
export const Points = z
  .number({ error: '分值必须是数字' })
  .min(0, '分值不能为负数')
  .max(1000, '分值过大')
  .refine((n) => Number.isInteger(n * 2), '分值最小单位为 0.5 分');

const Title = z
  .string({ error: '请填写名称' })
  .trim()
  .min(2, '名称至少 2 个字')
  .max(80, '名称不超过 80 个字');
const Guidance = z.string().trim().max(500, '评分说明不超过 500 字').default('');
const Note = z.string().trim().max(500, '说明不超过 500 字').default('');
const Comment = z.string().trim().max(500, '意见不超过 500 字').default('');

/** Sources of items scored from the product's own data. */
export const AUTO_SOURCES = ['disclosureTimeliness', 'satisfaction', 'publications'] as const;
export const AutoSource = z.enum(AUTO_SOURCES);
export type AutoSource = z.infer<typeof AutoSource>;

export const AUTO_SOURCE_LABELS: Record<AutoSource, string> = {
  disclosureTimeliness: '三务公开及时率（来自三务公开记录）',
  satisfaction: '满意度测评结果（来自五好测评）',
  publications: '村情月报与通知公告发布（来自村情月报）',
};

export const StandardItem = z.object({
  id: Key,
  title: Title,
  maxPoints: Points.refine((n) => n > 0, '满分必须大于 0'),
  guidance: Guidance,
  auto: AutoSource.optional(),
});
export type StandardItem = z.infer<typeof StandardItem>;

export const StandardSection = z.object({
  id: Key,
  title: Title,
  items: z.array(StandardItem).min(1, '每个部分至少一个评分项').max(40),
});
export type StandardSection = z.infer<typeof StandardSection>;

export const BonusItem = z.object({ id: Key, title: Title, maxPoints: Points, guidance: Guidance });
export type BonusItem = z.infer<typeof BonusItem>;

export const VetoItem = z.object({ id: Key, title: Title, guidance: Guidance });
export type VetoItem = z.infer<typeof VetoItem>;

/** Responsible units (责任单位) that keep the monthly supervision ledger. */
export const LedgerUnit = z.object({ id: Key, name: Title });
export type LedgerUnit = z.infer<typeof LedgerUnit>;

export const Schedule = z.object({
  /** Self-assessment submitted by this China date (default June 25th). */
  selfAssessBy: DateKey,
  /** Application forms with the town by (default June 30th). */
  submitBy: DateKey,
  /** Town reports to the city by (default July 10th). */
  reportBy: DateKey,
});
export type Schedule = z.infer<typeof Schedule>;

export const StandardInput = z
  .object({
    year: Year,
    title: Title,
    sections: z.array(StandardSection).min(1, '至少设置一个评分部分').max(12, '评分部分不超过 12 个'),
    bonus: z.object({
      cap: Points,
      items: z.array(BonusItem).max(30, '加分项不超过 30 个'),
    }),
    vetoes: z.array(VetoItem).max(30, '否决项不超过 30 个'),
    schemeId: Key,
    units: z.array(LedgerUnit).max(20, '责任单位不超过 20 个').default([]),
    /** First month the ledger is due for ('YYYY-MM'). */
    ledgerSince: MonthKey,
    schedule: Schedule.optional(),
  })
  .superRefine((s, ctx) => {
    // Ids become field names of the stored sheets: unique within their kind.
    const seen = new Map<string, string>();
    const check = (kind: string, id: string, path: (string | number)[], what: string) => {
      const k = `${kind}:${id}`;
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path, message: `${what}编号重复：${id}` });
      else seen.set(k, id);
    };
    s.sections.forEach((sec, i) => {
      check('s', sec.id, ['sections', i, 'id'], '评分部分');
      sec.items.forEach((it, j) => check('i', it.id, ['sections', i, 'items', j, 'id'], '评分项'));
    });
    s.bonus.items.forEach((b, i) => check('b', b.id, ['bonus', 'items', i, 'id'], '加分项'));
    s.vetoes.forEach((v, i) => check('v', v.id, ['vetoes', i, 'id'], '否决项'));
    s.units.forEach((u, i) => check('u', u.id, ['units', i, 'id'], '责任单位'));
    if (s.bonus.items.length && s.bonus.cap === 0) {
      ctx.addIssue({ code: 'custom', path: ['bonus', 'cap'], message: '设置了加分项时，加分上限必须大于 0' });
    }
    if (s.ledgerSince.slice(0, 4) !== String(s.year)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ledgerSince'],
        message: `监管台账起始月份应在 ${s.year} 年内`,
      });
    }
    if (s.schedule) {
      const { selfAssessBy, submitBy, reportBy } = s.schedule;
      if (selfAssessBy.slice(0, 4) !== String(s.year)) {
        ctx.addIssue({
          code: 'custom',
          path: ['schedule', 'selfAssessBy'],
          message: `自评截止日期应在 ${s.year} 年内`,
        });
      }
      if (submitBy < selfAssessBy) {
        ctx.addIssue({
          code: 'custom',
          path: ['schedule', 'submitBy'],
          message: '报镇日期不能早于自评截止日期',
        });
      }
      if (reportBy < submitBy) {
        ctx.addIssue({
          code: 'custom',
          path: ['schedule', 'reportBy'],
          message: '报市日期不能早于报镇日期',
        });
      }
    }
  });
export type StandardInput = z.input<typeof StandardInput>;

/** A tier of a scheme, from the highest; a village gets the first whose minimum it reaches. */
export const TierDef = z.object({
  key: Key,
  label: z
    .string({ error: '请填写档次名称' })
    .trim()
    .min(1, '请填写档次名称')
    .max(20, '档次名称不超过 20 个字'),
  minScore: Points,
  /** Whether the tier counts as 清廉村居 (鲍沟镇: 示范村, 达标村, 提升村 do; 促进村 does not). */
  countsAsQinglian: z.boolean(),
});
export type TierDef = z.infer<typeof TierDef>;

export const YearTargets = z.object({
  /** How many villages of each tier the town aims for. */
  counts: z.record(z.string(), z.number().int().min(0).max(100_000)),
  /** Every village should reach at least this tier (2025: 促进村 of 2024 reach 提升村). */
  floorTier: Key.optional(),
  /** A village should not drop below last year's tier (示范村 of 2024 stay 示范村). */
  keepPrevious: z.boolean().default(false),
});
export type YearTargets = z.infer<typeof YearTargets>;

export const SchemeInput = z
  .object({
    id: Key,
    name: Title,
    tiers: z.array(TierDef).min(2, '至少设置两个档次').max(8, '档次不超过 8 个'),
    /** The tier a village gets when any veto item applies; null = no tier at all. */
    vetoTier: Key.nullable(),
    targets: z.record(z.string().regex(/^\d{4}$/, '目标年度有误'), YearTargets).default({}),
  })
  .superRefine((s, ctx) => {
    const keys = s.tiers.map((t) => t.key);
    s.tiers.forEach((t, i) => {
      if (keys.indexOf(t.key) !== i)
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'key'], message: `档次编号重复：${t.key}` });
      if (s.tiers.findIndex((x) => x.label === t.label) !== i)
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'label'], message: `档次名称重复：${t.label}` });
      if (s.tiers.findIndex((x) => x.minScore === t.minScore) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'minScore'],
          message: `「${t.label}」与其他档次的分数线相同（${t.minScore} 分）`,
        });
    });
    // 清廉村居 are the upper tiers: none that counts may sit below one that does not.
    const ordered = [...s.tiers].sort((a, b) => b.minScore - a.minScore);
    const firstNot = ordered.findIndex((t) => !t.countsAsQinglian);
    const laterYes = firstNot < 0 ? undefined : ordered.slice(firstNot).find((t) => t.countsAsQinglian);
    if (laterYes) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', s.tiers.indexOf(laterYes), 'countsAsQinglian'],
        message: `「${laterYes.label}」分数线低于不认定为清廉村居的「${ordered[firstNot].label}」，不能认定为清廉村居`,
      });
    }
    if (s.vetoTier !== null) {
      const veto = s.tiers.find((t) => t.key === s.vetoTier);
      if (!veto) ctx.addIssue({ code: 'custom', path: ['vetoTier'], message: '否决项对应的档次不存在' });
      else if (veto.countsAsQinglian)
        ctx.addIssue({ code: 'custom', path: ['vetoTier'], message: '否决项对应的档次不能认定为清廉村居' });
    }
    for (const [year, t] of Object.entries(s.targets)) {
      const bad =
        Object.keys(t.counts).find((k) => !keys.includes(k)) ??
        (t.floorTier && !keys.includes(t.floorTier) ? t.floorTier : undefined);
      if (bad)
        ctx.addIssue({
          code: 'custom',
          path: ['targets', year],
          message: `${year} 年目标中的档次不存在：${bad}`,
        });
    }
  });
export type SchemeInput = z.input<typeof SchemeInput>;

export const ENTRY_KINDS = ['item', 'bonus', 'veto'] as const;
export const EntryKind = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof EntryKind>;

export const SelfEntry = z.object({
  kind: EntryKind,
  id: Key,
  /** Points for items and bonus items; null clears it. */
  score: Points.nullable().optional(),
  /** For veto items: whether it applies to the village. */
  applies: z.boolean().optional(),
  note: Note,
  evidence: z.array(Attachment).max(9, '每项证明材料最多 9 个').default([]),
  /** Required when an auto-scored item's score differs from the product's own data. */
  reason: z.string().trim().max(200, '理由不超过 200 字').default(''),
});
export type SelfEntry = z.input<typeof SelfEntry>;

export const ReviewEntry = z.object({
  kind: EntryKind,
  id: Key,
  score: Points.nullable().optional(),
  applies: z.boolean().optional(),
  comment: Comment,
});
export type ReviewEntry = z.input<typeof ReviewEntry>;

export const FINDING_STATUSES = ['open', 'rectifying', 'done'] as const;
export const FindingStatus = z.enum(FINDING_STATUSES, { error: '请选择整改状态' });
export type FindingStatus = z.infer<typeof FindingStatus>;
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  open: '未整改',
  rectifying: '整改中',
  done: '已整改',
};

export const Finding = z.object({
  finding: z.string({ error: '请填写发现的问题' }).trim().min(2, '问题至少 2 个字').max(300),
  rectification: z.string().trim().max(300, '整改措施不超过 300 字').default(''),
  deadline: DateKey.optional(),
  status: FindingStatus.default('open'),
});
export type Finding = z.infer<typeof Finding>;

const Where = { villageId: Id.optional(), year: Year.optional() };

export const assessmentInputs = {
  /** The year's standard and tier scheme (anyone of the town). */
  standard: z.object({ year: Year.optional() }),
  /** A town admin publishes a new version of the year's standard. */
  saveStandard: StandardInput,
  /** A town admin defines (or replaces) a tier scheme. */
  saveScheme: SchemeInput,
  /** The score sheet of a village and year, with auto-scored items and totals. */
  sheet: z.object(Where),
  saveSelf: z.object({
    ...Where,
    entries: z.array(SelfEntry).min(1, '没有要保存的内容').max(200),
    baseRev: z.number().int().min(0).optional(),
  }),
  submit: z.object({ ...Where, baseRev: z.number().int().min(0).optional() }),
  review: z.object({
    villageId: Id,
    year: Year.optional(),
    entries: z.array(ReviewEntry).min(1, '没有要保存的内容').max(200),
    baseRev: z.number().int().min(0).optional(),
  }),
  confirm: z.object({
    villageId: Id,
    year: Year.optional(),
    /** Omitted: the tier the rules give. A different tier needs a reason. */
    tier: Key.optional(),
    reason: z.string().trim().max(200).default(''),
    comment: Comment,
  }),
  /** The town returns a submitted sheet to the village for corrections. */
  reopen: z.object({
    villageId: Id,
    year: Year.optional(),
    reason: z.string({ error: '请填写退回理由' }).trim().min(2, '退回理由至少 2 个字').max(200),
  }),
  /**
   * After the self-assessment date, a village whose sheet cannot be submitted as it stands asks
   * the town to open it again, saying why.
   */
  requestReopen: z.object({
    ...Where,
    reason: z
      .string({ error: '请填写申请理由' })
      .trim()
      .min(2, '申请理由至少 2 个字')
      .max(200, '申请理由不超过 200 字'),
  }),
  /** The town answers a village's request: open the sheet again, or decline with a reason. */
  answerReopen: z
    .object({
      villageId: Id,
      year: Year.optional(),
      grant: z.boolean({ error: '请选择同意或不同意' }),
      comment: z.string().trim().max(200, '意见不超过 200 字').default(''),
    })
    .refine((x) => x.grant || x.comment.length >= 2, {
      path: ['comment'],
      message: '不同意时请填写理由（至少 2 个字）',
    }),
  /** The village answers the result. */
  comment: z.object({
    ...Where,
    text: z.string({ error: '请填写意见' }).trim().min(2, '意见至少 2 个字').max(500, '意见不超过 500 字'),
  }),
  /** Every change of a sheet (and the village's ledger), oldest first. */
  history: z.object(Where),
  /** Counts cover every village; the list is a page of villages (cursor), below target first. */
  dashboard: z.object({ year: Year.optional(), ...townPageInput(100, 50) }),
  /** 示范点推荐 (seed 001): villages meeting the 五好 and not vetoed, ranked by score. */
  demonstration: z.object({ year: Year.optional() }),
  /** Recounts the dashboard's per-village summaries from the sheets and ledger entries. */
  recount: z.object({ year: Year.optional() }),
  /** A page of the town's villages (cursor paging), every unit's entry for each. */
  ledger: z.object({ month: MonthKey, unitId: Key.optional(), ...townPageInput(100, 50) }),
  saveLedger: z.object({
    unitId: Key,
    villageId: Id,
    month: MonthKey,
    findings: z.array(Finding).max(30, '每月最多 30 条'),
    note: Note,
  }),
  export: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sheet'), villageId: Id.optional(), year: Year.optional() }),
    z.object({ kind: z.literal('application'), villageId: Id.optional(), year: Year.optional() }),
    z.object({ kind: z.literal('ledger'), month: MonthKey }),
  ]),
} as const;

export type AssessmentInputs = {
  [K in keyof typeof assessmentInputs]: z.input<(typeof assessmentInputs)[K]>;
};

export type SheetState = 'draft' | 'submitted' | 'reviewed' | 'confirmed';
export const SHEET_STATE_LABELS: Record<SheetState | 'none', string> = {
  none: '未开始',
  draft: '自评中',
  submitted: '已提交，待审核',
  reviewed: '审核中',
  confirmed: '已定级',
};

export interface Standard extends z.output<typeof StandardInput> {
  id: string;
  townId: string;
  version: number;
  schedule: Schedule;
  publishedAt: Iso;
}

export interface TierScheme extends z.output<typeof SchemeInput> {
  townId: string;
}

export interface AutoValue {
  source: AutoSource;
  /**
   * Points the data gives. Every source of this product always gives points (no records in the
   * window score what that means); null only on sheets stored before that was so.
   */
  points: number | null;
  /** What the points come from, in one sentence: the months weighed and what was counted. */
  basis: string;
  asOf: Iso;
}

/** An auto-scored item the village scored differently from the data: both figures and why. */
export interface AutoOverride {
  selfScore: number;
  autoPoints: number;
  reason: string;
}

/**
 * Where the sheet stands in the year's schedule: `open` to fill and submit (before the
 * self-assessment date, or opened again by the town); `submitOnly` between the self-assessment
 * date and the submit date (a complete sheet can still go to the town, nothing can change);
 * `closed` after that (the town may open it again on request).
 */
export type SheetPhase = 'open' | 'submitOnly' | 'closed';

export interface ReopenRequestView {
  reason: string;
  byName: string;
  at: Iso;
  state: 'pending' | 'granted' | 'declined';
  answer: string;
  answeredByName: string | null;
  answeredAt: Iso | null;
}

export type Evidence = Attachment;

export interface SheetEntryView {
  kind: EntryKind;
  id: string;
  title: string;
  sectionId: string | null;
  maxPoints: number;
  guidance: string;
  auto: AutoValue | null;
  /** Set when the village's own score differs from the data (it then needs a reason). */
  override: AutoOverride | null;
  self: { score: number | null; applies: boolean | null; note: string; evidence: Evidence[]; reason: string };
  review: { score: number | null; applies: boolean | null; comment: string; byName: string; at: Iso } | null;
  /** What counts: the review if any, else the village's own score (or the auto value). */
  effective: { score: number | null; applies: boolean };
}

export interface ScoreTotals {
  /** Sum of the sections' items. */
  base: number;
  /** Bonus as claimed, before the cap. */
  bonusClaimed: number;
  /** Bonus that counts: never above the standard's cap. */
  bonus: number;
  total: number;
  sections: { id: string; title: string; maxPoints: number; points: number }[];
  vetoes: string[];
  /** Items with no score yet. */
  missing: number;
}

export interface TierResult {
  key: string | null;
  label: string;
  qinglian: boolean;
  /** Why: '总分 86 分，达到达标村（80 分）' or '存在否决项：…'. */
  why: string;
}

export interface VillageComment {
  byName: string;
  at: Iso;
  text: string;
}

export interface SheetView {
  village: { id: string; name: string };
  year: number;
  standard: {
    id: string;
    version: number;
    title: string;
    bonusCap: number;
    schedule: Schedule;
    maxBase: number;
  };
  state: SheetState;
  rev: number;
  deadlinePassed: boolean;
  /** Only meaningful while the sheet is a draft. */
  phase: SheetPhase;
  /** What stands between the draft and its submission, in words (empty when it can go). */
  missing: string[];
  /** The village's latest request to open the sheet again, and the town's answer. */
  reopenRequest: ReopenRequestView | null;
  entries: SheetEntryView[];
  sections: { id: string; title: string }[];
  selfTotals: ScoreTotals;
  /** Null until the town has reviewed at least one item. */
  reviewTotals: ScoreTotals | null;
  /** Totals that count (review over self). */
  totals: ScoreTotals;
  computedTier: TierResult;
  confirmed: (TierResult & { byName: string; at: Iso; comment: string; reason: string }) | null;
  submittedAt: Iso | null;
  submittedByName: string | null;
  comments: VillageComment[];
  reopenReason: string | null;
  /**
   * On a draft that moved to a newer version of the standard (until it is submitted): which
   * version, what changed, which scores must be given again. Null otherwise.
   */
  standardNotice: string | null;
  /** What the caller may do here. */
  can: {
    edit: boolean;
    submit: boolean;
    review: boolean;
    confirm: boolean;
    comment: boolean;
    requestReopen: boolean;
    answerReopen: boolean;
  };
  tiers: { key: string; label: string; minScore: number; countsAsQinglian: boolean }[];
}

export interface AuditRecord {
  id: string;
  at: Iso;
  byName: string;
  byRole: string;
  action: string;
  /** The item concerned, in words. */
  target: string;
  before: string;
  after: string;
}

export interface LedgerMark {
  month: string;
  unitId: string;
  unitName: string;
  state: 'onTime' | 'late' | 'missing';
}

export interface DashboardVillage {
  villageId: string;
  villageName: string;
  state: SheetState | 'none';
  score: number | null;
  tier: TierResult | null;
  /** Confirmed by the town (otherwise the tier is provisional, from the score). */
  confirmed: boolean;
  vetoes: string[];
  target: { key: string; label: string } | null;
  belowTarget: boolean;
  trend: { year: number; score: number | null; tierLabel: string | null }[];
  ledgerLate: number;
  ledgerMissing: number;
}

export interface TierCount {
  key: string;
  label: string;
  countsAsQinglian: boolean;
  /** Confirmed by the town. */
  confirmed: number;
  /** Confirmed plus provisional (from scores of unconfirmed sheets). */
  projected: number;
  target: number | null;
}

export interface Dashboard extends Pick<TownPage, 'next'> {
  year: number;
  townName: string;
  asOf: string;
  villages: DashboardVillage[];
  /** All villages of the town; `villages` is one page of them. */
  villageTotal: number;
  counts: TierCount[];
  qinglian: { confirmed: number; target: number | null };
  states: Record<SheetState | 'none', number>;
  ledger: { late: number; missing: number; monthsChecked: string[] };
  schemeName: string;
  /** Villages asking to open their sheet again, oldest request first. */
  reopenRequests: { villageId: string; villageName: string; reason: string; byName: string; at: Iso }[];
}

export type LedgerFinding = Finding;

export interface LedgerRow {
  villageId: string;
  villageName: string;
  unitId: string;
  unitName: string;
  state: 'onTime' | 'late' | 'missing' | 'notDue';
  submittedAt: Iso | null;
  findings: LedgerFinding[];
  note: string;
  byName: string | null;
}

export interface LedgerView extends TownPage {
  month: string;
  dueOn: string;
  units: LedgerUnit[];
  rows: LedgerRow[];
}

export interface ExportFile {
  fileName: string;
  mime: string;
  base64: string;
  /** For the score sheet and application: the totals written into the file. */
  totals: { base: number; bonus: number; total: number; tier: string } | null;
}

/** A scheme with the years whose submitted sheets use it (its tiers can then no longer change). */
export interface SchemeWithUse extends TierScheme {
  lockedYears: number[];
}

export interface StandardOverview {
  standard: Standard | null;
  scheme: TierScheme | null;
  /** Years with a published standard, newest first. */
  years: number[];
  /** Every tier scheme of the town. */
  schemes: SchemeWithUse[];
  /** Sheets of the year already submitted: while any is, the year's standard cannot change. */
  submittedSheets: number;
}

export interface DemonstrationCandidate {
  villageId: string;
  villageName: string;
  score: number | null;
  tierLabel: string | null;
  /** Confirmed by the town (otherwise the tier is provisional). */
  confirmed: boolean;
  eligible: boolean;
  /** 1, 2, … among the eligible; null for the others. */
  rank: number | null;
  /** Why it is or is not eligible, in words. */
  reasons: string[];
  /** The survey round the 五好 was judged on ('2026-Q3'), if any. */
  surveyPeriod: string | null;
}

export interface Demonstration {
  year: number;
  /** Eligible first by score, then the others by score. */
  villages: DemonstrationCandidate[];
  eligible: number;
}

export interface AssessmentOutputs {
  standard: StandardOverview;
  demonstration: Demonstration;
  saveStandard: Standard;
  saveScheme: TierScheme;
  sheet: SheetView;
  saveSelf: SheetView;
  submit: SheetView;
  review: SheetView;
  confirm: SheetView;
  reopen: SheetView;
  requestReopen: SheetView;
  answerReopen: SheetView;
  comment: SheetView;
  history: { records: AuditRecord[] };
  dashboard: Dashboard;
  recount: { villages: number };
  ledger: LedgerView;
  saveLedger: LedgerRow;
  export: ExportFile;
}
