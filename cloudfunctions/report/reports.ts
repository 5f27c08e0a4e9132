import { chinaDateKey, chinaMonthKey, formatChinaDateTime } from '../common/clock';
import {
  reportInputs as I,
  REPORT_STALE_DRAFT_DAYS,
  type ReportDetail,
  type ReportSummary,
} from '../common/contracts/report';
import { DomainError } from '../common/errors';
import {
  requireRole,
  requireUser,
  requireVillageManager,
  requireVillageRole,
  resolveVillage,
  villages,
  type UserDoc,
} from '../common/identity';
import { action } from '../common/router';
import { findAll } from '../common/store/port';
import { addMonths } from '../common/periods';
import { villagePage } from '../common/townPage';
import { appendPublic, chainHead } from '../record/public';
import { keepReportFeed } from './homeFeed';
import { draftVillageReport, pendingChanges } from './compose';
import { startDelivery } from './delivery';
import { isStale, waitingDays } from './domain/compose';
import { thing } from './domain/delivery';
import { manages } from './policy';
import { recordRead } from './reads';
import { reportRecordOf } from './record';
import { deliverNow } from './subscriptions';
import { reportsOf, type ReportDoc } from './store';

/** 村情月报: draft, list, read, publish, and the town's view of every village's report. */

/** Days a draft may wait for a cadre before the town is told (China calendar days). */
export const STALE_DRAFT_DAYS = REPORT_STALE_DRAFT_DAYS;

function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
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

export const draftReport = action(I.draftReport, async (input, ctx) => {
  const { user, village } = await requireVillageManager(ctx.store, ctx.principal, input.villageId);
  const now = ctx.clock.now();
  if (input.month >= chinaMonthKey(now)) throw new DomainError('REPORT_MONTH_OPEN');
  const { report } = await draftVillageReport(ctx.store, village, input.month, now, { refresh: true });
  return detailOfReport(report, user, now.toISOString());
});

export const listReports = action(I.listReports, async (input, ctx) => {
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
});

export const getReport = action(I.getReport, async (input, ctx) => {
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
});

export const publishReport = action(I.publishReport, async (input, ctx) => {
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
});

export const townReports = action(I.townReports, async (input, ctx) => {
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
  rows.sort((a, b) => Number(b.stale) - Number(a.stale) || a.villageName.localeCompare(b.villageName, 'zh'));
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
});
