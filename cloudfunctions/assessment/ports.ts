import { chinaDateKey } from '../common/clock';
import { findAll, type Store } from '../common/store/port';
import { headsOf } from '../disclosure/store';
import { hasPublished, publishedCounts } from '../report/public';
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
    // Only the window is read; "nothing ever published" is two counts.
    const counts = (await publishedCounts(store, [villageId], window.from, window.to, { asOf })).get(
      villageId,
    );
    if (!counts) return null;
    const notices = counts.notices + counts.withdrawnNotices;
    if (!counts.reports && !notices && !(await hasPublished(store, villageId, asOf))) return null;
    return { reportMonths: counts.reportMonths, notices };
  },
};
