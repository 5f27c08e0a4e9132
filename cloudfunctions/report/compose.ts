import { chinaDateKey, chinaDayStart } from '../common/clock';
import type { DisclosureRef, NoticeRef, SurveySection } from '../common/contracts/report';
import { villages, type VillageDoc } from '../common/identity';
import { DuplicateKeyError, findAll, type Query, type Store } from '../common/store/port';
import { addMonths } from '../common/periods';
import { cadenceOf, disclosuresPublished, financeDisclosures } from '../disclosure/public';
import { latestSurveyResults, type RoundResults } from '../survey/public';
import { composeReport, contentChanges } from './domain/compose';
import { noticesOf, reportIdOf, reportsOf, runMarksOf, type ReportDoc } from './store';

/** The instants a China-time month starts and ends, as ISO strings (they sort as text). */
export function monthRange(month: string): { start: string; end: string; lastDay: string } {
  const start = chinaDayStart(`${month}-01`);
  const end = chinaDayStart(`${addMonths(month, 1)}-01`);
  return { start: start.toISOString(), end: end.toISOString(), lastDay: chinaDateKey(end.getTime() - 1) };
}

/** The last instant of a China-time month: surveys closed by then belong to its report. */
export function monthLastInstant(month: string): string {
  return new Date(Date.parse(monthRange(month).end) - 1).toISOString();
}

/** The round chosen as of the month's end (latestSurveyResults with asOf = monthLastInstant). */
function surveySection(r: RoundResults | undefined): SurveySection | null {
  if (!r) return null;
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
  const [finance, published, notices, cadence] = await Promise.all([
    financeDisclosures(store, village._id, [month, previousMonth]),
    disclosuresPublished(store, village._id, start, end),
    findAll(
      noticesOf(store),
      { villageId: village._id, publishedAt: { $gte: start, $lt: end } },
      {
        fields: ['title', 'publishedAt', 'withdrawal'],
      },
    ),
    // What was overdue as the month closed: the same day for every run, so re-runs agree.
    cadenceOf(store, [village], { today: lastDay }),
  ]);
  const disclosures: DisclosureRef[] = published.map((h) => ({
    seriesId: h.seriesId,
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
  return composeReport({
    month,
    previousMonth,
    villageName: village.name,
    finance,
    disclosures,
    notices: noticeRefs,
    survey: surveySection(survey),
    overdue: cadence.get(village._id)!.overdue,
  });
}

/**
 * What a draft would be if composed now, and what that changes, without writing: publishing
 * checks it so a draft whose sources changed after review never goes out as it was.
 */
export async function pendingChanges(
  store: Store,
  village: VillageDoc,
  report: ReportDoc,
): Promise<string[]> {
  const survey = (await latestSurveyResults(store, [village._id], monthLastInstant(report.month))).get(
    village._id,
  );
  return contentChanges(report.content, await composeFor(store, village, report.month, survey));
}

export interface DraftResult {
  report: ReportDoc;
  created: boolean;
  /** A refresh found the sources changed and recomposed the draft. */
  changed: boolean;
}

/**
 * Drafts one village's report of a closed month. Idempotent: the _id is village + month, so a
 * second run finds the first draft. `refresh` recomposes a draft that is not yet published
 * (a late or corrected finance disclosure, a withdrawn notice): when the content changed, the
 * draft takes the new content, its `contentAsOf` moves to now and `changes` says what changed
 * (every view of a draft refreshes it, so a draft never shows money its sources no longer
 * say). `composedAt` stays the first draft's time: the town's reminder counts from it. A
 * published report never changes.
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
    return { report: existing, created: false, changed: false };
  const survey =
    opts.survey !== undefined
      ? (opts.survey ?? undefined)
      : (await latestSurveyResults(store, [village._id], monthLastInstant(month))).get(village._id);
  const content = await composeFor(store, village, month, survey);
  if (existing) {
    const lines = contentChanges(existing.content, content);
    if (!lines.length) return { report: existing, created: false, changed: false };
    const at = now.toISOString();
    await reportsOf(store).updateWhere(
      { _id, status: 'draft' },
      { set: { content, contentAsOf: at, changes: { at, lines } } },
    );
    return { report: (await reportsOf(store).get(_id)) as ReportDoc, created: false, changed: true };
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
    return { report: doc, created: true, changed: false };
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    return { report: (await reportsOf(store).get(_id)) as ReportDoc, created: false, changed: false };
  }
}

/** Villages drafted per survey read while drafting a whole town (or all towns). */
const DRAFT_CHUNK = 50;

export interface DraftAllResult {
  /** Villages that should have a draft of the month. */
  villages: number;
  /** Drafts this run created. */
  created: number;
  /** The month was already complete (marked): nothing read but the mark. */
  skipped: boolean;
  /** Villages still without a draft when the run stopped (0 = the month is complete). */
  remaining: number;
}

/**
 * Drafts every village's report of `month` (the timer's monthly job), as far as `timeLeft`
 * allows: a run that stops early is resumed by the next one, which drafts only the villages
 * still without a draft. The mark that ends the month is written only once every village has
 * its draft, so later ticks cost one read.
 */
export async function draftAllReports(
  store: Store,
  month: string,
  now: Date,
  opts: { townId?: string; timeLeft?: () => boolean } = {},
): Promise<DraftAllResult> {
  const timeLeft = opts.timeLeft ?? (() => true);
  const markId = `compose:${month}${opts.townId ? `:${opts.townId}` : ''}`;
  if (await runMarksOf(store).get(markId)) return { villages: 0, created: 0, skipped: true, remaining: 0 };
  const scope: Query = opts.townId ? { townId: opts.townId } : {};
  const [all, done] = await Promise.all([
    findAll(villages(store), scope, { sort: { _id: 1 } }),
    findAll(reportsOf(store), { ...scope, month }, { fields: ['villageId'] }),
  ]);
  const drafted = new Set(done.map((r) => r.villageId));
  const pending = all.filter((v) => !drafted.has(v._id));
  const asOf = monthLastInstant(month);
  let created = 0;
  let finished = 0;
  for (let i = 0; i < pending.length && timeLeft(); i += DRAFT_CHUNK) {
    const chunk = pending.slice(i, i + DRAFT_CHUNK);
    const surveys = await latestSurveyResults(
      store,
      chunk.map((v) => v._id),
      asOf,
    );
    for (const v of chunk) {
      if (!timeLeft()) break;
      const r = await draftVillageReport(store, v, month, now, { survey: surveys.get(v._id) ?? null });
      if (r.created) created++;
      finished++;
    }
  }
  const remaining = pending.length - finished;
  if (remaining === 0) {
    await runMarksOf(store)
      .insert({ _id: markId, at: now.toISOString() })
      .catch((e) => {
        if (!(e instanceof DuplicateKeyError)) throw e;
      });
  }
  return { villages: all.length, created, skipped: false, remaining };
}
