import type { Store } from '../common/store/port';
import { surveyPeriodSortKey } from './domain/periods';
import { indicatorResults, tallyOf } from './read';
import { roundsOf, type RoundDoc } from './store';

/**
 * What other contexts (report, assessment) may read of survey results: the latest closed
 * round of each village. Only aggregates, never anything about a voter.
 */
export interface IndicatorResult {
  indicatorId: string;
  name: string;
  /** Approval as a fraction 0..1; null when results are withheld (too few answers). */
  approvalRate: number | null;
  answers: number;
  status: 'met' | 'notMet' | 'insufficient';
}

export interface RoundResults {
  roundId: string;
  villageId: string;
  /** e.g. '2025-Q4' */
  periodKey: string;
  closedAt: string;
  indicators: IndicatorResult[];
}

/** The latest closed round of one village, by period (a village has a handful of rounds a year). */
async function latestClosed(store: Store, villageId: string): Promise<RoundDoc | null> {
  const closed = await roundsOf(store).find(
    { villageId, status: 'closed' },
    { sort: { periodKey: -1 }, limit: 100 },
  );
  let best: RoundDoc | null = null;
  for (const r of closed) {
    if (!best || surveyPeriodSortKey(r.periodKey) > surveyPeriodSortKey(best.periodKey)) best = r;
  }
  return best;
}

/** Latest closed round per village (villages without one are absent from the map). */
export async function latestSurveyResults(
  store: Store,
  villageIds: string[],
): Promise<Map<string, RoundResults>> {
  const out = new Map<string, RoundResults>();
  await Promise.all(
    [...new Set(villageIds)].map(async (villageId) => {
      const round = await latestClosed(store, villageId);
      if (!round) return;
      const tally = await tallyOf(store, round);
      out.set(villageId, {
        roundId: round._id,
        villageId,
        periodKey: round.periodKey,
        closedAt: round.closedAt ?? round.openedAt,
        indicators: indicatorResults(round, tally).map((i) => ({
          indicatorId: i.indicatorId,
          name: i.name,
          approvalRate: i.approvalRate,
          answers: i.answers,
          status: i.status,
        })),
      });
    }),
  );
  return out;
}
