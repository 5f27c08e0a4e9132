import type { VillageDoc } from './identity';
import { villages } from './identity';
import { MAX_PAGE, type Query, type Store } from './store/port';

/** One page of a town's villages, in id order, and the cursor of the next page. */
export interface VillagePage {
  villages: VillageDoc[];
  next: string | null;
  /** Villages in the town, all pages. */
  total: number;
}

/**
 * A page of the town's villages after `cursor` (a village id): two store operations (the page
 * and the count), whatever the size of the town. Never `skip`: the query starts at the cursor.
 */
export async function villagePage(
  store: Store,
  townId: string,
  cursor: string | undefined,
  limit: number,
): Promise<VillagePage> {
  const query: Query = { townId };
  if (cursor) query._id = { $gt: cursor };
  const [page, total] = await Promise.all([
    villages(store).find(query, { sort: { _id: 1 }, limit: limit + 1 }),
    villages(store).count({ townId }),
  ]);
  const rows = page.slice(0, limit);
  const last = rows[rows.length - 1];
  return { villages: rows, next: page.length > limit && last ? last._id : null, total };
}

/**
 * The villages a keyed town list has no key for yet (no sheet, nothing kept), after the keyed
 * ones, in id order: a window of up to 1,000 villages after the cursor is read, the keyed among
 * them are looked up at once, and up to `limit` of the others are returned. Two store operations
 * whatever the size of the town; the cursor is the last village id looked at.
 */
export async function unkeyedVillages(
  store: Store,
  townId: string,
  after: string | undefined,
  limit: number,
  keyedAmong: (ids: string[]) => Promise<Set<string>>,
): Promise<{ villages: Pick<VillageDoc, '_id' | 'name'>[]; next: string | null }> {
  const window = await villages(store).find(after ? { townId, _id: { $gt: after } } : { townId }, {
    sort: { _id: 1 },
    limit: MAX_PAGE,
    fields: ['name'],
  });
  const keyed = window.length ? await keyedAmong(window.map((v) => v._id)) : new Set<string>();
  const out: Pick<VillageDoc, '_id' | 'name'>[] = [];
  for (const [i, v] of window.entries()) {
    if (keyed.has(v._id)) continue;
    if (out.length === limit) return { villages: out, next: window[i - 1]?._id ?? null };
    out.push(v);
  }
  const last = window[window.length - 1];
  return { villages: out, next: window.length === MAX_PAGE && last ? last._id : null };
}
