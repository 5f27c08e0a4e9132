/**
 * The tamper-evident public record of a village (公开记录链). Every published record (a
 * disclosure version, a notice version, a notice withdrawal, a monthly report, ...) appends an
 * entry holding the hash of the record's canonical public content and the hash of the entry
 * before it. The head's fingerprint is printed on paper and carried in the monthly report, so a
 * change made behind the product (straight in the database) no longer matches what people hold.
 *
 * Pure: no I/O, no clock. Runs in the cloud functions, in Node tools and in the mini-program.
 */
import { canonicalJson } from './canonical';
import { sha256 } from './sha256';

/** What kinds of public record enter the chain (contexts added later add theirs here). */
export const RECORD_KINDS = [
  'disclosure',
  'notice',
  'noticeWithdrawal',
  'report',
  'decision',
  'answer',
  'asset',
  'payout',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const KIND_LABELS: Record<RecordKind, string> = {
  disclosure: '三务公开',
  notice: '通知公告',
  noticeWithdrawal: '通知撤回',
  report: '村情月报',
  decision: '决策事项',
  answer: '问题答复',
  asset: '三资变动',
  payout: '惠民资金发放',
};

/** The prevHash of a village's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers. */
export interface EntryFields {
  seq: number;
  kind: RecordKind;
  recordId: string;
  version: number;
  /** The record's public title, so a reader knows which record an entry names. */
  label: string;
  contentHash: string;
  /** ISO time the record was published. */
  at: string;
  prevHash: string;
}

export interface ChainEntry extends EntryFields {
  hash: string;
}

/** SHA-256 of the canonical JSON of a record's public content. */
export function contentHashOf(content: unknown): string {
  return sha256(canonicalJson(content));
}

export function entryHashOf(e: EntryFields): string {
  return sha256(
    canonicalJson({
      seq: e.seq,
      kind: e.kind,
      recordId: e.recordId,
      version: e.version,
      label: e.label,
      contentHash: e.contentHash,
      at: e.at,
      prevHash: e.prevHash,
    }),
  );
}

/** A published record as the chain takes it: what it is, its public title and time, its public content. */
export interface ChainRecord {
  kind: RecordKind;
  recordId: string;
  version: number;
  /** The public title people know the record by. */
  label: string;
  /** ISO time the record was published (stored on the record, so a retry gives the same). */
  at: string;
  /** The record's public content, exactly what a reader can fetch. */
  content: unknown;
}

/** Where the entry after `prev` (null for a chain's first) stands: its number and the hash it links to. */
export function linkAfter(prev: { seq: number; hash: string } | null): { seq: number; prevHash: string } {
  return { seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? GENESIS_HASH };
}

/** The entry that follows `prev` (null for the first). */
export function nextEntry(prev: { seq: number; hash: string } | null, record: ChainRecord): ChainEntry {
  const link = linkAfter(prev);
  const fields: EntryFields = {
    seq: link.seq,
    kind: record.kind,
    recordId: record.recordId,
    version: record.version,
    label: record.label,
    contentHash: contentHashOf(record.content),
    at: record.at,
    prevHash: link.prevHash,
  };
  return { ...fields, hash: entryHashOf(fields) };
}

/** Letters and digits without look-alikes (no 0/O, no 1/I): 32 symbols, 5 bits each. */
export const FINGERPRINT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The first 80 bits of a hash as 4 groups of 4 readable symbols, e.g. "7KQ2-M9XD-…". */
export function fingerprintOf(hash: string): string {
  let bits = '';
  for (const ch of hash.slice(0, 20)) bits += parseInt(ch, 16).toString(2).padStart(4, '0');
  let out = '';
  for (let i = 0; i < 16; i++) {
    out += FINGERPRINT_ALPHABET[parseInt(bits.slice(i * 5, i * 5 + 5), 2)];
    if (i % 4 === 3 && i < 15) out += '-';
  }
  return out;
}

/** A fingerprint as a person typed it: upper case, without spaces or dashes. */
export function normalizeFingerprint(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export type Problem =
  /** The record's content no longer hashes to what was published. */
  | 'changed'
  /** The record is gone. */
  | 'deleted'
  /** The entry itself was edited, moved, inserted or removed: the links no longer hold. */
  | 'entryAltered'
  /** Entries before this one are missing (a gap in the numbering). */
  | 'entriesMissing';

export interface Finding {
  problem: Problem;
  seq: number;
  kind: RecordKind;
  recordId: string;
  version: number;
  label: string;
  /** When the record was published: since then it no longer matches. */
  since: string;
}

export interface HeldFingerprint {
  fingerprint: string;
  /** The chain length it was taken at. */
  seq: number;
  /** Where it was read (e.g. the report of a month), for the message. */
  source?: string;
}

export interface Verification {
  ok: boolean;
  count: number;
  /** Earliest publication time among the entries (null for an empty chain). */
  firstAt: string | null;
  /** The recomputed head. */
  head: { seq: number; hash: string; fingerprint: string; at: string } | null;
  findings: Finding[];
  /** Held fingerprints that no longer match the recomputed chain at their length. */
  unmatched: HeldFingerprint[];
  /** The recomputed fingerprint at every length (seq), to look up one a person holds. */
  fingerprints: Record<number, string>;
}

/** The chain length at which a held fingerprint matches the recomputed chain, or null. */
export function lengthOfFingerprint(v: Verification, fingerprint: string): number | null {
  const wanted = normalizeFingerprint(fingerprint);
  if (wanted.length !== 16) return null;
  for (const [seq, fp] of Object.entries(v.fingerprints))
    if (normalizeFingerprint(fp) === wanted) return Number(seq);
  return null;
}

/** An entry as read back, with the public content of its record now (null when missing). */
export interface EntryWithContent {
  entry: ChainEntry;
  content: unknown | null;
}

/**
 * Recomputes the chain from the entries (any order; sorted by seq) and the records' current
 * public content, and names every record that no longer matches. An entry is altered when its
 * stored hash is not the hash of its fields or its link does not point at the entry before it
 * (whose own fields still hold); a record is changed when its content no longer hashes to the
 * entry's contentHash, deleted when it is gone. Held fingerprints (printed, carried in reports)
 * must match the recomputed hash at their length.
 */
export function verifyChain(items: EntryWithContent[], held: HeldFingerprint[] = []): Verification {
  const sorted = [...items].sort((a, b) => a.entry.seq - b.entry.seq);
  const findings: Finding[] = [];
  const name = (e: ChainEntry, problem: Problem): Finding => ({
    problem,
    seq: e.seq,
    kind: e.kind,
    recordId: e.recordId,
    version: e.version,
    label: e.label,
    since: e.at,
  });
  // The recomputed hash of every position, from the fields as they are now.
  const recomputed = new Map<number, string>();
  let prev: { entry: ChainEntry; selfOk: boolean } | null = null;
  for (const [i, { entry, content }] of sorted.entries()) {
    const own = entryHashOf(entry);
    recomputed.set(entry.seq, own);
    const selfOk = own === entry.hash;
    const expectedPrev = prev ? prev.entry.hash : GENESIS_HASH;
    // A broken link right after an altered entry is that entry's doing, not this one's.
    const linkOk = entry.prevHash === expectedPrev || (prev !== null && !prev.selfOk);
    if (entry.seq !== i + 1 && (prev?.entry.seq ?? 0) + 1 !== entry.seq) {
      findings.push(name(entry, 'entriesMissing'));
    } else if (!selfOk || !linkOk) findings.push(name(entry, 'entryAltered'));
    if (content === null) findings.push(name(entry, 'deleted'));
    else if (contentHashOf(content) !== entry.contentHash) findings.push(name(entry, 'changed'));
    prev = { entry, selfOk };
  }
  const last = sorted[sorted.length - 1]?.entry;
  const headHash = last ? (recomputed.get(last.seq) as string) : null;
  const unmatched = held.filter((h) => {
    const at = recomputed.get(h.seq);
    return !at || normalizeFingerprint(fingerprintOf(at)) !== normalizeFingerprint(h.fingerprint);
  });
  return {
    ok: findings.length === 0 && unmatched.length === 0,
    count: sorted.length,
    firstAt: sorted.reduce<string | null>(
      (min, x) => (min === null || x.entry.at < min ? x.entry.at : min),
      null,
    ),
    head:
      last && headHash
        ? { seq: last.seq, hash: headHash, fingerprint: fingerprintOf(headHash), at: last.at }
        : null,
    findings,
    unmatched,
    fingerprints: Object.fromEntries([...recomputed].map(([seq, hash]) => [seq, fingerprintOf(hash)])),
  };
}
