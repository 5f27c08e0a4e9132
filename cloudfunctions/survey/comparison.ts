import { keepDemonstrationSurvey } from '../assessment/public';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { compareSortKey } from './domain/compareOrder';
import { FIVE_GOOD_INDICATORS } from './domain/indicators';
import { byLatestClose, countsForVillage } from './counts';
import { roundView } from './read';
import { comparisonsOf, roundsOf, townPeriodsOf, type ComparisonDoc, type RoundDoc } from './store';

/**
 * The town comparison's summaries, kept on write: when a round closes, its village's summary
 * for the period is recounted from the village's rounds of that period and their (final)
 * tallies, and the period joins the town's list. Recounting is idempotent, so a retried close
 * or a repair writes the same documents. Ballots are not summarised while a round is open:
 * the comparison shows closed rounds only.
 */

export const comparisonId = (villageId: string, periodKey: string) => `${villageId}:${periodKey}`;

async function upsert(update: () => Promise<boolean>, insert: () => Promise<void>): Promise<void> {
  if (await update()) return;
  try {
    await insert();
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    await update();
  }
}

/** A closed round keeps its village's summary for its period (nothing for an invalid round). */
export async function keepComparison(store: Store, round: RoundDoc): Promise<void> {
  if (!countsForVillage(round)) return;
  await recountComparison(store, round.townId, round.villageId, round.periodKey);
}

/**
 * The village's summary for the period recounted from its rounds and their tallies, and
 * stored: the latest valid round of the period, or none. Returns what it stored.
 */
export async function recountComparison(
  store: Store,
  townId: string,
  villageId: string,
  periodKey: string,
): Promise<ComparisonDoc | null> {
  const id = comparisonId(villageId, periodKey);
  const rounds = await findAll(roundsOf(store), { villageId, periodKey });
  const latest = rounds.filter(countsForVillage).sort(byLatestClose)[0];
  if (!latest) {
    await comparisonsOf(store).remove(id);
    return null;
  }
  const view = await roundView(store, latest, '');
  const doc: ComparisonDoc = {
    _id: id,
    townId,
    villageId,
    periodKey,
    roundId: latest._id,
    round: view.round,
    indicators: view.indicators,
    sortKey: compareSortKey(villageId, view.indicators),
  };
  const { _id, ...rest } = doc;
  await upsert(
    () => comparisonsOf(store).update(_id, { set: rest }),
    () => comparisonsOf(store).insert(doc),
  );
  await upsert(
    () => townPeriodsOf(store).update(townId, { addToSet: { periods: periodKey } }),
    () => townPeriodsOf(store).insert({ _id: townId, periods: [periodKey] }),
  );
  // The village's place in the town's 示范点 list (assessment) follows its latest results.
  const closedAt = latest.closedAt ?? latest.openedAt;
  await keepDemonstrationSurvey(
    store,
    townId,
    villageId,
    {
      roundId: latest._id,
      periodKey,
      closedAt,
      indicators: view.indicators.map((i) => ({
        indicatorId: i.indicatorId,
        name: i.name,
        approvalRate: i.approvalRate,
        status: i.status,
      })),
    },
    FIVE_GOOD_INDICATORS,
    closedAt,
  );
  return doc;
}

/** Every summary of a village recounted (a repair, and the seed of rounds stored directly). */
export async function recountVillageComparisons(store: Store, townId: string, villageId: string) {
  const rounds = await findAll(roundsOf(store), { villageId }, { fields: ['periodKey'] });
  const periods = [...new Set(rounds.map((r) => r.periodKey))].sort();
  const out: ComparisonDoc[] = [];
  for (const p of periods) {
    const doc = await recountComparison(store, townId, villageId, p);
    if (doc) out.push(doc);
  }
  return out;
}
