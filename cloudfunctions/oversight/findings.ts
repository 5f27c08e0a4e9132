import { createHash } from 'node:crypto';
import { DuplicateKeyError, type Store } from '../common/store/port';
import { logOf, type LogDoc } from './store';

/**
 * A finding another context brings to the 村监委's 台账 (a stocktake discrepancy of 三资): a
 * `finding` entry of the log with its 整改 (owner, deadline, what to do), followed there like any
 * other. `key` names the fact it comes from: the same key again writes nothing (a retry after a
 * half-finished write completes it, never doubles it).
 */
export interface FindingFromContext {
  villageId: string;
  townId: string;
  /** Stable per fact, e.g. `assets-stocktake:<stocktake id>:<item id>`. */
  key: string;
  date: string;
  title: string;
  text: string;
  fix: { owner: string; dueOn: string; what: string };
  by: { id: string; name: string };
  at: string;
}

export const findingIdFor = (villageId: string, key: string) =>
  `l${createHash('sha256').update(`${villageId}\nfinding:${key}`).digest('hex').slice(0, 20)}`;

/** Resolves to the entry's id and whether this call wrote it. */
export async function recordFinding(
  store: Store,
  f: FindingFromContext,
): Promise<{ id: string; created: boolean }> {
  const doc: LogDoc = {
    _id: findingIdFor(f.villageId, f.key),
    villageId: f.villageId,
    townId: f.townId,
    month: f.date.slice(0, 7),
    kind: 'finding',
    date: f.date,
    title: f.title.slice(0, 60),
    text: f.text.slice(0, 2000),
    attendees: [],
    fix: f.fix,
    by: f.by,
    at: f.at,
    requestId: f.key,
  };
  try {
    await logOf(store).insert(doc);
    return { id: doc._id, created: true };
  } catch (e) {
    if (e instanceof DuplicateKeyError) return { id: doc._id, created: false };
    throw e;
  }
}
