import { villageRelatives } from '../account/public';
import { addMonths } from '../common/periods';
import { villages } from '../common/identity';
import type { Store } from '../common/store/port';
import { flagsOf, type KnownRelative, type ListForSummary } from './domain/payouts';
import { payoutFlagsOf, payoutHeadsOf, payoutVersionsOf, type PayoutFlagsDoc } from './payoutStore';
import { findAll } from '../common/store/port';

/** How far back the flags look: a year, and the month before it for the first change. */
const WINDOW_MONTHS = 13;

/** The village's declared relatives (and its cadres and 村监委 members themselves). */
export async function knownRelatives(store: Store, villageId: string): Promise<KnownRelative[]> {
  return (await villageRelatives(store, villageId)).map((r) => ({ ...r }));
}

/**
 * Recomputes one village's flags (优亲厚友, recipients listed twice, sudden changes) from its
 * current lists of the last year and the declared relatives, and stores them: the town view
 * reads these summaries only. Called on every publish, correction and declaration; recountable
 * at any time.
 */
export async function refreshPayoutFlags(store: Store, villageId: string): Promise<PayoutFlagsDoc | null> {
  const village = await villages(store).get(villageId);
  if (!village) return null;
  const [latest] = await payoutHeadsOf(store).find({ villageId }, { sort: { periodKey: -1 }, limit: 1 });
  const from = latest ? addMonths(latest.periodKey, -(WINDOW_MONTHS - 1)) : '0000-00';
  const heads = latest ? await findAll(payoutHeadsOf(store), { villageId, periodKey: { $gte: from } }) : [];
  const current = new Map(heads.map((h) => [h._id, h.version]));
  const versions = latest
    ? await findAll(payoutVersionsOf(store), { villageId, periodKey: { $gte: from } })
    : [];
  const lists: ListForSummary[] = versions
    .filter((v) => current.get(v.seriesId) === v.version)
    .map((v) => ({
      seriesId: v.seriesId,
      version: v.version,
      category: v.category,
      periodKey: v.periodKey,
      rows: v.rows,
    }));
  const flags = flagsOf(lists, await knownRelatives(store, villageId));
  const doc: PayoutFlagsDoc = {
    _id: villageId,
    townId: village.townId,
    villageName: village.name,
    lists: heads.length,
    latestPeriodKey: latest?.periodKey ?? null,
    ...flags,
    updatedAt: latest?.publishedAt ?? '',
  };
  const { _id, ...rest } = doc;
  if (!(await payoutFlagsOf(store).update(_id, { set: rest }))) {
    try {
      await payoutFlagsOf(store).insert(doc);
    } catch {
      await payoutFlagsOf(store).update(_id, { set: rest });
    }
  }
  return doc;
}
