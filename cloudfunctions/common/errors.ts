import { OVERSIGHT_REFUSALS } from './contracts/oversight';
import { DECISION_REFUSALS } from './contracts/decisions';
import { ASSET_REFUSALS } from './contracts/assets';
import { PAYOUT_REFUSALS } from './contracts/payouts';
import { RECORD_REFUSALS } from './contracts/record';
import { ACCOUNT_REFUSALS } from './contracts/account-refusals';
import { ASSESSMENT_REFUSALS } from './contracts/assessment-refusals';
import { DISCLOSURE_REFUSALS } from './contracts/disclosure-refusals';
import { REPORT_REFUSALS } from './contracts/report-refusals';
import { SURVEY_REFUSALS } from './contracts/survey-refusals';

/**
 * Stable error codes shared by every cloud function and the mini-program.
 * The code is the contract; the message is what a person reads (Chinese).
 */
export const SHARED_REFUSALS = {
  BAD_INPUT: '填写的内容有误，请检查后再提交',
  UNKNOWN_ACTION: '不支持的操作',
  NOT_SIGNED_IN: '请先登录',
  NOT_BOUND: '您还没有绑定村庄，请先使用邀请码或认领村民名册加入',
  FORBIDDEN_ROLE: '您没有进行此操作的权限',
  FORBIDDEN_VILLAGE: '您只能处理本村的事务',
  NOT_FOUND: '没有找到相关内容，可能已被删除或链接有误',
  VERSION_CONFLICT: '内容已被他人更正，请刷新后再试',
  INTERNAL: '系统繁忙，请稍后再试',
} as const;

/**
 * Every code a reply may carry: the shared ones and each context's own (declared in its
 * contract folder, with the Chinese message a person reads).
 */
export const ERROR_MESSAGES = {
  ...SHARED_REFUSALS,
  ...ACCOUNT_REFUSALS,
  ...DISCLOSURE_REFUSALS,
  ...SURVEY_REFUSALS,
  ...REPORT_REFUSALS,
  ...ASSESSMENT_REFUSALS,
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
