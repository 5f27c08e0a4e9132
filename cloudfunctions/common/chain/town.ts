/**
 * The town's daily chain of its villages' heads (镇级每日指纹). Once a day the town appends one
 * entry holding the head (length and hash) of every village's public record chain at that
 * moment, chained to the day before. A village chain rewritten behind the product from end to
 * end, new hashes and all, still no longer matches the head the town took that day.
 *
 * Pure: no I/O, no clock. Runs in the cloud functions and in Node tools.
 */
import { canonicalJson } from './canonical';
import { GENESIS_HASH, entryHashOf, fingerprintOf, linkAfter, type ChainEntry } from './chain';
import { sha256 } from './sha256';

/** One village's head as the town took it; seq 0 and hash null before its first record. */
export interface VillageHeadAt {
  villageId: string;
  villageName: string;
  seq: number;
  hash: string | null;
}

export interface TownEntryFields {
  seq: number;
  townId: string;
  /** China date the entry stands for ('YYYY-MM-DD'). */
  day: string;
  /** ISO time the heads were taken. */
  at: string;
  /** Sorted by villageId. */
  heads: VillageHeadAt[];
  prevHash: string;
}

export interface TownEntry extends TownEntryFields {
  hash: string;
}

export function townEntryHashOf(e: TownEntryFields): string {
  return sha256(
    canonicalJson({
      seq: e.seq,
      townId: e.townId,
      day: e.day,
      at: e.at,
      heads: e.heads.map((h) => ({
        villageId: h.villageId,
        villageName: h.villageName,
        seq: h.seq,
        hash: h.hash,
      })),
      prevHash: e.prevHash,
    }),
  );
}

/** The entry of `day` following `prev` (null for the town's first). */
export function nextTownEntry(
  prev: { seq: number; hash: string } | null,
  day: { townId: string; day: string; at: string; heads: VillageHeadAt[] },
): TownEntry {
  const link = linkAfter(prev);
  const fields: TownEntryFields = {
    seq: link.seq,
    townId: day.townId,
    day: day.day,
    at: day.at,
    heads: [...day.heads].sort((a, b) =>
      a.villageId < b.villageId ? -1 : a.villageId > b.villageId ? 1 : 0,
    ),
    prevHash: link.prevHash,
  };
  return { ...fields, hash: townEntryHashOf(fields) };
}

export type TownProblem =
  /** The town's entry was edited, moved, inserted or removed: its links no longer hold. */
  | 'entryAltered'
  /** A village's chain no longer has, at the length the town took, the head the town holds. */
  | 'villageChanged';

export interface TownFinding {
  problem: TownProblem;
  /** The town entry's day. */
  day: string;
  seq: number;
  villageId?: string;
  villageName?: string;
}

export interface TownVerification {
  ok: boolean;
  count: number;
  firstDay: string | null;
  head: { seq: number; hash: string; fingerprint: string; day: string } | null;
  findings: TownFinding[];
}

/** A village's chain as the town export carries it: its entries without contents. */
export interface VillageEntries {
  villageId: string;
  villageName: string;
  entries: ChainEntry[];
}

/**
 * Recomputes the town chain and checks every head it holds against the villages' chains (each
 * entry's hash recomputed from its fields): names every altered town entry and every village
 * whose chain no longer matches the head the town took, with the day.
 */
export function verifyTownChain(entries: TownEntry[], villages: VillageEntries[]): TownVerification {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const findings: TownFinding[] = [];
  // Each village's recomputed hash at every length.
  const recomputed = new Map<string, Map<number, string>>();
  for (const v of villages) {
    const bySeq = new Map<number, string>();
    for (const e of v.entries) bySeq.set(e.seq, entryHashOf(e));
    recomputed.set(v.villageId, bySeq);
  }
  let prev: { hash: string; selfOk: boolean; seq: number } | null = null;
  let lastHash: string | null = null;
  for (const e of sorted) {
    const own = townEntryHashOf(e);
    const selfOk = own === e.hash;
    const linkOk = e.prevHash === (prev ? prev.hash : GENESIS_HASH) || (prev !== null && !prev.selfOk);
    const inOrder = e.seq === (prev?.seq ?? 0) + 1;
    if (!selfOk || !linkOk || !inOrder) findings.push({ problem: 'entryAltered', day: e.day, seq: e.seq });
    for (const h of e.heads) {
      if (h.seq === 0) continue;
      const now = recomputed.get(h.villageId)?.get(h.seq) ?? null;
      if (now !== h.hash)
        findings.push({
          problem: 'villageChanged',
          day: e.day,
          seq: e.seq,
          villageId: h.villageId,
          villageName: h.villageName,
        });
    }
    prev = { hash: e.hash, selfOk, seq: e.seq };
    lastHash = own;
  }
  const last = sorted[sorted.length - 1];
  return {
    ok: findings.length === 0,
    count: sorted.length,
    firstDay: sorted[0]?.day ?? null,
    head:
      last && lastHash
        ? { seq: last.seq, hash: lastHash, fingerprint: fingerprintOf(lastHash), day: last.day }
        : null,
    findings,
  };
}
