import type { ChainEntry } from '../common/chain/chain';
import type { TownEntry } from '../common/chain/town';
import type { Collection, Doc, Store } from '../common/store/port';

/**
 * One entry of a village's public record chain. _id = `${villageId}.${seq padded}`: one entry per
 * position, so two writers can never both take the same place.
 */
export interface EntryDoc extends Doc, ChainEntry {
  villageId: string;
  townId: string;
  /** `${kind}:${recordId}:v${version}`: one entry per published record version. */
  key: string;
}

/**
 * The head of a village's chain, moved only by a compare-and-set on `seq`. It carries the entry
 * it points at, so an append that stopped after moving the head is completed by the next reader.
 */
export interface ChainHeadDoc extends Doc {
  townId: string;
  seq: number;
  hash: string;
  at: string;
  last: EntryDoc;
}

export const entriesOf = (s: Store): Collection<EntryDoc> => s.collection<EntryDoc>('publicChain');

/** Strips the storage fields: what the verifier hashes. */
export const chainEntryOf = (d: EntryDoc): ChainEntry => ({
  seq: d.seq,
  kind: d.kind,
  recordId: d.recordId,
  version: d.version,
  label: d.label,
  contentHash: d.contentHash,
  at: d.at,
  prevHash: d.prevHash,
  hash: d.hash,
});
export const chainHeadsOf = (s: Store): Collection<ChainHeadDoc> =>
  s.collection<ChainHeadDoc>('publicChainHeads');

export const entryIdOf = (villageId: string, seq: number) => `${villageId}.${String(seq).padStart(8, '0')}`;
export const entryKeyOf = (kind: string, recordId: string, version: number) =>
  `${kind}:${recordId}:v${version}`;

/**
 * One day of a town's chain of its villages' heads. _id = `${townId}.${day}`: one entry per town
 * and China day, so a timer that runs twice (or two at once) cannot add a second.
 */
export interface TownEntryDoc extends Doc, TownEntry {}

export const townEntriesOf = (s: Store): Collection<TownEntryDoc> => s.collection<TownEntryDoc>('townChain');
export const townEntryIdOf = (townId: string, day: string) => `${townId}.${day}`;

/** A village's door code as made once and reused. _id = villageId. */
export interface DoorCodeDoc extends Doc {
  /** What an image shows: a cloud file id in WeChat, a data URL locally. */
  src: string;
  /** The maker's source (e.g. 'wxacode'): a code of another source is made again. */
  source: string;
  scene: string;
  page: string;
  at: string;
}

export const doorCodesOf = (s: Store): Collection<DoorCodeDoc> => s.collection<DoorCodeDoc>('doorCodes');
