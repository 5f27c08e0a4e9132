import {
  fingerprintOf,
  nextEntry,
  type ChainEntry,
  type ChainRecord,
  type RecordKind,
} from '../common/chain/chain';
import { DuplicateKeyError, type Store } from '../common/store/port';
import { keepChainHead } from '../disclosure/homeFeed';
import { chainHeadsOf, entriesOf, entryIdOf, entryKeyOf, type ChainHeadDoc, type EntryDoc } from './store';

/**
 * What other contexts may ask of the public record chain: append a published record, read the
 * head. Publishing a public record = writing the record, then `appendPublic` with its public
 * content (never names of reporters, ballots or household details). Idempotent: a retried
 * publish calls it again and gets the same entry.
 */

/** A published record of a village (its content: exactly what a reader can fetch, see record/read.ts). */
export interface PublicRecord extends ChainRecord {
  villageId: string;
  townId: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
  fingerprint: string;
  /** Latest publication time in the chain. */
  at: string;
}

/** Writes an entry the head points at (no-op when it is there): completes a stopped append. */
async function materialize(store: Store, doc: EntryDoc): Promise<void> {
  try {
    await entriesOf(store).insert(doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
}

/** The head, after completing an append that stopped between moving it and writing its entry. */
async function settledHead(store: Store, villageId: string): Promise<ChainHeadDoc | null> {
  const head = await chainHeadsOf(store).get(villageId);
  if (head) await materialize(store, head.last);
  return head;
}

const MAX_ATTEMPTS = 50;

/**
 * Appends the record's entry to its village's chain, once per record version. The head moves by
 * a compare-and-set on its seq, so two concurrent publishes take consecutive places and never
 * fork the chain; the entry is written after, and whoever next reads the head completes it.
 */
export async function appendPublic(store: Store, rec: PublicRecord): Promise<ChainEntry> {
  const key = entryKeyOf(rec.kind, rec.recordId, rec.version);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const head = await settledHead(store, rec.villageId);
    const [existing] = await entriesOf(store).find({ villageId: rec.villageId, key }, { limit: 1 });
    if (existing) {
      // A retry: the home may have missed the head if the first attempt stopped after the append.
      if (head)
        await keepChainHead(store, rec.villageId, {
          seq: head.seq,
          fingerprint: fingerprintOf(head.hash),
          at: head.at,
        });
      return existing;
    }
    const entry = nextEntry(head ? { seq: head.seq, hash: head.hash } : null, rec);
    const doc: EntryDoc = {
      ...entry,
      _id: entryIdOf(rec.villageId, entry.seq),
      villageId: rec.villageId,
      townId: rec.townId,
      key,
    };
    // The head's date only moves forward (records published with an earlier time, e.g. imported).
    const at = head && head.at > entry.at ? head.at : entry.at;
    const next = { seq: entry.seq, hash: entry.hash, at, last: doc };
    if (!head) {
      try {
        await chainHeadsOf(store).insert({ _id: rec.villageId, townId: rec.townId, ...next });
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
        continue; // another publish started the chain first
      }
    } else if (
      (await chainHeadsOf(store).updateWhere({ _id: rec.villageId, seq: head.seq }, { set: next })) === 0
    ) {
      continue; // another publish took this place: read the head again
    }
    await materialize(store, doc);
    // The village home carries the head (the same fields storedChainHead gives).
    await keepChainHead(store, rec.villageId, {
      seq: next.seq,
      fingerprint: fingerprintOf(next.hash),
      at: next.at,
    });
    return doc;
  }
  throw new Error(`public chain of ${rec.villageId} stayed busy`);
}

/** Whether the record version has its entry in the village's chain (one read, no write). */
export async function isInChain(
  store: Store,
  villageId: string,
  kind: RecordKind,
  recordId: string,
  version: number,
): Promise<boolean> {
  const key = entryKeyOf(kind, recordId, version);
  return (await entriesOf(store).find({ villageId, key }, { limit: 1, fields: ['_id'] })).length > 0;
}

/**
 * The head as stored, in one read and without completing a pending entry: what a page shows
 * (the village home carries it). The fingerprint is the head's, whatever the entries say.
 */
export async function storedChainHead(store: Store, villageId: string): Promise<ChainHead | null> {
  const head = await chainHeadsOf(store).get(villageId);
  return head ? { seq: head.seq, hash: head.hash, fingerprint: fingerprintOf(head.hash), at: head.at } : null;
}

export async function chainHead(store: Store, villageId: string): Promise<ChainHead | null> {
  const head = await settledHead(store, villageId);
  if (!head) return null;
  return { seq: head.seq, hash: head.hash, fingerprint: fingerprintOf(head.hash), at: head.at };
}

/** The town's daily chain of its villages' heads (run by the report timer). */
export { appendTownDays } from './town';
