import { createHash } from 'node:crypto';
import { chinaDateKey, chinaMonthKey, formatChinaDateTime } from '../common/clock';
import {
  reportInputs as I,
  REPORT_STALE_DRAFT_DAYS,
  SUBSCRIBE_TEMPLATES,
  WITHDRAWN_NOTICE_SHOWN_DAYS,
  TEMPLATE_KEYS,
  type DeliveryStatus,
  type NoticeDetail,
  type NoticeSummary,
  type ReportDetail,
  type ReportSummary,
  type SubscriptionState,
  type TemplateKey,
} from '../common/contracts/report';
import { DomainError } from '../common/errors';
import {
  requireRole,
  requireUser,
  requireVillageRole,
  resolveVillage,
  villages,
  type UserDoc,
} from '../common/identity';
import { action, type Ctx } from '../common/router';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { addMonths } from '../common/periods';
import { villagePage } from '../common/townPage';
import { appendPublic, chainHead } from '../record/public';
import { keepReportFeed } from './homeFeed';
import { draftVillageReport, pendingChanges } from './compose';
import { cancelDelivery, deliveryStatusOf, runDeliveries, startDelivery } from './delivery';
import { isStale, waitingDays } from './domain/compose';
import { MAX_ONE_TIME_GRANTS, thing } from './domain/delivery';
import { noticeRecordOf, reportRecordOf, withdrawalRecordOf } from './record';
import {
  grantEventsOf,
  grantIdOf,
  grantsOf,
  jobsOf,
  noticeEventsOf,
  noticesOf,
  noticeVersionIdOf,
  noticeVersionsOf,
  readsOf,
  reportsOf,
  type NoticeDoc,
  type NoticeVersionDoc,
  type ReportDoc,
} from './store';

/** Days a draft may wait for a cadre before the town is told (China calendar days). */
export const STALE_DRAFT_DAYS = REPORT_STALE_DRAFT_DAYS;
/**
 * Time a publish (or a cadre's "send now") spends delivering before it replies: planning and a
 * first small batch. The cadre waits for the reply; the timer delivers the rest within minutes.
 */
export const INLINE_DELIVERY_BUDGET_MS = 1_000;
const INLINE_BATCH = 50;

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 20);

function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
}

/** Cadres of the village and town admins of its town: who sees drafts, read counts, delivery. */
function manages(user: UserDoc | null, villageId: string, townId: string): boolean {
  if (!user) return false;
  if (user.roles.includes('townAdmin') && user.townId === townId) return true;
  return user.roles.includes('cadre') && user.villageId === villageId;
}

/** `nowIso` decides whether a draft is stale (China calendar days, the timer's rule too). */
function summaryOfReport(r: ReportDoc, nowIso: string): ReportSummary {
  const draft = r.status === 'draft';
  return {
    reportId: r._id,
    villageId: r.villageId,
    month: r.month,
    status: r.status,
    composedAt: r.composedAt,
    contentAsOf: r.contentAsOf ?? r.composedAt,
    publishedAt: r.publishedAt,
    flaggedAt: r.flaggedAt,
    stale: draft && (!!r.flaggedAt || isStale(r.composedAt, nowIso, STALE_DRAFT_DAYS)),
    waitingDays: draft ? waitingDays(r.composedAt, nowIso) : 0,
    totals: r.content.finance.totals,
  };
}

function detailOfReport(r: ReportDoc, user: UserDoc | null, nowIso: string): ReportDetail {
  const manager = manages(user, r.villageId, r.townId);
  return {
    ...summaryOfReport(r, nowIso),
    content: r.content,
    changes: manager && r.status === 'draft' ? (r.changes ?? null) : null,
    note: r.note,
    publisherName: r.publisher?.name ?? null,
    // Drafts have no readers: reads are counted on published reports only.
    readCount: manager && r.status === 'published' ? r.readCount : null,
    canPublish:
      r.status === 'draft' && !!user && user.roles.includes('cadre') && user.villageId === r.villageId,
  };
}

