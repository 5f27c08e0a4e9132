import { villages, type VillageDoc } from '../common/identity';
import { MAX_PAGE, type Store } from '../common/store/port';

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
