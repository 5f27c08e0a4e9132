import { z } from 'zod';
import { KeyCursor, townPageInput } from './paging';
import { Id, MonthKey } from './shared';
import {
  Comment,
  Finding,
  Key,
  Note,
  OverrideReason,
  ReviewEntry,
  SchemeInput,
  SelfEntry,
  StandardInput,
  Year,
} from './assessment-schemas';
import type {
  AuditRecord,
  Dashboard,
  Demonstration,
  ExportFile,
  LedgerRow,
  LedgerView,
  SheetView,
  Standard,
  StandardOverview,
  TierScheme,
} from './assessment-views';

export * from './assessment-schemas';
export * from './assessment-views';

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
    reason: OverrideReason,
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
  /** Counts cover every village; the list is a page of the whole town's villages, worst first. */
  dashboard: z.object({ year: Year.optional(), ...townPageInput(100, 50), cursor: KeyCursor.optional() }),
  /** 示范点推荐 (seed 001): a page of the town's list, villages meeting the 五好 and not vetoed first, by score. */
  demonstration: z.object({
    year: Year.optional(),
    ...townPageInput(100, 50),
    cursor: KeyCursor.optional(),
  }),
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
