import { chinaDateKey, chinaDayStart } from '../common/clock';
import type { DisclosureRef, NoticeRef, SurveySection } from '../common/contracts/report';
import { villages, type VillageDoc } from '../common/identity';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { cadenceStatus } from '../disclosure/domain/cadence';
import { addMonths } from '../disclosure/domain/periods';
import { coverageOf, headsOf, versionsOf } from '../disclosure/store';
import { latestSurveyResults, type RoundResults } from '../survey/public';
import { composeReport, type FinanceSource } from './domain/compose';
import { noticesOf, reportIdOf, reportsOf, runMarksOf, type ReportDoc } from './store';

/** The instants a China-time month starts and ends, as ISO strings (they sort as text). */
export function monthRange(month: string): { start: string; end: string; lastDay: string } {
  const start = chinaDayStart(`${month}-01`);
  const end = chinaDayStart(`${addMonths(month, 1)}-01`);
  return { start: start.toISOString(), end: end.toISOString(), lastDay: chinaDateKey(end.getTime() - 1) };
}

function surveySection(r: RoundResults | undefined, monthEnd: string): SurveySection | null {
  if (!r || r.closedAt >= monthEnd) return null;
  return {
    periodKey: r.periodKey,
    closedAt: r.closedAt,
    indicators: r.indicators.map((i) => ({ name: i.name, approvalRate: i.approvalRate, status: i.status })),
  };
}

/** Loads one village's data of the month and composes its report content. */
async function composeFor(
  store: Store,
  village: VillageDoc,
  month: string,
  survey: RoundResults | undefined,
) {
  const previousMonth = addMonths(month, -1);
  const { start, end, lastDay } = monthRange(month);
  const [financeHeads, published, notices, coverage] = await Promise.all([
    headsOf(store).find(
      { villageId: village._id, category: 'finance', periodKey: { $in: [month, previousMonth] } },
      { limit: 100 },
    ),
    findAll(headsOf(store), { villageId: village._id, firstPublishedAt: { $gte: start, $lt: end } }),
    findAll(
      noticesOf(store),
      { villageId: village._id, publishedAt: { $gte: start, $lt: end } },
      {
        fields: ['title', 'publishedAt', 'withdrawal'],
      },
    ),
    coverageOf(store).get(village._id),
  ]);
  const versions = await Promise.all(
    financeHeads.map((h) => versionsOf(store).get(`${h._id}.v${h.version}`)),
  );
  const finance: FinanceSource[] = [];
  for (const v of versions) {
    if (!v || !v.totals) continue;
    finance.push({
      seriesId: v.seriesId,
      title: v.title,
      version: v.version,
      periodKey: v.periodKey,
      totals: v.totals,
      items: v.items.map((i) => ({
        direction: i.direction,
        category: i.category,
        note: i.note,
        amountFen: i.amountFen,
      })),
    });
  }
  const disclosures: DisclosureRef[] = published.map((h) => ({
    seriesId: h._id,
    title: h.title,
    category: h.category,
    major: h.major,
    periodKey: h.periodKey,
    publishedAt: h.firstPublishedAt,
  }));
  // Notices count by their first publication; a withdrawn one stays listed, marked (撤回 is
  // recorded, not erased).
  const noticeRefs: NoticeRef[] = notices.map((n) => ({
    noticeId: n._id,
    title: n.title,
    publishedAt: n.publishedAt,
    ...(n.withdrawal ? { withdrawn: true } : {}),
  }));
  // What was overdue as the month closed: the same day for every run, so re-runs agree.
  const cadence = cadenceStatus({
    trackingSince: village.trackingSince,
    today: lastDay,
    coverage: coverage ?? { finance: [], affairs: [], party: [] },
  });
  return composeReport({
    month,
    previousMonth,
    villageName: village.name,
    finance,
    disclosures,
    notices: noticeRefs,
    survey: surveySection(survey, end),
    overdue: cadence.overdue,
  });
}

export interface DraftResult {
  report: ReportDoc;
  created: boolean;
}

/**
 * Drafts one village's report of a closed month. Idempotent: the _id is village + month, so a
 * second run finds the first draft. `refresh` recomposes a draft that is not yet published
 * (a late finance disclosure); a published report never changes.
 */
export async function draftVillageReport(
  store: Store,
  village: VillageDoc,
  month: string,
  now: Date,
  opts: { refresh?: boolean; survey?: RoundResults | null } = {},
): Promise<DraftResult> {
  const _id = reportIdOf(village._id, month);
  const existing = await reportsOf(store).get(_id);
  if (existing && (!opts.refresh || existing.status === 'published'))
    return { report: existing, created: false };
  const survey =
    opts.survey !== undefined
      ? (opts.survey ?? undefined)
      : (await latestSurveyResults(store, [village._id])).get(village._id);
  const content = await composeFor(store, village, month, survey);
  if (existing) {
    await reportsOf(store).updateWhere({ _id, status: 'draft' }, { set: { content } });
    return { report: (await reportsOf(store).get(_id)) as ReportDoc, created: false };
  }
  const doc: ReportDoc = {
    _id,
    villageId: village._id,
    townId: village.townId,
    month,
    status: 'draft',
    content,
    composedAt: now.toISOString(),
    note: '',
    publishedAt: null,
    publisher: null,
    flaggedAt: null,
    readCount: 0,
  };
  try {
    await reportsOf(store).insert(doc);
    return { report: doc, created: true };
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    return { report: (await reportsOf(store).get(_id)) as ReportDoc, created: false };
  }
}

/**
 * Drafts every village's report of `month` (the timer's monthly job). Runs once per month: a
 * mark is written when every village has its draft, so later ticks cost one read.
 */
export async function draftAllReports(
  store: Store,
  month: string,
  now: Date,
  opts: { townId?: string } = {},
): Promise<{ villages: number; created: number; skipped: boolean }> {
  const markId = `compose:${month}${opts.townId ? `:${opts.townId}` : ''}`;
  if (await runMarksOf(store).get(markId)) return { villages: 0, created: 0, skipped: true };
  const all = await findAll(villages(store), opts.townId ? { townId: opts.townId } : {}, {
    sort: { _id: 1 },
  });
  const surveys = await latestSurveyResults(
    store,
    all.map((v) => v._id),
  );
  let created = 0;
  for (const v of all) {
    const r = await draftVillageReport(store, v, month, now, { survey: surveys.get(v._id) ?? null });
    if (r.created) created++;
  }
  await runMarksOf(store)
    .insert({ _id: markId, at: now.toISOString() })
    .catch((e) => {
      if (!(e instanceof DuplicateKeyError)) throw e;
    });
  return { villages: all.length, created, skipped: false };
}
