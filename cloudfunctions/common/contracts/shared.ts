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

export const MonthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2025-03');
export const QuarterKey = z.string().regex(/^\d{4}-Q[1-4]$/, '季度格式应为 2025-Q1');
/** A disclosure's period: a month (2025-03) or a quarter (2025-Q1). */
export const PeriodKey = z
  .string({ error: '请选择公开期间' })
  .regex(/^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/, '公开期间应为月份（2025-03）或季度（2025-Q1）');

export const DateKey = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 2025-03-05');

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
