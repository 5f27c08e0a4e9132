import type { UpdateOps, Store } from '../common/store/port';
import { DuplicateKeyError, findAll } from '../common/store/port';
import { chinaDaysBetween } from './domain/deadlines';
import { currentDue, isOpen, type ItemCore } from './domain/item';
import { emptyStats } from './domain/stats';
import { itemsOf, statsOf, type StatsDoc } from './store';

/**
 * The per-village figures the town reads, kept on every write in one update of one record.
 * Each field changes by a delta of this item only, so concurrent writes on other items of the
 * same village never overwrite each other; `recountVillage` rebuilds them from the items.
 */
export function statsDelta(itemId: string, before: ItemCore | null, after: ItemCore): UpdateOps {
  const set: Record<string, unknown> = {};
  const inc: Record<string, number> = {};
  const unset: string[] = [];
  if (!before) inc.total = 1;
  if (isOpen(after.state)) {
    set[`open.${itemId}`] = {
      dueAt: currentDue(after),
      escalated: after.state === 'escalated' || after.state === 'takenOver',
    };
  } else {
    unset.push(`open.${itemId}`);
  }
  const wasOpen = before ? isOpen(before.state) : true;
  if (wasOpen && !isOpen(after.state)) inc.closed = 1;
  if (!wasOpen && isOpen(after.state)) inc.closed = -1;
  if (!before?.firstAnsweredAt && after.firstAnsweredAt) {
    inc[`answerDays.${chinaDaysBetween(after.raisedAt, after.firstAnsweredAt)}`] = 1;
  }
  if (!before?.rating && after.rating) inc[`ratings.${after.rating}`] = 1;
  return { set, inc, unset };
}

export async function applyStats(
  store: Store,
  townId: string,
  villageId: string,
  ops: UpdateOps,
): Promise<void> {
  const col = statsOf(store);
  if (await col.update(villageId, ops)) return;
  try {
    await col.insert({ _id: villageId, townId, ...emptyStats() });
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
  await col.update(villageId, ops);
}

/** Rebuilds a village's figures from its items (after a failed write, or to check them). */
export async function recountVillage(store: Store, townId: string, villageId: string): Promise<StatsDoc> {
  const items = await findAll(itemsOf(store), { villageId });
  const doc: StatsDoc = { _id: villageId, townId, ...emptyStats() };
  for (const item of items) {
    const d = statsDelta(item._id, null, item);
    for (const [k, v] of Object.entries(d.set ?? {})) {
      doc.open[k.slice('open.'.length)] = v as StatsDoc['open'][string];
    }
    for (const [k, n] of Object.entries(d.inc ?? {})) {
      const [field, key] = k.split('.') as [string, string | undefined];
      if (field === 'total') doc.total += n;
      else if (field === 'closed') doc.closed += n;
      else if (field === 'answerDays' && key) doc.answerDays[key] = (doc.answerDays[key] ?? 0) + n;
      else if (field === 'ratings' && key) doc.ratings[key as keyof StatsDoc['ratings']] += n;
    }
  }
  const col = statsOf(store);
  const { _id, ...fields } = doc;
  if (!(await col.update(_id, { set: fields }))) await col.insert(doc);
  return doc;
}
