import type { Store } from '../common/store/port';
import { DuplicateKeyError } from '../common/store/port';
import { noticesOf, readsOf, reportsOf } from './store';

/**
 * Counts a person's first read of a report or notice. The read is marked once it is in the
 * counter: a read a stopped attempt left unmarked is made good on the next open, by raising the
 * counter to the reads already marked plus this one (never lowering it, and never counting a read
 * twice). Another person's read still unmarked may be in flight, its increment not yet landed: it
 * is left to that increment, so the repair never overshoots.
 */
export async function recordRead(
  store: Store,
  kind: 'report' | 'notice',
  subjectId: string,
  openid: string,
  at: string,
) {
  const reads = readsOf(store);
  const col = kind === 'report' ? reportsOf(store) : noticesOf(store);
  const _id = `${subjectId}|${openid}`;
  try {
    await reads.insert({ _id, subjectId, openid, at, counted: false });
    await col.update(subjectId, { inc: { readCount: 1 } });
    await reads.update(_id, { set: { counted: true } });
    return;
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
  if ((await reads.get(_id))?.counted !== false) return;
  // The subject's counted reads by their ids (`${subjectId}|${openid}`: '}' follows '|'), served
  // by _id; an older read without the mark was counted. Plus this one.
  const counted = await reads.count({
    _id: { $gt: `${subjectId}|`, $lt: `${subjectId}}` },
    counted: { $ne: false },
  });
  const n = counted + 1;
  await col.updateWhere({ _id: subjectId, readCount: { $lt: n } }, { set: { readCount: n } });
  await reads.update(_id, { set: { counted: true } });
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
