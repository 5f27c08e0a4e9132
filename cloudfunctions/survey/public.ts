import { findAll, type Query, type Store } from '../common/store/port';
import { periodsOverlap } from './domain/periods';
import { emptyTally } from './domain/tally';
import { indicatorResults } from './read';
import { byLatestClose, countsForVillage } from './rounds';
import { roundsOf, talliesOf, type RoundDoc } from './store';

/**
 * What other contexts (report, assessment) may read of survey results: the latest valid closed
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

/** Villages read per batch: three queries per batch, however many villages are asked for. */
const BATCH = 100;

export interface LatestOptions {
  /** ISO instant: only rounds closed by then count (the results as they stood). */
  asOf?: string;
  /**
   * The period the reader describes ('2026', '2026-Q3', '2026-11'): only rounds of a period
   * overlapping it count (an index of 2026 never shows a round of 2025).
   */
  period?: string;
}

/**
 * The latest valid round per village (villages without one are absent from the map): closed,
 * not 无效, of a period that had begun when it closed, and latest by when it closed, never by
 * the highest period key. The third argument is `asOf` or the options.
 */
export async function latestSurveyResults(
  store: Store,
  villageIds: string[],
  options?: string | LatestOptions,
): Promise<Map<string, RoundResults>> {
  const opts: LatestOptions = typeof options === 'string' ? { asOf: options } : (options ?? {});
  const ids = [...new Set(villageIds)];
  const out = new Map<string, RoundResults>();
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
  await Promise.all(batches.map((batch) => readBatch(store, batch, opts, out)));
  return out;
}

async function readBatch(
  store: Store,
  villageIds: string[],
  opts: LatestOptions,
  out: Map<string, RoundResults>,
): Promise<void> {
  const [only] = villageIds;
  const query: Query = {
    villageId: villageIds.length === 1 && only !== undefined ? only : { $in: villageIds },
    status: 'closed',
  };
  if (opts.asOf !== undefined) query.closedAt = { $lte: opts.asOf };
  // One village has a handful of rounds a year: read them whole. Many villages: read the
  // heads first, then only the rounds chosen.
  const single = villageIds.length === 1;
  const heads = await findAll(
    roundsOf(store),
    query,
    single ? {} : { fields: ['villageId', 'periodKey', 'status', 'valid', 'closedAt', 'openedAt'] },
  );
  const best = new Map<string, RoundDoc>();
  for (const r of heads.filter(countsForVillage).sort(byLatestClose)) {
    if (opts.period !== undefined && !periodsOverlap(r.periodKey, opts.period)) continue;
    if (!best.has(r.villageId)) best.set(r.villageId, r);
  }
  const chosen = [...best.values()].map((r) => r._id);
  if (!chosen.length) return;
  const [rounds, tallies] = await Promise.all([
    single
      ? Promise.resolve(heads.filter((r) => r._id === chosen[0]))
      : roundsOf(store).find({ _id: { $in: chosen } }, { limit: chosen.length }),
    talliesOf(store).find({ _id: { $in: chosen } }, { limit: chosen.length }),
  ]);
  const tallyBy = new Map(tallies.map((t) => [t._id, t]));
  for (const round of rounds) {
    const t = tallyBy.get(round._id);
    const tally = t ? { ballots: t.ballots ?? 0, counts: t.counts ?? {} } : emptyTally(round.indicators);
    out.set(round.villageId, {
      roundId: round._id,
      villageId: round.villageId,
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
  }
}

export { keepRoundFeed, myRoundEntry } from './homeFeed';
export { continueOpenings } from './opening';
export { FIVE_GOOD_INDICATORS } from './domain/indicators';
