import { DuplicateKeyError, type Store } from '../common/store/port';
import { nextChinaDayStart, QUOTA_EXCEEDED } from './domain/delivery';
import type { SendResult } from '../common/subscribe';
import { runMarksOf } from './store';

/**
 * WeChat's daily quota of subscribe messages (answer 45009) belongs to the mini-program, not to
 * one person or one job: once it is used up, every send of the day would be refused. A run that
 * meets it stops sending and leaves a mark until the next China day starts; every run before
 * then sends nothing (it still plans), and the records wait `queued`, their attempts untouched.
 */

/** The mark's _id in the report's run marks. */
export const QUOTA_MARK = 'subscribeQuota';

/** What a record that was claimed but not sent (the quota ran out meanwhile) counts as. */
export const QUOTA_RESULT: SendResult = {
  ok: false,
  code: QUOTA_EXCEEDED,
  message: 'daily quota used up; not sent',
};

/** The pause shared by every job of one run: set once the quota is met (or found used up). */
export interface QuotaPause {
  until: string | null;
}

/** Until when sending waits for the quota (an ISO instant), or null when it may send now. */
export async function quotaPausedUntil(store: Store, now: Date): Promise<string | null> {
  const mark = await runMarksOf(store).get(QUOTA_MARK);
  return mark?.until && mark.until > now.toISOString() ? mark.until : null;
}

/**
 * Records that the quota ran out at `now`: sending waits until the next China day. Safe to call
 * from several runs at once; a later day's mark replaces an earlier one.
 */
export async function pauseForQuota(store: Store, now: Date, pause: QuotaPause): Promise<void> {
  const until = nextChinaDayStart(now);
  pause.until = until;
  const col = runMarksOf(store);
  const set = { at: now.toISOString(), until };
  if (await col.update(QUOTA_MARK, { set })) return;
  try {
    await col.insert({ _id: QUOTA_MARK, ...set });
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    await col.update(QUOTA_MARK, { set });
  }
}
