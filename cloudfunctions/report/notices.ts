import { createHash } from 'node:crypto';
import { chinaDateKey, formatChinaDateTime } from '../common/clock';
import { reportInputs as I, type NoticeDetail } from '../common/contracts/report';
import { DomainError } from '../common/errors';
import { requireUser, requireVillageRole, resolveVillage, type UserDoc } from '../common/identity';
import { action, type Ctx } from '../common/router';
import { DuplicateKeyError } from '../common/store/port';
import { appendPublic } from '../record/public';
import { keepReportFeed } from './homeFeed';
import { cancelDelivery, startDelivery } from './delivery';
import { thing } from './domain/delivery';
import { excerptOf, listedUntilOf, noticeDetail, noticeSummary, noticeVersion } from './noticeViews';
import { manages } from './policy';
import { recordRead } from './reads';
import { noticeRecordOf, withdrawalRecordOf } from './record';
import { deliverNow } from './subscriptions';
import {
  noticeEventsOf,
  noticesOf,
  noticeVersionIdOf,
  noticeVersionsOf,
  type NoticeDoc,
  type NoticeVersionDoc,
} from './store';

/** 通知公告: publish, correct (a new version with a reason), unpin, withdraw, list, read. */

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 20);

/** The notice, for a cadre of its village who may still change it (not withdrawn). */
async function noticeToManage(ctx: Ctx, noticeId: string) {
  const n = await noticesOf(ctx.store).get(noticeId);
  if (!n) throw new DomainError('NOT_FOUND');
  const { user } = await requireVillageRole(ctx.store, ctx.principal, n.villageId, 'cadre');
  return { n, user };
}

/** Records a cadre's unpin or withdrawal once (deterministic _id); returns the recorded event. */
async function recordNoticeEvent(
  ctx: Ctx,
  n: NoticeDoc,
  user: UserDoc,
  kind: 'unpin' | 'withdraw',
  reason: string | null,
) {
  const event = {
    _id: `${n._id}|${kind}`,
    noticeId: n._id,
    kind,
    at: ctx.clock.now().toISOString(),
    by: { openid: user._id, name: user.name },
    reason,
  };
  try {
    await noticeEventsOf(ctx.store).insert(event);
    return event;
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    return (await noticeEventsOf(ctx.store).get(event._id)) ?? event;
  }
}

