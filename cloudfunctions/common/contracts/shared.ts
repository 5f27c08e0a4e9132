import { z } from 'zod';
// Whoever loads a schema (a cloud function, a subpackage form) gets zod set up for it.
import '../zod-setup';
import { inOwnCloudEnv } from './fileScope';
import { ROLES } from './labels';

export { ROLES, ROLE_LABELS } from './labels';
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

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

/**
 * Years a period or date may name. Village records start in this century; a key like `0000-Q1`
 * or `9999-12` is a typing accident or an attempt to sort above every real period.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;

const yearInRange = (key: string) => {
  const y = Number(key.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
};

/** Whether `YYYY-MM-DD` names a day that exists (no 2026-02-31, no 2025-02-29). */
export function isCalendarDate(key: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC: no time zone shifts).
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const YEAR_RANGE_MESSAGE = `年份应在 ${MIN_YEAR} 至 ${MAX_YEAR} 年之间`;

export const MonthKey = z
  .string({ error: '请选择月份' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '请选择月份')
  .refine(yearInRange, YEAR_RANGE_MESSAGE);
export const QuarterKey = z
  .string({ error: '请选择季度' })
  .regex(/^\d{4}-Q[1-4]$/, '请选择季度')
  .refine(yearInRange, YEAR_RANGE_MESSAGE);
/** A disclosure's period: a month (2025-03) or a quarter (2025-Q1). */
export const PeriodKey = z
  .string({ error: '请选择公开期间' })
  .regex(/^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/, '请选择公开期间（月份或季度）')
  .refine(yearInRange, YEAR_RANGE_MESSAGE);

/** A calendar day in China time, `YYYY-MM-DD`; impossible days are refused, never rolled over. */
export const DateKey = z
  .string({ error: '请选择日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期')
  .refine(isCalendarDate, '没有这一天，请重新选择日期')
  .refine(yearInRange, YEAR_RANGE_MESSAGE);

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
 *  - `cloud://<env>.<bucket>/<path>`: WeChat cloud storage of our own environment (production);
 *  - `/files/<name>`: an upload to the local runtime;
 *  - `/static/<path>`: a file shipped with the app (the demo's sample receipt).
 */
const FILE_ID_PATTERNS = [
  /^cloud:\/\/[A-Za-z0-9._-]+\/[^\s"'<>\\?#]+$/,
  /^\/files\/[A-Za-z0-9_-]+\.[A-Za-z0-9]+$/,
  /^\/static\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/,
];

export function isOwnFileId(fileId: string): boolean {
  if (fileId.includes('..') || !FILE_ID_PATTERNS.some((p) => p.test(fileId))) return false;
  // A cloud file only of the environment the server runs in (see fileScope).
  return !fileId.startsWith('cloud://') || inOwnCloudEnv(fileId);
}

/** A file in our own storage (see isOwnFileId); never an outside web address. */
export const FileId = z
  .string({ error: '缺少文件' })
  .trim()
  .min(1, '缺少文件')
  .max(512, '文件编号过长')
  .refine(isOwnFileId, '附件须上传到本系统，不能引用外部网址的图片或文件');
