import { z } from 'zod';

/** Roles a person can hold in a village (town admins hold theirs in a town). */
export const ROLES = [
  'resident',
  'representative',
  'partyMember',
  'migrant',
  'cadre',
  'supervisor',
  'townAdmin',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  resident: '村民',
  representative: '村民代表',
  partyMember: '党员',
  migrant: '外出务工人员',
  cadre: '村干部',
  supervisor: '村监委',
  townAdmin: '镇管理员',
};

/** Roles of the village roster that a person can claim for themselves. */
export const ROSTER_ROLES = ['resident', 'representative', 'partyMember', 'migrant'] as const;
export const RosterRole = z.enum(ROSTER_ROLES);

/**
 * Roles a village cadre may grant (by invitation or roster import). 村民代表 answer the
 * 干部廉洁履职满意率 indicator that rates the cadres themselves, so only the town grants that
 * role, as it does cadre and supervisor.
 */
export const CADRE_GRANTABLE_ROLES = [
  'resident',
  'partyMember',
  'migrant',
] as const satisfies readonly Role[];

export const Id = z
  .string({ error: '缺少编号' })
  .trim()
  .min(1, '缺少编号')
  .max(64, '编号过长')
  .regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确');

/** A client-made key that makes a write safe to retry. */
export const RequestId = z
  .string({ error: '缺少请求编号' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确');

export const MonthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '请选择月份');
export const QuarterKey = z.string().regex(/^\d{4}-Q[1-4]$/, '请选择季度');
/** A disclosure's period: a month (2025-03) or a quarter (2025-Q1). */
export const PeriodKey = z
  .string({ error: '请选择公开期间' })
  .regex(/^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/, '请选择公开的月份或季度');

export const DateKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '请选择正确的日期');

/** Money is integer fen (分), never floating yuan. */
export const Fen = z
  .number({ error: '金额必须是数字' })
  .int('金额必须精确到分')
  .positive('金额必须大于 0')
  .max(100_000_000_000, '金额过大');

export const Paging = {
  limit: z.number().int().min(1).max(50).default(20),
  skip: z.number().int().min(0).max(10_000).default(0),
};

export type Iso = string;

/**
 * Where a stored file may live. Pages render a file id as an image source, so an outside
 * address would make every reader's phone fetch it (and reveal their IP to whoever runs it):
 * only our own storage is accepted.
 *  - `cloud://<env>/<path>`: WeChat cloud storage (production);
 *  - `/files/<name>`: an upload to the local runtime;
 *  - `/static/<path>`: a file shipped with the app (the demo's sample receipt).
 */
const FILE_ID_PATTERNS = [
  /^cloud:\/\/[A-Za-z0-9._-]+\/[^\s"'<>\\?#]+$/,
  /^\/files\/[A-Za-z0-9_-]+\.[A-Za-z0-9]+$/,
  /^\/static\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/,
];

export function isOwnFileId(fileId: string): boolean {
  return !fileId.includes('..') && FILE_ID_PATTERNS.some((p) => p.test(fileId));
}

/** A file in our own storage (see isOwnFileId); never an outside web address. */
export const FileId = z
  .string({ error: '缺少文件' })
  .trim()
  .min(1, '缺少文件')
  .max(512, '文件编号过长')
  .refine(isOwnFileId, '附件须上传到本系统，不能引用外部网址的图片或文件');
