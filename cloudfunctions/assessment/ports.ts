import type { Store } from '../common/store/port';
import type { VillageDoc } from '../common/identity';
import { cadenceOf } from '../disclosure/public';
import { publishedCounts } from '../report/public';
import { latestSurveyResults, type RoundResults } from '../survey/public';
import type { CadenceReading, Publications } from './domain/auto';

/**
 * What the assessment reads of other contexts, each through that context's public surface
 * and behind one small function here, so a context that changes its storage changes one place.
 */
export interface Sources {
  /**
   * The disclosure cadence of the months `window` as it stood on `today` (China date): the
   * same evaluation the village status, the town overview and the monthly report read.
   */
  disclosures(
    store: Store,
    village: Pick<VillageDoc, '_id' | 'trackingSince'>,
    window: { from: string; to: string },
    today: string,
  ): Promise<CadenceReading>;
  /** The latest survey round of the village closed by `asOf` (ISO), or null. */
  survey(store: Store, villageId: string, asOf: string): Promise<RoundResults | null>;
  /**
   * The latest survey round of each village closed by `asOf` (ISO; omitted: closed at all),
   * read in batches; villages without one are absent.
   */
  surveys(store: Store, villageIds: string[], asOf?: string): Promise<Map<string, RoundResults>>;
  /**
   * 村情月报 published by `asOf` (ISO) for the months of the window, and the months in which
   * notices were published; empty lists when the village published nothing.
   */
  publications(
    store: Store,
    villageId: string,
    window: { from: string; to: string },
    asOf: string,
  ): Promise<Publications>;
}

export const productSources: Sources = {
  async disclosures(store, village, window, today) {
    return (await cadenceOf(store, [village], { today, window })).get(village._id)!;
  },
  async survey(store, villageId, asOf) {
    return (await latestSurveyResults(store, [villageId], asOf)).get(villageId) ?? null;
  },
  surveys: (store, villageIds, asOf) => latestSurveyResults(store, villageIds, asOf),
  async publications(store, villageId, window, asOf) {
    const counts = (await publishedCounts(store, [villageId], window.from, window.to, { asOf })).get(
      villageId,
    );
    return {
      reportMonths: counts?.reportMonths ?? [],
      noticeMonths: counts?.noticeMonths ?? [],
      notices: (counts?.notices ?? 0) + (counts?.withdrawnNotices ?? 0),
    };
  },
};
