import { createHash } from 'node:crypto';
import { chinaDateKey, chinaMonthKey, formatChinaDateTime } from '../common/clock';
import {
  reportInputs as I,
  SUBSCRIBE_TEMPLATES,
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
import { addMonths } from '../disclosure/domain/periods';
import { draftVillageReport } from './compose';
import { deliveryStatusOf, runDeliveries, startDelivery } from './delivery';
import { isStale } from './domain/compose';
import { thing } from './domain/delivery';
import {
  grantEventsOf,
  grantIdOf,
  grantsOf,
  jobsOf,
  noticesOf,
  readsOf,
  reportsOf,
  type NoticeDoc,
  type ReportDoc,
} from './store';

/** Days a draft may wait for a cadre before the town is told. */
export const STALE_DRAFT_DAYS = 5;
/** Time a publish spends delivering right away; the timer delivers the rest. */
export const INLINE_DELIVERY_BUDGET_MS = 8_000;

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

function summaryOfReport(r: ReportDoc): ReportSummary {
  return {
    reportId: r._id,
    villageId: r.villageId,
    month: r.month,
    status: r.status,
    composedAt: r.composedAt,
    publishedAt: r.publishedAt,
    flaggedAt: r.flaggedAt,
    totals: r.content.finance.totals,
  };
}

function detailOfReport(r: ReportDoc, user: UserDoc | null): ReportDetail {
  const manager = manages(user, r.villageId, r.townId);
  return {
    ...summaryOfReport(r),
    content: r.content,
    note: r.note,
    publisherName: r.publisher?.name ?? null,
    readCount: manager ? r.readCount : null,
    canPublish:
      r.status === 'draft' && !!user && user.roles.includes('cadre') && user.villageId === r.villageId,
  };
}

function noticeSummary(n: NoticeDoc, today: string): NoticeSummary {
  const body = n.body.replace(/\s+/g, ' ');
  return {
    noticeId: n._id,
    villageId: n.villageId,
    title: n.title,
    excerpt: [...body].slice(0, 60).join(''),
    pinned: n.pinned,
    expiresOn: n.expiresOn || null,
    publishedAt: n.publishedAt,
    expired: !!n.expiresOn && n.expiresOn < today,
  };
}

function noticeDetail(n: NoticeDoc, user: UserDoc | null, today: string): NoticeDetail {
  return {
    ...noticeSummary(n, today),
    body: n.body,
    pictures: n.pictures,
    publisherName: n.publisher.name,
    readCount: manages(user, n.villageId, n.townId) ? n.readCount : null,
  };
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
      { owner: `call-${ctx.ids.next()}`, budgetMs: INLINE_DELIVERY_BUDGET_MS, subjectId },
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
    if (input.expiresOn && input.expiresOn < today)
      throw new DomainError('BAD_INPUT', '截止日期不能早于今天');
    const doc: NoticeDoc = {
      _id: `n${hash(village._id, input.requestId)}`,
      villageId: village._id,
      townId: village.townId,
      title: input.title,
      body: input.body,
      pictures: input.pictures,
      pinned: input.pinned,
      expiresOn: input.expiresOn ?? '',
      requestId: input.requestId,
      publishedAt: now.toISOString(),
      publisher: { openid: user._id, name: user.name },
      readCount: 0,
    };
    let saved = doc;
    try {
      await noticesOf(ctx.store).insert(doc);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      saved = (await noticesOf(ctx.store).get(doc._id)) as NoticeDoc; // a retried tap
    }
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
    await deliverNow(ctx, saved._id);
    return noticeDetail(saved, user, today);
  }),

  listNotices: action(I.listNotices, async (input, ctx) => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const today = chinaDateKey(ctx.clock.now());
    // A village's notices are a bounded set (dozens a year); expiry needs the date of today.
    const all = await findAll(
      noticesOf(ctx.store),
      { villageId: village._id },
      {
        fields: ['villageId', 'townId', 'title', 'body', 'pinned', 'expiresOn', 'publishedAt'],
      },
    );
    const shown = all
      .map((n) => noticeSummary(n, today))
      .filter((n) => input.includeExpired || !n.expired)
      .sort(
        (a, b) =>
          Number(b.pinned && !b.expired) - Number(a.pinned && !a.expired) ||
          b.publishedAt.localeCompare(a.publishedAt),
      );
    const items = shown.slice(input.skip, input.skip + input.limit);
    return { items, hasMore: shown.length > input.skip + input.limit };
  }),

  getNotice: action(I.getNotice, async (input, ctx) => {
    const n = await noticesOf(ctx.store).get(input.noticeId);
    if (!n) throw new DomainError('NOT_FOUND');
    await resolveVillage(ctx.store, ctx.principal, n.villageId);
    const user = requireUser(ctx.principal);
    const now = ctx.clock.now();
    // Reads of the village's people; the cadres' own reviewing is not counted.
    if (user.villageId === n.villageId && !manages(user, n.villageId, n.townId)) {
      await recordRead(ctx.store, 'notice', n._id, user._id, now.toISOString());
      n.readCount = (await noticesOf(ctx.store).get(n._id))?.readCount ?? n.readCount;
    }
    return noticeDetail(n, user, chinaDateKey(now));
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
    return detailOfReport(report, user);
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
        fields: [
          'villageId',
          'townId',
          'month',
          'status',
          'composedAt',
          'publishedAt',
          'flaggedAt',
          'content.finance.totals',
        ],
      },
    );
    return { items: page.slice(0, input.limit).map(summaryOfReport), hasMore: page.length > input.limit };
  }),

  getReport: action(I.getReport, async (input, ctx) => {
    const r = await reportsOf(ctx.store).get(input.reportId);
    if (!r) throw new DomainError('NOT_FOUND');
    await resolveVillage(ctx.store, ctx.principal, r.villageId);
    const user = requireUser(ctx.principal);
    if (r.status !== 'published' && !manages(user, r.villageId, r.townId))
      throw new DomainError('NOT_FOUND', '本月月报尚未发布');
    if (r.status === 'published' && user.villageId === r.villageId && !manages(user, r.villageId, r.townId)) {
      await recordRead(ctx.store, 'report', r._id, user._id, ctx.clock.now().toISOString());
      r.readCount = (await reportsOf(ctx.store).get(r._id))?.readCount ?? r.readCount;
    }
    return detailOfReport(r, user);
  }),

  publishReport: action(I.publishReport, async (input, ctx) => {
    const r = await reportsOf(ctx.store).get(input.reportId);
    if (!r) throw new DomainError('NOT_FOUND');
    const { user, village } = await requireVillageRole(ctx.store, ctx.principal, r.villageId, 'cadre');
    const now = ctx.clock.now().toISOString();
    const changed = await reportsOf(ctx.store).updateWhere(
      { _id: r._id, status: 'draft' },
      {
        set: {
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
    return { report: detailOfReport(published, user), delivery };
  }),

  townReports: action(I.townReports, async (input, ctx) => {
    const user = requireRole(ctx.principal, 'townAdmin');
    const now = ctx.clock.now();
    const month = input.month ?? addMonths(chinaMonthKey(now), -1);
    const vs = await findAll(villages(ctx.store), { townId: user.townId }, { sort: { name: 1 } });
    const reports = await findAll(
      reportsOf(ctx.store),
      { townId: user.townId, month },
      {
        fields: [
          'villageId',
          'townId',
          'month',
          'status',
          'composedAt',
          'publishedAt',
          'flaggedAt',
          'content.finance.totals',
        ],
      },
    );
    const byVillage = new Map(reports.map((r) => [r.villageId, r]));
    const rows = vs.map((v) => {
      const r = byVillage.get(v._id) ?? null;
      const stale =
        !!r &&
        r.status === 'draft' &&
        (!!r.flaggedAt || isStale(r.composedAt, now.toISOString(), STALE_DRAFT_DAYS));
      return { villageId: v._id, villageName: v.name, report: r ? summaryOfReport(r) : null, stale };
    });
    rows.sort(
      (a, b) => Number(b.stale) - Number(a.stale) || a.villageName.localeCompare(b.villageName, 'zh'),
    );
    return { month, staleAfterDays: STALE_DRAFT_DAYS, villages: rows };
  }),

  // ---------------- subscriptions and delivery ----------------
  subscribe: action(I.subscribe, async (input, ctx) => {
    const user = requireUser(ctx.principal);
    const at = ctx.clock.now().toISOString();
    for (const a of input.answers) {
      const template = a.template as TemplateKey;
      try {
        await grantEventsOf(ctx.store).insert({
          _id: `${user._id}|${input.requestId}|${template}`,
          openid: user._id,
          template,
          answer: a.answer,
          at,
        });
      } catch (e) {
        if (e instanceof DuplicateKeyError) continue; // the same tap reported twice
        throw e;
      }
      const grantId = grantIdOf(user._id, template);
      const accept = a.answer === 'accept';
      const longTerm = accept && SUBSCRIBE_TEMPLATES[template].longTerm;
      const ops = {
        set: {
          lastAnswer: a.answer,
          updatedAt: at,
          villageId: user.villageId,
          ...(longTerm ? { longTerm: true } : {}),
        },
        ...(accept && !longTerm ? { inc: { oneTime: 1 } } : {}),
      };
      if (await grantsOf(ctx.store).update(grantId, ops)) continue;
      try {
        await grantsOf(ctx.store).insert({
          _id: grantId,
          openid: user._id,
          villageId: user.villageId,
          template,
          oneTime: accept && !longTerm ? 1 : 0,
          longTerm,
          lastAnswer: a.answer,
          updatedAt: at,
        });
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
        await grantsOf(ctx.store).update(grantId, ops);
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
