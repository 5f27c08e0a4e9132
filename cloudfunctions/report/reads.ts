import type { Store } from '../common/store/port';
import { DuplicateKeyError } from '../common/store/port';
import { noticesOf, readsOf, reportsOf } from './store';

/**
 * Counts a person's first read of a report or notice. The counter follows its source: raised to
 * the reads recorded, never lowered (so parallel reads cannot set it back), which also makes good
 * a count that a first attempt stopped before writing.
 */
export async function recordRead(
  store: Store,
  kind: 'report' | 'notice',
  subjectId: string,
  openid: string,
  at: string,
) {
  try {
    await readsOf(store).insert({ _id: `${subjectId}|${openid}`, subjectId, openid, at });
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
  const n = await readsOf(store).count({ subjectId });
  const col = kind === 'report' ? reportsOf(store) : noticesOf(store);
  await col.updateWhere({ _id: subjectId, readCount: { $lt: n } }, { set: { readCount: n } });
}

/** Rebuilds a read counter from the read records (the source of truth). */
export async function recountReads(
  store: Store,
  kind: 'report' | 'notice',
  subjectId: string,
): Promise<number> {
  const n = await readsOf(store).count({ subjectId });
  const col = kind === 'report' ? reportsOf(store) : noticesOf(store);
  await col.update(subjectId, { set: { readCount: n } });
  return n;
}
