import { z } from 'zod';
import { DateKey, Id, MonthKey, RequestId } from './shared';

/**
 * The 村监委's 台账 and 日志 (part of the oversight context): meetings (例会), attendance at
 * 两委 meetings (列席), checks it makes, and findings with their 整改 — one log per village
 * and month — plus the town's supervision-ledger findings about the village, on one 整改 list.
 */

export const LOG_KINDS = ['meeting', 'attendance', 'check', 'finding'] as const;
export const LogKind = z.enum(LOG_KINDS, { error: '请选择记录类型' });
export type LogKind = z.infer<typeof LogKind>;
export const LOG_KIND_LABELS: Record<LogKind, string> = {
  meeting: '村监委例会',
  attendance: '列席两委会议',
  check: '监督检查',
  finding: '发现问题',
};

export const FIX_STATUSES = ['open', 'done', 'verified'] as const;
export type FixStatus = (typeof FIX_STATUSES)[number];
export const FIX_STATUS_LABELS: Record<FixStatus, string> = {
  open: '待整改',
  done: '已整改，待核实',
  verified: '已核实销号',
};

/** What may be recorded on a 整改: the village reports it done; the checker verifies or reopens it. */
export const FIX_MOVES = ['done', 'verified', 'reopened'] as const;
export type FixMove = (typeof FIX_MOVES)[number];

const Text = (what: string, min: number, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(min, `${what}至少 ${min} 个字`)
    .max(max, `${what}不超过 ${max} 个字`);

const Name = z
  .string({ error: '姓名格式不正确' })
  .trim()
  .min(1, '姓名不能为空')
  .max(20, '姓名不超过 20 个字');

/** A town finding is named `town:<ledger id>:<index>`; a village one by its log entry id. */
export const FixId = z
  .string({ error: '缺少整改编号' })
  .regex(/^(town:[A-Za-z0-9_.:-]{1,100}:\d{1,2}|[A-Za-z0-9_-]{1,64})$/, '整改编号格式不正确');

export const oversightLogInputs = {
  /** One month of a village's log, and its 整改 list. */
  logMonth: z.object({ villageId: Id.optional(), month: MonthKey }),
  /** The 村监委 records a meeting, an attendance, a check or a finding (with its 整改). */
  logAdd: z
    .object({
      requestId: RequestId,
      kind: LogKind,
      date: DateKey,
      title: Text('标题', 2, 60),
      text: Text('内容', 0, 2000).default(''),
      attendees: z.array(Name, { error: '参加人员格式不正确' }).max(30, '参加人员最多 30 人').default([]),
      fix: z
        .object({ owner: Text('整改责任人', 1, 20), dueOn: DateKey, what: Text('整改要求', 2, 300) })
        .optional(),
    })
    .superRefine((v, ctx) => {
      if (v.kind === 'finding' && !v.fix) {
        ctx.addIssue({ code: 'custom', path: ['fix'], message: '发现的问题须写明整改要求、责任人和期限' });
      }
      if (v.kind !== 'finding' && v.fix) {
        ctx.addIssue({ code: 'custom', path: ['fix'], message: '只有发现问题才需要整改' });
      }
      if (v.fix && v.fix.dueOn < v.date) {
        ctx.addIssue({ code: 'custom', path: ['fix', 'dueOn'], message: '整改期限不能早于发现问题的日期' });
      }
    }),
  /** A step on a 整改: done (the village, with what was done), verified or reopened (the checker). */
  fixUpdate: z.object({
    requestId: RequestId,
    fixId: FixId,
    villageId: Id.optional(),
    move: z.enum(FIX_MOVES, { error: '请选择整改进展' }),
    note: Text('说明', 2, 500),
  }),
  /** One month of the log as an Excel workbook. */
  logExport: z.object({ villageId: Id.optional(), month: MonthKey }),
} as const;

export const OVERSIGHT_LOG_REFUSALS = {
  FIX_WRONG_STATE: '这项整改当前的状态不能进行此操作，请刷新后查看',
  FIX_NOT_FOUND: '没有找到这项整改',
  FIX_OWN_WORK: '这项整改是您本人报告完成的，请由其他村监委成员（或镇里）核实',
  LOG_DATE_IN_FUTURE: '台账日期不能晚于今天，请在事情发生后再登记',
} as const;

export interface LogEntryView {
  id: string;
  kind: LogKind;
  date: string;
  title: string;
  text: string;
  attendees: string[];
  by: string;
  at: string;
}

export interface FixView {
  id: string;
  source: 'village' | 'town';
  /** For town findings: the responsible unit's name; for the village: '村监委'. */
  foundBy: string;
  foundOn: string;
  finding: string;
  what: string;
  owner: string;
  dueOn: string | null;
  status: FixStatus;
  overdue: boolean;
  history: { move: FixMove; note: string; by: string; at: string }[];
  /** What the caller may record now. */
  can: FixMove[];
}

export interface ExportedFile {
  fileName: string;
  mime: string;
  base64: string;
}

export interface OversightLogOutputs {
  logMonth: {
    villageId: string;
    villageName: string;
    month: string;
    entries: LogEntryView[];
    /** Every 整改 not yet verified, and those found this month. */
    fixes: FixView[];
    canWrite: boolean;
  };
  logAdd: LogEntryView & { created: boolean };
  fixUpdate: FixView;
  logExport: ExportedFile;
}
