import { chinaDateKey, chinaMonthKey } from '../common/clock';
import { findAll, type Store } from '../common/store/port';
import { headsOf } from '../disclosure/store';
import { noticesOf, reportsOf } from '../report/store';
import { latestSurveyResults, type RoundResults } from '../survey/public';
import type { PublishedPeriod } from './domain/auto';

/**
 * What the assessment reads of other contexts, each behind one small function so a context
 * that changes its storage changes one place here.
 */
export interface Sources {
  /** Disclosures a village published (first publication of each series). */
  disclosures(store: Store, villageId: string): Promise<PublishedPeriod[]>;
  /** The latest survey round of the village closed by `asOf` (ISO), or null. */
  survey(store: Store, villageId: string, asOf: string): Promise<RoundResults | null>;
  /**
   * The latest survey round of each village closed by `asOf` (ISO; omitted: closed at all),
   * read in batches; villages without one are absent.
   */
  surveys(store: Store, villageIds: string[], asOf?: string): Promise<Map<string, RoundResults>>;
  /**
   * Months with a 村情月报 published by `asOf` (ISO) and notices published in the window by
   * then; null = no data source.
   */
  publications(
    store: Store,
    villageId: string,
    window: { from: string; to: string },
    asOf: string,
  ): Promise<{ reportMonths: string[]; notices: number } | null>;
}

export const productSources: Sources = {
  async disclosures(store, villageId) {
    const heads = await findAll(
      headsOf(store),
      { villageId },
      { fields: ['category', 'periodKey', 'firstPublishedAt'] },
    );
    return heads.map((h) => ({
      category: h.category,
      periodKey: h.periodKey,
      firstPublishedOn: chinaDateKey(h.firstPublishedAt),
    }));
  },
  async survey(store, villageId, asOf) {
    return (await latestSurveyResults(store, [villageId], asOf)).get(villageId) ?? null;
  },
  surveys: (store, villageIds, asOf) => latestSurveyResults(store, villageIds, asOf),
  async publications(store, villageId, window, asOf) {
    const [reports, notices] = await Promise.all([
      findAll(
        reportsOf(store),
        { villageId, status: 'published', publishedAt: { $lte: asOf } },
        { fields: ['month'] },
      ),
      findAll(noticesOf(store), { villageId, publishedAt: { $lte: asOf } }, { fields: ['publishedAt'] }),
    ]);
    if (!reports.length && !notices.length) return null;
    return {
      reportMonths: reports.map((r) => r.month),
      notices: notices.filter((n) => {
        const m = chinaMonthKey(n.publishedAt);
        return m >= window.from && m <= window.to;
      }).length,
    };
  },
};
