import type { VillageDoc } from './identity';
import { villages } from './identity';
import type { Query, Store } from './store/port';

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
