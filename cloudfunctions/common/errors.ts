import { OVERSIGHT_REFUSALS } from './contracts/oversight';
import { DECISION_REFUSALS } from './contracts/decisions';
import { ASSET_REFUSALS } from './contracts/assets';
import { PAYOUT_REFUSALS } from './contracts/payouts';
import { RECORD_REFUSALS } from './contracts/record';

/**
 * Stable error codes shared by every cloud function and the mini-program.
 * The code is the contract; the message is what a person reads (Chinese).
 */
export const ERROR_MESSAGES = {
  BAD_INPUT: '填写的内容有误，请检查后再提交',
  UNKNOWN_ACTION: '不支持的操作',
  NOT_SIGNED_IN: '请先登录',
  NOT_BOUND: '您还没有绑定村庄，请先使用邀请码或认领村民名册加入',
  FORBIDDEN_ROLE: '您没有进行此操作的权限',
  FORBIDDEN_VILLAGE: '您只能处理本村的事务',
  NOT_FOUND: '没有找到相关内容，可能已被删除或链接有误',
  VERSION_CONFLICT: '内容已被他人更正，请刷新后再试',
  ALREADY_BOUND: '您已经绑定了村庄',
  INVITATION_INVALID: '邀请码无效，请向村干部核对',
  INVITATION_EXPIRED: '邀请码已过期或已用完，请向村干部重新索取',
  ROSTER_NO_MATCH: '名册中没有找到与姓名和手机号后四位相符的村民，请向村干部核对',
  CLAIM_PENDING: '您已提交认领申请，请等待村干部审核',
  CLAIM_NOT_PENDING: '该认领申请已处理过',
  PERIOD_MISMATCH: '公开期间与类别不符',
  DUPLICATE_ROSTER: '名册中已有相同姓名和手机号后四位的村民',
  INTERNAL: '系统繁忙，请稍后再试',
  REPORT_MONTH_OPEN: '只能为已经结束的月份生成村情月报',
  REPORT_PUBLISHED: '本月月报已由其他村干部发布，不能再修改',
  NOTICE_WITHDRAWN: '该通知已撤回，不能再更正',
  NO_STANDARD: '本年度的清廉村居测评标准尚未发布，请联系镇纪委',
  SHEET_LOCKED: '评分表已提交，不能再修改；如需更正请联系镇纪委退回',
  DEADLINE_PASSED: '已过自评截止日期，不能再填写或提交',
  SHEET_INCOMPLETE: '还有未评分的项目，请全部评分后再提交',
  SHEET_NOT_SUBMITTED: '该村尚未提交自评，暂不能审核',
  ALREADY_VOTED: '您已参加过本轮测评，每人只能参加一次',
  NOT_ELIGIBLE: '您不在本轮测评的参评名单中（名单在测评开始时确定），如有疑问请联系村干部',
  ROUND_CLOSED: '本轮测评已经结束，不能再提交',
  ROUND_EXISTS: '本村已有这一期的测评，不能重复开启',
  NO_ELIGIBLE_VOTERS: '本村还没有可以参加测评的村民，请先导入村民名册或邀请村民绑定',
  STANDARD_IN_USE: '测评标准已用于已提交的评分表，不能再修改',
  TOO_MANY_ATTEMPTS: '尝试次数过多，请明天再试或联系村干部',
  // Each context's named refusals live in its contract.
  ...OVERSIGHT_REFUSALS,
  ...DECISION_REFUSALS,
  ...ASSET_REFUSALS,
  ...PAYOUT_REFUSALS,
  ...RECORD_REFUSALS,
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  /** Field-level details for forms, e.g. [{ path: 'items.0.amountFen', message: '...' }] */
  issues?: { path: string; message: string }[];
}

export interface Success<T> {
  ok: true;
  data: T;
}

export type Reply<T> = Success<T> | Failure;

export function fail(code: ErrorCode, message?: string, issues?: Failure['issues']): Failure {
  return issues
    ? { ok: false, code, message: message ?? ERROR_MESSAGES[code], issues }
    : { ok: false, code, message: message ?? ERROR_MESSAGES[code] };
}

export function ok<T>(data: T): Success<T> {
  return { ok: true, data };
}

/** Thrown inside use cases to stop with a named outcome; the router turns it into a Failure. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'DomainError';
  }
}