export const publishNotice = action(I.publishNotice, async (input, ctx): Promise<NoticeDetail> => {
  const { user, village } = await requireVillageRole(ctx.store, ctx.principal, input.villageId, 'cadre');
  const now = ctx.clock.now();
  const today = chinaDateKey(now);
  if (input.expiresOn && input.expiresOn < today) throw new DomainError('EXPIRY_IN_PAST');
  const noticeId = `n${hash(village._id, input.requestId)}`;
  const first: NoticeVersionDoc = {
    _id: noticeVersionIdOf(noticeId, 1),
    noticeId,
    version: 1,
    requestId: input.requestId,
    villageId: village._id,
    townId: village.townId,
    title: input.title,
    body: input.body,
    pictures: input.pictures,
    expiresOn: input.expiresOn ?? '',
    reason: null,
    publishedAt: now.toISOString(),
    publisher: { openid: user._id, name: user.name },
  };
  // The version is the record; the head is derived from it. A retried tap finds both.
  let v1 = first;
  try {
    await noticeVersionsOf(ctx.store).insert(first);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    v1 = (await noticeVersionsOf(ctx.store).get(first._id)) as NoticeVersionDoc;
  }
  const doc: NoticeDoc = {
    _id: noticeId,
    villageId: village._id,
    townId: village.townId,
    title: v1.title,
    body: v1.body,
    excerpt: excerptOf(v1.body),
    pictures: v1.pictures,
    pinned: input.pinned,
    expiresOn: v1.expiresOn,
    listedUntil: listedUntilOf(v1.expiresOn, null),
    requestId: input.requestId,
    publishedAt: v1.publishedAt,
    publisher: v1.publisher,
    readCount: 0,
    version: 1,
    updatedAt: v1.publishedAt,
    withdrawal: null,
  };
  let saved = doc;
  try {
    await noticesOf(ctx.store).insert(doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    saved = (await noticesOf(ctx.store).get(doc._id)) as NoticeDoc; // a retried tap
  }
  await appendPublic(ctx.store, noticeRecordOf(v1));
  await keepReportFeed(ctx.store, village._id, today);
  await startDelivery(ctx.store, {
    _id: saved._id,
    kind: 'notice',
    villageId: village._id,
    townId: village.townId,
    template: 'notice',
    page: `report/pages/notice/index?id=${saved._id}`,
    data: {
      thing1: { value: thing(saved.title) },
      time2: { value: formatChinaDateTime(saved.publishedAt) },
      thing3: { value: thing(`${village.name}村委会发布`) },
    },
    createdAt: saved.publishedAt,
  });
  // A retried tap of a notice withdrawn meanwhile must not start sending it again.
  if (!saved.withdrawal) await deliverNow(ctx, saved._id);
  return noticeDetail(ctx.store, saved, user, today);
});

export const correctNotice = action(I.correctNotice, async (input, ctx) => {
  const { n, user } = await noticeToManage(ctx, input.noticeId);
  if (n.withdrawal) throw new DomainError('NOTICE_WITHDRAWN');
  const now = ctx.clock.now();
  const today = chinaDateKey(now);
  if (input.expiresOn && input.expiresOn < today) throw new DomainError('EXPIRY_IN_PAST');
  const current = n.version ?? 1;
  const next = input.baseVersion + 1;
  const doc: NoticeVersionDoc = {
    _id: noticeVersionIdOf(n._id, next),
    noticeId: n._id,
    version: next,
    requestId: input.requestId,
    villageId: n.villageId,
    townId: n.townId,
    title: input.title,
    body: input.body,
    pictures: input.pictures,
    expiresOn: input.expiresOn ?? '',
    reason: input.reason,
    publishedAt: now.toISOString(),
    publisher: { openid: user._id, name: user.name },
  };
  if (input.baseVersion > current) throw new DomainError('VERSION_CONFLICT');
  if (current === 1 && !(await noticeVersionsOf(ctx.store).get(noticeVersionIdOf(n._id, 1)))) {
    // A notice stored before versions existed: keep its original text as version 1 first.
    const v1 = (await noticeVersion(ctx.store, n, 1)) as NoticeVersionDoc;
    await noticeVersionsOf(ctx.store)
      .insert(v1)
      .catch((e) => {
        if (!(e instanceof DuplicateKeyError)) throw e;
      });
  }
  let saved = doc;
  try {
    await noticeVersionsOf(ctx.store).insert(doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const existing = (await noticeVersionsOf(ctx.store).get(doc._id)) as NoticeVersionDoc;
    // Someone else corrected the same version first; a retry of this request finishes below.
    if (existing.requestId !== input.requestId) throw new DomainError('VERSION_CONFLICT');
    saved = existing;
  }
  // The head follows the newest version only (versions only grow; a late retry is a no-op).
  const head = {
    title: saved.title,
    body: saved.body,
    excerpt: excerptOf(saved.body),
    pictures: saved.pictures,
    expiresOn: saved.expiresOn,
    listedUntil: listedUntilOf(saved.expiresOn, null),
    version: saved.version,
    updatedAt: saved.publishedAt,
  };
  if (current === 1 && n.version === undefined)
    await noticesOf(ctx.store).update(n._id, { set: { version: 1 } });
  await noticesOf(ctx.store).updateWhere({ _id: n._id, version: { $lt: saved.version } }, { set: head });
  await appendPublic(ctx.store, noticeRecordOf(saved));
  await keepReportFeed(ctx.store, n.villageId, today);
  const updated = (await noticesOf(ctx.store).get(n._id)) as NoticeDoc;
  return noticeDetail(ctx.store, updated, user, today);
});

export const unpinNotice = action(I.unpinNotice, async (input, ctx) => {
  const { n, user } = await noticeToManage(ctx, input.noticeId);
  if (n.pinned) {
    await recordNoticeEvent(ctx, n, user, 'unpin', null);
    await noticesOf(ctx.store).update(n._id, { set: { pinned: false } });
  }
  await keepReportFeed(ctx.store, n.villageId, chinaDateKey(ctx.clock.now()));
  const updated = (await noticesOf(ctx.store).get(n._id)) as NoticeDoc;
  return noticeDetail(ctx.store, updated, user, chinaDateKey(ctx.clock.now()));
});

export const withdrawNotice = action(I.withdrawNotice, async (input, ctx) => {
  const { n, user } = await noticeToManage(ctx, input.noticeId);
  // Recorded once: a second withdrawal (or a retry) keeps the first who, when and why.
  const event = await recordNoticeEvent(ctx, n, user, 'withdraw', input.reason);
  const withdrawal = {
    at: event.at,
    openid: event.by.openid,
    name: event.by.name,
    reason: event.reason ?? input.reason,
  };
  await noticesOf(ctx.store).update(n._id, {
    set: { withdrawal, pinned: false, listedUntil: listedUntilOf(n.expiresOn, withdrawal.at) },
  });
  await cancelDelivery(ctx.store, n._id, event.at);
  const updated = (await noticesOf(ctx.store).get(n._id)) as NoticeDoc;
  const withdrawn = withdrawalRecordOf(updated);
  if (withdrawn) await appendPublic(ctx.store, withdrawn);
  await keepReportFeed(ctx.store, n.villageId, chinaDateKey(ctx.clock.now()));
  return noticeDetail(ctx.store, updated, user, chinaDateKey(ctx.clock.now()));
});

export const listNotices = action(I.listNotices, async (input, ctx) => {
  const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
  const today = chinaDateKey(ctx.clock.now());
  // One page from the database, never the village's whole history. The current list has
  // pinned notices first (a withdrawn one is never pinned, an expired one is archived).
  const current = input.scope === 'current';
  const page = await noticesOf(ctx.store).find(
    { villageId: village._id, listedUntil: current ? { $gte: today } : { $lt: today } },
    {
      sort: current ? { pinned: -1, publishedAt: -1, _id: -1 } : { publishedAt: -1, _id: -1 },
      skip: input.skip,
      limit: input.limit + 1,
      fields: [
        'villageId',
        'townId',
        'title',
        'excerpt',
        'pinned',
        'expiresOn',
        'listedUntil',
        'publishedAt',
        'updatedAt',
        'version',
        'withdrawal',
      ],
    },
  );
  const items = page.slice(0, input.limit).map((n) => noticeSummary(n, today));
  return { items, hasMore: page.length > input.limit };
});

export const getNotice = action(I.getNotice, async (input, ctx) => {
  const n = await noticesOf(ctx.store).get(input.noticeId);
  if (!n) throw new DomainError('NOT_FOUND');
  await resolveVillage(ctx.store, ctx.principal, n.villageId);
  const user = requireUser(ctx.principal);
  const shown = await noticeVersion(ctx.store, n, input.version ?? n.version ?? 1);
  if (!shown) throw new DomainError('NOT_FOUND', '没有这个版本');
  const now = ctx.clock.now();
  // Reads of the village's people; the cadres' own reviewing is not counted.
  if (user.villageId === n.villageId && !manages(user, n.villageId, n.townId)) {
    await recordRead(ctx.store, 'notice', n._id, user._id, now.toISOString());
    n.readCount = (await noticesOf(ctx.store).get(n._id))?.readCount ?? n.readCount;
  }
  return noticeDetail(ctx.store, n, user, chinaDateKey(now), shown);
});
