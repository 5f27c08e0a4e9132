import { chinaDateKey } from '../common/clock';
import {
  WITHDRAWN_NOTICE_SHOWN_DAYS,
  type NoticeDetail,
  type NoticeSummary,
} from '../common/contracts/report';
import type { UserDoc } from '../common/identity';
import type { Store } from '../common/store/port';
import { manages } from './policy';
import { noticeVersionIdOf, noticeVersionsOf, type NoticeDoc, type NoticeVersionDoc } from './store';

/** How notices are shown: list rows, the detail with its versions, the list window. */

const EXCERPT_CHARS = 60;
/** `listedUntil` of a notice that neither expires nor was withdrawn. */
const LISTED_FOREVER = '9999-12-31';

/** What lists show of a body: its start, on one line. */
export function excerptOf(body: string): string {
  const chars = [...body.replace(/\s+/g, ' ').trim()];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS - 1).join('')}…` : chars.join('');
}

/**
 * The last China date a notice belongs in the current list: until it expires, and a
 * withdrawn one for WITHDRAWN_NOTICE_SHOWN_DAYS after the withdrawal (so people see it was
 * withdrawn), whichever ends first.
 */
export function listedUntilOf(expiresOn: string, withdrawnAt: string | null): string {
  const ends = [expiresOn || LISTED_FOREVER];
  if (withdrawnAt)
    ends.push(chinaDateKey(Date.parse(withdrawnAt) + WITHDRAWN_NOTICE_SHOWN_DAYS * 86_400_000));
  return ends.sort()[0] ?? LISTED_FOREVER;
}

type NoticeListed = Omit<NoticeDoc, 'body' | 'pictures' | 'requestId' | 'publisher' | 'readCount'>;

export function noticeSummary(n: NoticeListed, today: string): NoticeSummary {
  const expired = !!n.expiresOn && n.expiresOn < today;
  const withdrawn = !!n.withdrawal;
  return {
    noticeId: n._id,
    villageId: n.villageId,
    title: n.title,
    excerpt: n.excerpt,
    pinned: n.pinned && !expired && !withdrawn,
    expiresOn: n.expiresOn || null,
    publishedAt: n.publishedAt,
    updatedAt: n.updatedAt ?? n.publishedAt,
    version: n.version ?? 1,
    expired,
    withdrawn,
  };
}

/** A version of a notice; notices stored before versions existed are their own version 1. */
export async function noticeVersion(
  store: Store,
  n: NoticeDoc,
  version: number,
): Promise<NoticeVersionDoc | null> {
  const v = await noticeVersionsOf(store).get(noticeVersionIdOf(n._id, version));
  if (v || version !== 1 || (n.version ?? 1) !== 1) return v;
  return {
    _id: noticeVersionIdOf(n._id, 1),
    noticeId: n._id,
    version: 1,
    requestId: n.requestId,
    villageId: n.villageId,
    townId: n.townId,
    title: n.title,
    body: n.body,
    pictures: n.pictures,
    expiresOn: n.expiresOn,
    reason: null,
    publishedAt: n.publishedAt,
    publisher: n.publisher,
  };
}

export async function noticeDetail(
  store: Store,
  n: NoticeDoc,
  user: UserDoc | null,
  today: string,
  shown?: NoticeVersionDoc,
): Promise<NoticeDetail> {
  const latest = n.version ?? 1;
  const v = shown ?? ((await noticeVersion(store, n, latest)) as NoticeVersionDoc);
  const history =
    latest === 1
      ? [{ version: 1, publishedAt: n.publishedAt, reason: null }]
      : (
          await noticeVersionsOf(store).find(
            { noticeId: n._id },
            { sort: { version: 1 }, fields: ['version', 'publishedAt', 'reason'] },
          )
        ).map((x) => ({ version: x.version, publishedAt: x.publishedAt, reason: x.reason }));
  const summary = noticeSummary(
    { ...n, title: v.title, excerpt: excerptOf(v.body), expiresOn: v.expiresOn },
    today,
  );
  return {
    ...summary,
    body: v.body,
    pictures: v.pictures,
    publisherName: v.publisher.name,
    shownVersion: v.version,
    reason: v.reason,
    versions: history,
    withdrawal: n.withdrawal
      ? { at: n.withdrawal.at, byName: n.withdrawal.name, reason: n.withdrawal.reason }
      : null,
    readCount: manages(user, n.villageId, n.townId) ? n.readCount : null,
    canManage: !!user && user.roles.includes('cadre') && user.villageId === n.villageId,
  };
}
