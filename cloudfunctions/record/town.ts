import { fingerprintOf } from '../common/chain/chain';
import { nextTownEntry, type TownEntry, type VillageEntries } from '../common/chain/town';
import { chinaDateKey } from '../common/clock';
import { towns, villages } from '../common/identity';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import {
  chainEntryOf,
  chainHeadsOf,
  entriesOf,
  townEntriesOf,
  townEntryIdOf,
  type TownEntryDoc,
} from './store';

/**
 * The town's daily chain of its villages' heads: the timer appends one entry per town and China
 * day holding every village's head at that moment (two reads per town: its villages and their
 * heads), chained to the town's entry of the day before. Nothing is read per request.
 */

function entryOf(d: TownEntryDoc): TownEntry {
  return {
    seq: d.seq,
    townId: d.townId,
    day: d.day,
    at: d.at,
    heads: d.heads,
    prevHash: d.prevHash,
    hash: d.hash,
  };
}

/** The town's newest entry, or null before its first day. */
export async function latestTownEntry(store: Store, townId: string): Promise<TownEntry | null> {
  const [last] = await townEntriesOf(store).find({ townId }, { sort: { seq: -1 }, limit: 1 });
  return last ? entryOf(last) : null;
}

/** Appends the town's entry of `now`'s China day, once: a second run that day finds it. */
export async function appendTownDay(
  store: Store,
  townId: string,
  now: Date,
): Promise<{ entry: TownEntry; appended: boolean }> {
  const day = chinaDateKey(now);
  const _id = townEntryIdOf(townId, day);
  const done = await townEntriesOf(store).get(_id);
  if (done) return { entry: entryOf(done), appended: false };
  const prev = await latestTownEntry(store, townId);
  // A clock set back never writes a day before the newest one.
  if (prev && prev.day >= day) return { entry: prev, appended: false };
  const [vs, heads] = await Promise.all([
    findAll(villages(store), { townId }, { fields: ['name'] }),
    findAll(chainHeadsOf(store), { townId }, { fields: ['seq', 'hash'] }),
  ]);
  const headOf = new Map(heads.map((h) => [h._id, h]));
  const entry = nextTownEntry(prev, {
    townId,
    day,
    at: now.toISOString(),
    heads: vs.map((v) => {
      const h = headOf.get(v._id);
      return { villageId: v._id, villageName: v.name, seq: h?.seq ?? 0, hash: h?.hash ?? null };
    }),
  });
  try {
    await townEntriesOf(store).insert({ _id, ...entry });
    return { entry, appended: true };
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const raced = await townEntriesOf(store).get(_id);
    return { entry: raced ? entryOf(raced) : entry, appended: false };
  }
}

/** The timer's daily step: today's entry of every town (a no-op for towns that have it). */
export async function appendTownDays(store: Store, now: Date): Promise<{ appended: number }> {
  const all = await findAll(towns(store), {}, { fields: ['_id'] });
  let appended = 0;
  for (const t of all) {
    if ((await appendTownDay(store, t._id, now)).appended) appended++;
  }
  return { appended };
}

export function townHeadView(e: TownEntry | null) {
  return e ? { seq: e.seq, fingerprint: fingerprintOf(e.hash), day: e.day, at: e.at } : null;
}

/** Everything the town's chain needs to be checked on its own: its entries and the villages' entries. */
export async function townRecord(
  store: Store,
  townId: string,
): Promise<{ entries: TownEntry[]; villages: VillageEntries[] }> {
  const [docs, vs] = await Promise.all([
    findAll(townEntriesOf(store), { townId }, { sort: { seq: 1 } }),
    findAll(villages(store), { townId }, { fields: ['name'], sort: { _id: 1 } }),
  ]);
  const out: VillageEntries[] = [];
  for (const v of vs) {
    const entries = await findAll(entriesOf(store), { villageId: v._id }, { sort: { seq: 1 } });
    out.push({ villageId: v._id, villageName: v.name, entries: entries.map(chainEntryOf) });
  }
  return { entries: docs.map(entryOf), villages: out };
}
