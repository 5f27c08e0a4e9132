import { z } from 'zod';
import { Attachment } from './disclosure';
import { DateKey, MonthKey } from './shared';

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

export const Title = z
  .string({ error: '请填写名称' })
  .trim()
  .min(2, '名称至少 2 个字')
  .max(80, '名称不超过 80 个字');
export const Guidance = z.string().trim().max(500, '评分说明不超过 500 字').default('');
export const Note = z.string().trim().max(500, '说明不超过 500 字').default('');
export const Comment = z.string().trim().max(500, '意见不超过 500 字').default('');

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
        message: `「${laterYes.label}」分数线低于不认定为清廉村居的「${ordered[firstNot]?.label ?? ''}」，不能认定为清廉村居`,
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

/** The fewest characters (after trimming) of a reason that corrects a figure the rules give. */
export const OVERRIDE_REASON_MIN = 5;

/**
 * The reason for a correction of what the rules give (a self score that differs from the data, a
 * tier other than the score's): empty when there is none, else a real sentence of at least
 * `OVERRIDE_REASON_MIN` characters. Whether one is needed is decided by the handler.
 */
export const OverrideReason = z
  .string()
  .trim()
  .max(200, '理由不超过 200 字')
  .refine((s) => s === '' || s.length >= OVERRIDE_REASON_MIN, {
    message: `理由至少 ${OVERRIDE_REASON_MIN} 个字，请写清楚为什么与系统结果不同`,
  })
  .default('');

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
  reason: OverrideReason,
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
