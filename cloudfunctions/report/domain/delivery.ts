import { inChina } from '../../common/clock';

/**
 * Delivery rules, pure. How a sender's answer is classified and when a transient failure is
 * tried again.
 */

/** WeChat: the user refused, or has no unused one-time grant left. Never retried. */
export const REFUSED = 43101;

/**
 * WeChat: the mini-program's daily quota of subscribe messages is used up. Nothing was
 * delivered, and nothing will be until the quota renews the next day: not a failure of the
 * person's delivery, so it neither counts an attempt nor waits by backoff.
 */
export const QUOTA_EXCEEDED = 45009;

/** Codes that will not get better by trying again (bad openid, bad data, bad template, page). */
const PERMANENT = new Set([40003, 40037, 41028, 41029, 41030, 47003]);

/**
 * sent: WeChat accepted it. refused: 43101. retry / failed: WeChat answered with an error, so
 * nothing was delivered. unconfirmed: no answer we can trust (the request may have left):
 * never sent again. quota: the day's quota is used up; queued again for the next China day.
 */
export type Outcome = 'sent' | 'refused' | 'retry' | 'failed' | 'unconfirmed' | 'quota';

/**
 * The most one-time grants of one template we count for a person. WeChat adds one message per
 * accepted tap but does not publish how many it keeps; a higher count in our books would only
 * promise messages WeChat may refuse, and a client reporting taps that never happened could
 * inflate it. Extra taps are recorded, not counted.
 */
export const MAX_ONE_TIME_GRANTS = 10;

export interface DeliveryRules {
  /** Attempts before a transiently failing delivery is given up ('failed'). */
  maxAttempts: number;
  /** First wait after a transient failure; doubles each attempt up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a claim holds; longer than a run's budget plus one send. */
  leaseMs: number;
}

export const DEFAULT_DELIVERY_RULES: DeliveryRules = {
  maxAttempts: 5,
  baseBackoffMs: 60_000,
  maxBackoffMs: 60 * 60_000,
  leaseMs: 120_000,
};

export function classify(
  result: { ok: true } | { ok: false; code: number; unknown?: boolean },
  attempts: number,
  rules: DeliveryRules,
): Outcome {
  if (result.ok) return 'sent';
  if (result.unknown) return 'unconfirmed';
  if (result.code === REFUSED) return 'refused';
  if (result.code === QUOTA_EXCEEDED) return 'quota';
  if (PERMANENT.has(result.code)) return 'failed';
  return attempts >= rules.maxAttempts ? 'failed' : 'retry';
}

/**
 * When a quota used up at `now` renews: the start of the next China day (UTC+8 midnight),
 * as an ISO instant.
 */
export function nextChinaDayStart(now: Date): string {
  return inChina(now).startOf('day').add(1, 'day').toISOString();
}

/** Wait before attempt `attempts + 1`: base, 2x base, 4x base, ... capped. */
export function backoffMs(attempts: number, rules: DeliveryRules): number {
  const exp = Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(rules.baseBackoffMs * 2 ** exp, rules.maxBackoffMs);
}

/** subscribe-message `thing` fields hold at most 20 characters. */
export function thing(text: string): string {
  const chars = [...text];
  return chars.length <= 20 ? text : `${chars.slice(0, 19).join('')}…`;
}

/**
 * Whether a person had a usable grant when a subject was published, from the grant as it is now
 * and the times of the person's accepted taps. People expect a subscription made today to bring
 * the NEXT report or notice: a grant made after publication is kept for that one instead of
 * being spent on (often) the very report they just read.
 *  - a grant untouched since publication is what it was then;
 *  - a one-time grant counted: what is left minus the taps accepted after publication (sends
 *    after publication only lower the count, so this never overstates what existed then);
 *  - a long-term grant: accepted at or before publication.
 */
export function hadGrantAt(
  grant: { oneTime: number; longTerm: boolean; updatedAt: string },
  acceptedAt: readonly string[],
  publishedAt: string,
): boolean {
  if (grant.updatedAt <= publishedAt) return grant.longTerm || grant.oneTime > 0;
  const before = acceptedAt.filter((t) => t <= publishedAt).length;
  if (grant.longTerm) return before > 0;
  return grant.oneTime - (acceptedAt.length - before) > 0;
}
