import { findAll, type Query, type Store } from '../common/store/port';
import { surveyPeriodSortKey } from './domain/periods';
import { emptyTally } from './domain/tally';
import { indicatorResults } from './read';
import { roundsOf, talliesOf, type RoundDoc } from './store';

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

/** Villages read per batch: three queries per batch, however many villages are asked for. */
const BATCH = 100;

/**
 * Latest closed round per village, by period (villages without one are absent from the map).
 * With `asOf` (ISO instant), only rounds closed by then count: the results as they stood.
 */
export async function latestSurveyResults(
  store: Store,
  villageIds: string[],
  asOf?: string,
): Promise<Map<string, RoundResults>> {
  const ids = [...new Set(villageIds)];
  const out = new Map<string, RoundResults>();
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
  await Promise.all(batches.map((batch) => readBatch(store, batch, asOf, out)));
  return out;
}

async function readBatch(
  store: Store,
  villageIds: string[],
  asOf: string | undefined,
  out: Map<string, RoundResults>,
): Promise<void> {
  const query: Query = {
    villageId: villageIds.length === 1 ? villageIds[0] : { $in: villageIds },
    status: 'closed',
  };
  if (asOf !== undefined) query.closedAt = { $lte: asOf };
  // One village has a handful of rounds a year: read them whole. Many villages: read the
  // periods first, then only the rounds chosen.
  const single = villageIds.length === 1;
  const heads = await findAll(roundsOf(store), query, single ? {} : { fields: ['villageId', 'periodKey'] });
  const best = new Map<string, Pick<RoundDoc, '_id' | 'villageId' | 'periodKey'>>();
  for (const r of heads) {
    const b = best.get(r.villageId);
    if (!b || surveyPeriodSortKey(r.periodKey) > surveyPeriodSortKey(b.periodKey)) best.set(r.villageId, r);
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
