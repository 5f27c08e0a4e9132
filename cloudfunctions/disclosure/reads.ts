import { chinaDateKey, chinaDayStart } from '../common/clock';
import type { VillageDoc } from '../common/identity';
import { formatYuan } from '../common/money';
import { findAll, type Store } from '../common/store/port';
import {
  DEFAULT_RULES,
  evaluateCadence,
  windowStartMonth,
  type CadenceEvaluation,
  type CadenceSources,
} from './domain/cadence';
import { addMonths, periodLabel } from '../common/periods';
import { headsOf, versionsOf, type HeadDoc, type VersionDoc } from './store';

/**
 * Reads of the disclosure context that other contexts may use through public.ts (and this
 * context's own actions). What other contexts (report, assessment) may ask of the disclosure context. The cadence is
 * evaluated here, once, for every reader: the village status and the town overview of this
 * context, the monthly report and the 清廉村居 index all get the same answer for the same day.
 * The collections behind it stay private.
 */

export type { CadenceEvaluation, CadenceSources, PeriodReading, PeriodState } from './domain/cadence';

export interface CadenceQuery {
  /** The China date the reading is taken on ('YYYY-MM-DD'): later publications are not seen. */
  today: string;
  /** Months weighed ('YYYY-MM', both included); default: the rolling window up to last month. */
  window?: { from: string; to: string };
}

/** Villages read per query batch. */
const BATCH = 100;

/**
 * What the cadence weighs of each village (publications and major matters), read for the
 * months from `firstMonth` on (default: the rolling window as of `today`). Every village asked
 * for has an entry. The village home keeps this in its read model.
 */
export async function cadenceSources(
  store: Store,
  villageIds: readonly string[],
  today: string,
  firstMonth: string = windowStartMonth(today),
): Promise<Map<string, CadenceSources>> {
  const ids = [...new Set(villageIds)];
  const out = new Map<string, CadenceSources>(ids.map((id) => [id, { published: [], majors: [] }]));
  // Two months before the first: a quarter that ends in the window may begin before it, and a
  // monthly affairs disclosure counts for it.
  const since = addMonths(firstMonth, -2);
  const majorsSince = chinaDayStart(`${firstMonth}-01`).toISOString();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const [only] = batch;
    const villageId = batch.length === 1 && only !== undefined ? only : { $in: batch };
    const [routine, majors] = await Promise.all([
      findAll(
        headsOf(store),
        { villageId, periodSort: { $gte: since } },
        { fields: ['villageId', 'category', 'periodKey', 'major', 'firstPublishedAt'] },
      ),
      findAll(
        headsOf(store),
        { villageId, major: true, firstPublishedAt: { $gte: majorsSince } },
        { fields: ['villageId', 'title', 'occurredOn', 'firstPublishedAt'] },
      ),
    ]);
    for (const h of routine)
      out.get(h.villageId)?.published.push({
        category: h.category,
        periodKey: h.periodKey,
        major: h.major === true,
        firstPublishedOn: chinaDateKey(h.firstPublishedAt),
      });
    for (const m of majors)
      if (m.occurredOn)
        out.get(m.villageId)?.majors.push({
          seriesId: m._id,
          title: m.title,
          occurredOn: m.occurredOn,
          publishedOn: chinaDateKey(m.firstPublishedAt),
        });
  }
  return out;
}

/** The one evaluation of a village's cadence from its sources, as of `today`. */
export function evaluateVillage(
  village: Pick<VillageDoc, 'trackingSince'>,
  sources: CadenceSources,
  today: string,
  window?: { from: string; to: string },
): CadenceEvaluation {
  return evaluateCadence({
    trackingSince: village.trackingSince,
    today,
    window,
    published: sources.published,
    majors: sources.majors,
    rules: DEFAULT_RULES,
  });
}

/**
 * The cadence of each village as it stood on `query.today`: which routine periods were due,
 * published on time, late, or are missing, and the major matters published late. A major
 * matter never covers a routine period. Every village asked for has an entry.
 */
export async function cadenceOf(
  store: Store,
  villages: readonly Pick<VillageDoc, '_id' | 'trackingSince'>[],
  query: CadenceQuery,
): Promise<Map<string, CadenceEvaluation>> {
  const out = new Map<string, CadenceEvaluation>();
  if (!villages.length) return out;
  const { today, window } = query;
  const sources = await cadenceSources(
    store,
    villages.map((v) => v._id),
    today,
    window ? window.from : windowStartMonth(today),
  );
  for (const v of villages) out.set(v._id, evaluateVillage(v, sources.get(v._id)!, today, window));
  return out;
}

/** The current version of a finance disclosure: what a report sums. */
export interface FinanceDisclosure {
  seriesId: string;
  title: string;
  version: number;
  periodKey: string;
  totals: NonNullable<VersionDoc['totals']>;
  items: { direction: 'income' | 'expense'; category: string; note: string; amountFen: number }[];
}

/** A village's finance disclosures of the given months (their current versions). */
export async function financeDisclosures(
  store: Store,
  villageId: string,
  months: readonly string[],
): Promise<FinanceDisclosure[]> {
  const heads = await headsOf(store).find(
    { villageId, category: 'finance', periodKey: { $in: [...months] } },
    { limit: 100 },
  );
  const versions = await Promise.all(heads.map((h) => versionsOf(store).get(`${h._id}.v${h.version}`)));
  const out: FinanceDisclosure[] = [];
  for (const v of versions) {
    if (!v || !v.totals) continue;
    out.push({
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
  return out;
}

/** A disclosure as a list shows it, dated by its first publication. */
export interface PublishedDisclosure {
  seriesId: string;
  title: string;
  category: HeadDoc['category'];
  major: boolean;
  periodKey: string;
  firstPublishedAt: string;
}

/** A village's disclosures first published in [start, end) (ISO instants). */
export async function disclosuresPublished(
  store: Store,
  villageId: string,
  start: string,
  end: string,
): Promise<PublishedDisclosure[]> {
  const heads = await findAll(headsOf(store), { villageId, firstPublishedAt: { $gte: start, $lt: end } });
  return heads.map((h) => ({
    seriesId: h._id,
    title: h.title,
    category: h.category,
    major: h.major,
    periodKey: h.periodKey,
    firstPublishedAt: h.firstPublishedAt,
  }));
}

/** What other contexts may read of one published disclosure version (no storage details). */
export interface DisclosureRef {
  villageId: string;
  townId: string;
  title: string;
  /** e.g. '2026年3月' */
  periodLabel: string;
  /** Each line item in a few words, by index: '支出 · 道路维修 · 1,200.00元'. */
  itemLabels: string[];
  /** Each line item's direction, by index (a payment is shown against an income line). */
  itemDirections: ('income' | 'expense')[];
}

/** One published version of a series, or null when there is none. */
export async function disclosureVersionRef(
  store: Store,
  seriesId: string,
  version: number,
): Promise<DisclosureRef | null> {
  const v = await versionsOf(store).get(`${seriesId}.v${version}`);
  if (!v || v.seriesId !== seriesId) return null;
  return {
    villageId: v.villageId,
    townId: v.townId,
    title: v.title,
    periodLabel: periodLabel(v.periodKey),
    itemLabels: v.items.map(
      (i) =>
        `${i.direction === 'income' ? '收入' : '支出'} · ${i.category}${i.note ? ` · ${i.note}` : ''} · ${formatYuan(i.amountFen)}`,
    ),
    itemDirections: v.items.map((i) => i.direction),
  };
}