/** What lists of reports read of each report. */
const SUMMARY_FIELDS = [
  'villageId',
  'townId',
  'month',
  'status',
  'composedAt',
  'contentAsOf',
  'publishedAt',
  'flaggedAt',
  'content.finance.totals',
];

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
  return ends.sort()[0];
}

type NoticeListed = Omit<NoticeDoc, 'body' | 'pictures' | 'requestId' | 'publisher' | 'readCount'>;

function noticeSummary(n: NoticeListed, today: string): NoticeSummary {
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
async function noticeVersion(store: Store, n: NoticeDoc, version: number): Promise<NoticeVersionDoc | null> {
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

async function noticeDetail(
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

/** Counts a person's first read of a report or notice; the counter is recountable from reads. */
async function recordRead(
  store: Store,
  kind: 'report' | 'notice',
  subjectId: string,
  openid: string,
  at: string,
) {
  try {
    await readsOf(store).insert({ _id: `${subjectId}|${openid}`, subjectId, openid, at });
  } catch (e) {
    if (e instanceof DuplicateKeyError) return;
    throw e;
  }
  const col = kind === 'report' ? reportsOf(store) : noticesOf(store);
  await col.update(subjectId, { inc: { readCount: 1 } });
}

/** Rebuilds a read counter from the read records (the source of truth). */
export async function recountReads(
  store: Store,
  kind: 'report' | 'notice',
  subjectId: string,
): Promise<number> {
  const n = await readsOf(store).count({ subjectId });
  const col = kind === 'report' ? reportsOf(store) : noticesOf(store);
  await col.update(subjectId, { set: { readCount: n } });
  return n;
}

async function subscriptionsOf(store: Store, openid: string): Promise<SubscriptionState[]> {
  const grants = await grantsOf(store).find({ _id: { $in: TEMPLATE_KEYS.map((t) => grantIdOf(openid, t)) } });
  return TEMPLATE_KEYS.map((t) => {
    const g = grants.find((x) => x.template === t);
    return {
      template: t,
      title: SUBSCRIBE_TEMPLATES[t].title,
      templateId: SUBSCRIBE_TEMPLATES[t].id,
      remaining: g?.oneTime ?? 0,
      longTerm: g?.longTerm ?? false,
    };
  });
}

/** Delivers right away for a short while when a sender is wired; the timer finishes the rest. */
async function deliverNow(ctx: Ctx, subjectId: string): Promise<DeliveryStatus> {
  const sender = ctx.services?.subscribeSender;
  if (sender) {
    await runDeliveries(
      { store: ctx.store, clock: ctx.clock, sender },
      {
        owner: `call-${ctx.ids.next()}`,
        budgetMs: INLINE_DELIVERY_BUDGET_MS,
        subjectId,
        batchSize: INLINE_BATCH,
        planPage: INLINE_BATCH,
      },
    );
  } else {
    ctx.log?.(`no subscribe sender wired; delivery of ${subjectId} waits for the timer`);
  }
  return (await deliveryStatusOf(ctx.store, subjectId)) as DeliveryStatus;
}

async function requireManagerOfJob(ctx: Ctx, subjectId: string) {
  const job = await jobsOf(ctx.store).get(subjectId);
  if (!job) throw new DomainError('NOT_FOUND', '还没有发送记录');
  await requireVillageRole(ctx.store, ctx.principal, job.villageId, 'cadre', 'townAdmin');
  return job;
}

export const reportActions = {
  // ---------------- notices ----------------
  publishNotice: action(I.publishNotice, async (input, ctx): Promise<NoticeDetail> => {
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
  }),

  correctNotice: action(I.correctNotice, async (input, ctx) => {
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
  }),

  unpinNotice: action(I.unpinNotice, async (input, ctx) => {
    const { n, user } = await noticeToManage(ctx, input.noticeId);
    if (n.pinned) {
      await recordNoticeEvent(ctx, n, user, 'unpin', null);
      await noticesOf(ctx.store).update(n._id, { set: { pinned: false } });
    }
    await keepReportFeed(ctx.store, n.villageId, chinaDateKey(ctx.clock.now()));
    const updated = (await noticesOf(ctx.store).get(n._id)) as NoticeDoc;
    return noticeDetail(ctx.store, updated, user, chinaDateKey(ctx.clock.now()));
  }),

  withdrawNotice: action(I.withdrawNotice, async (input, ctx) => {
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
  }),

  listNotices: action(I.listNotices, async (input, ctx) => {
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
  }),

  getNotice: action(I.getNotice, async (input, ctx) => {
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
  }),

  // ---------------- monthly reports ----------------
  draftReport: action(I.draftReport, async (input, ctx) => {
    const { user, village } = await requireVillageRole(
      ctx.store,
      ctx.principal,
      input.villageId,
      'cadre',
      'townAdmin',
    );
    const now = ctx.clock.now();
    if (input.month >= chinaMonthKey(now)) throw new DomainError('REPORT_MONTH_OPEN');
    const { report } = await draftVillageReport(ctx.store, village, input.month, now, { refresh: true });
    return detailOfReport(report, user, now.toISOString());
  }),

  listReports: action(I.listReports, async (input, ctx) => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const manager = manages(ctx.principal.user, village._id, village.townId);
    const page = await reportsOf(ctx.store).find(
      manager ? { villageId: village._id } : { villageId: village._id, status: 'published' },
      {
        sort: { month: -1 },
        skip: input.skip,
        limit: input.limit + 1,
        fields: SUMMARY_FIELDS,
      },
    );
    const now = ctx.clock.now();
    const items = page.slice(0, input.limit);
    // A draft's money follows its sources: drafts (few; managers only) are refreshed first.
    for (const [i, r] of items.entries())
      if (r.status === 'draft')
        items[i] = (await draftVillageReport(ctx.store, village, r.month, now, { refresh: true })).report;
    const nowIso = now.toISOString();
    return {
      items: items.map((r) => summaryOfReport(r, nowIso)),
      hasMore: page.length > input.limit,
    };
  }),

  getReport: action(I.getReport, async (input, ctx) => {
    let r = await reportsOf(ctx.store).get(input.reportId);
    if (!r) throw new DomainError('NOT_FOUND');
    const village = await resolveVillage(ctx.store, ctx.principal, r.villageId);
    const user = requireUser(ctx.principal);
    if (r.status !== 'published' && !manages(user, r.villageId, r.townId))
      throw new DomainError('NOT_FOUND', '本月月报尚未发布');
    // A draft is shown as its sources are now (recomposed when they changed, and says what changed).
    if (r.status === 'draft')
      r = (await draftVillageReport(ctx.store, village, r.month, ctx.clock.now(), { refresh: true })).report;
    if (r.status === 'published' && user.villageId === r.villageId && !manages(user, r.villageId, r.townId)) {
      await recordRead(ctx.store, 'report', r._id, user._id, ctx.clock.now().toISOString());
      r.readCount = (await reportsOf(ctx.store).get(r._id))?.readCount ?? r.readCount;
    }
    return detailOfReport(r, user, ctx.clock.now().toISOString());
  }),

  publishReport: action(I.publishReport, async (input, ctx) => {
    const r = await reportsOf(ctx.store).get(input.reportId);
    if (!r) throw new DomainError('NOT_FOUND');
    const { user, village } = await requireVillageRole(ctx.store, ctx.principal, r.villageId, 'cadre');
    if (r.status === 'draft') {
      // Only what the cadre reviewed goes out: refused (nothing written) when the draft was
      // recomposed since they opened it, or its sources changed since it was composed.
      const stale =
        (input.seenAsOf !== undefined && input.seenAsOf !== (r.contentAsOf ?? r.composedAt)) ||
        (await pendingChanges(ctx.store, village, r)).length > 0;
      if (stale)
        throw new DomainError('VERSION_CONFLICT', '月报依据的公开内容有更新，请重新打开月报核对后再发布');
    }
    const now = ctx.clock.now().toISOString();
    // The report carries the village's public record fingerprint as it stands when it goes out.
    const head = await chainHead(ctx.store, village._id);
    const chain = head ? { fingerprint: head.fingerprint, seq: head.seq, at: head.at } : null;
    const changed = await reportsOf(ctx.store).updateWhere(
      { _id: r._id, status: 'draft' },
      {
        set: {
          content: { ...r.content, chain },
          status: 'published',
          note: input.note,
          publishedAt: now,
          publisher: { openid: user._id, name: user.name },
        },
      },
    );
    const published = (await reportsOf(ctx.store).get(r._id)) as ReportDoc;
    // Someone else published it first, or this is a retry: the report is already out.
    if (changed === 0 && published.publisher?.openid !== user._id) throw new DomainError('REPORT_PUBLISHED');
    const record = reportRecordOf(published, village.name);
    if (record) await appendPublic(ctx.store, record);
    await keepReportFeed(ctx.store, village._id, chinaDateKey(ctx.clock.now()));
    await startDelivery(ctx.store, {
      _id: published._id,
      kind: 'report',
      villageId: village._id,
      townId: village.townId,
      template: 'monthlyReport',
      page: `report/pages/view/index?id=${published._id}`,
      data: {
        thing1: { value: thing(`${village.name}${monthLabel(published.month)}村情月报`) },
        time2: { value: formatChinaDateTime(published.publishedAt as string) },
        thing3: { value: thing('本村收支、公开事项和通知，点击查看') },
      },
      createdAt: published.publishedAt as string,
    });
    const delivery = await deliverNow(ctx, published._id);
    return { report: detailOfReport(published, user, ctx.clock.now().toISOString()), delivery };
  }),

  townReports: action(I.townReports, async (input, ctx) => {
    const user = requireRole(ctx.principal, 'townAdmin');
    const now = ctx.clock.now();
    const latestMonth = addMonths(chinaMonthKey(now), -1);
    const month = input.month ?? latestMonth;
    if (month > latestMonth) throw new DomainError('REPORT_MONTH_OPEN');
    // A page of the town's villages (cursor paging) and their reports of the month.
    const page = await villagePage(ctx.store, user.townId, input.cursor, input.limit);
    const vs = page.villages;
    const [reports, reminded] = await Promise.all([
      vs.length
        ? findAll(
            reportsOf(ctx.store),
            { townId: user.townId, month, villageId: { $in: vs.map((v) => v._id) } },
            { fields: SUMMARY_FIELDS },
          )
        : Promise.resolve([]),
      // Reminders are what the timer recorded (flaggedAt), for drafts still unpublished.
      reportsOf(ctx.store).find(
        { townId: user.townId, status: 'draft', flaggedAt: { $gt: '' } },
        { sort: { flaggedAt: 1 }, limit: 200, fields: ['villageId', 'month', 'flaggedAt', 'composedAt'] },
      ),
    ]);
    // Reminders are town-wide (at most 200): the names of their villages, whatever the page.
    const remindedIds = [...new Set(reminded.map((r) => r.villageId))];
    const named = remindedIds.length
      ? await villages(ctx.store).find(
          { _id: { $in: remindedIds }, townId: user.townId },
          { fields: ['name'], limit: remindedIds.length },
        )
      : [];
    const names = new Map(named.map((v) => [v._id, v.name]));
    const byVillage = new Map(reports.map((r) => [r.villageId, r]));
    const nowIso = now.toISOString();
    const rows = vs.map((v) => {
      const r = byVillage.get(v._id);
      const report = r ? summaryOfReport(r, nowIso) : null;
      return { villageId: v._id, villageName: v.name, report, stale: !!report?.stale };
    });
    rows.sort(
      (a, b) => Number(b.stale) - Number(a.stale) || a.villageName.localeCompare(b.villageName, 'zh'),
    );
    const reminders = reminded
      .filter((r) => names.has(r.villageId))
      .map((r) => ({
        reportId: r._id,
        villageId: r.villageId,
        villageName: names.get(r.villageId) as string,
        month: r.month,
        remindedAt: r.flaggedAt as string,
        waitingDays: waitingDays(r.composedAt, nowIso),
      }))
      .sort(
        (a, b) =>
          a.remindedAt.localeCompare(b.remindedAt) ||
          a.month.localeCompare(b.month) ||
          a.villageName.localeCompare(b.villageName, 'zh'),
      );
    return {
      month,
      latestMonth,
      staleAfterDays: STALE_DRAFT_DAYS,
      villages: rows,
      reminders,
      next: page.next,
      villageTotal: page.total,
    };
  }),

  // ---------------- subscriptions and delivery ----------------
  subscribe: action(I.subscribe, async (input, ctx) => {
    const user = requireUser(ctx.principal);
    const at = ctx.clock.now().toISOString();
    // One answer per template per tap: a request listing a template twice counts once.
    const answers = new Map<TemplateKey, string>();
    for (const a of input.answers) if (!answers.has(a.template)) answers.set(a.template, a.answer);
    for (const [template, answer] of answers) {
      try {
        await grantEventsOf(ctx.store).insert({
          _id: `${user._id}|${input.requestId}|${template}`,
          openid: user._id,
          template,
          answer,
          at,
        });
      } catch (e) {
        if (e instanceof DuplicateKeyError) continue; // the same tap reported twice
        throw e;
      }
      const grantId = grantIdOf(user._id, template);
      const accept = answer === 'accept';
      const longTerm = accept && SUBSCRIBE_TEMPLATES[template].longTerm;
      const set = {
        lastAnswer: answer,
        updatedAt: at,
        villageId: user.villageId,
        ...(longTerm ? { longTerm: true } : {}),
      };
      if (accept && !longTerm) {
        // Counted up to what we may rely on WeChat to hold; a tap past it is recorded only.
        const counted = await grantsOf(ctx.store).updateWhere(
          { _id: grantId, oneTime: { $lt: MAX_ONE_TIME_GRANTS } },
          { set, inc: { oneTime: 1 } },
        );
        if (counted) continue;
      }
      if (await grantsOf(ctx.store).update(grantId, { set })) continue;
      try {
        await grantsOf(ctx.store).insert({
          _id: grantId,
          openid: user._id,
          villageId: user.villageId,
          template,
          oneTime: accept && !longTerm ? 1 : 0,
          longTerm,
          lastAnswer: answer,
          updatedAt: at,
        });
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
        // Another tap created it meanwhile: count this one on top, within the cap.
        await grantsOf(ctx.store).updateWhere(
          { _id: grantId, oneTime: { $lt: MAX_ONE_TIME_GRANTS } },
          { set, ...(accept && !longTerm ? { inc: { oneTime: 1 } } : {}) },
        );
      }
    }
    return { subscriptions: await subscriptionsOf(ctx.store, user._id) };
  }),

  mySubscriptions: action(I.mySubscriptions, async (_input, ctx) => {
    const user = requireUser(ctx.principal);
    return { subscriptions: await subscriptionsOf(ctx.store, user._id) };
  }),

  deliveryStatus: action(I.deliveryStatus, async (input, ctx) => {
    await requireManagerOfJob(ctx, input.subjectId);
    return (await deliveryStatusOf(ctx.store, input.subjectId)) as DeliveryStatus;
  }),

  resumeDelivery: action(I.resumeDelivery, async (input, ctx) => {
    await requireManagerOfJob(ctx, input.subjectId);
    return deliverNow(ctx, input.subjectId);
  }),
};
