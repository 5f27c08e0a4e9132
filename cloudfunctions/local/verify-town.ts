/**
 * For auditors: checks an export of a town's daily chain of its villages' heads (the record
 * function's `exportTown`): every day's entry, and every village's chain against the head the town
 * took that day. Used by `npm run verify -- <export file>` when the file is a town export.
 */
import { fingerprintOf, normalizeFingerprint, type HeldFingerprint } from '../common/chain/chain';
import { townEntryHashOf, verifyTownChain } from '../common/chain/town';
import { townFindingText, townVerdictOf } from '../common/chain/townText';
import type { TownExport } from '../common/contracts/record';
import { formatDate } from '../common/format';

export function verifyTownExport(
  file: TownExport,
  held: HeldFingerprint[],
): { ok: boolean; lines: string[] } {
  const v = verifyTownChain(file.entries, file.villages);
  const all = file.head ? [{ ...file.head, source: '导出时本镇公布的每日指纹' }, ...held] : held;
  const bySeq = new Map(file.entries.map((e) => [e.seq, fingerprintOf(townEntryHashOf(e))]));
  const unmatched = all.filter((h) => {
    const fp = bySeq.get(h.seq);
    return !fp || normalizeFingerprint(fp) !== normalizeFingerprint(h.fingerprint);
  });
  const lines = [`${file.townName}：${townVerdictOf(v)}`];
  for (const f of v.findings) lines.push(`- ${townFindingText(f)}`);
  for (const h of unmatched)
    lines.push(`- ${h.source ?? '公布的指纹'}（第 ${h.seq} 天）与重新计算的结果不一致：记录可能被整体改写`);
  if (v.head)
    lines.push(
      `重新计算的每日指纹：${v.head.fingerprint}（共 ${v.head.seq} 天，截至 ${formatDate(v.head.day)}）`,
    );
  return { ok: v.ok && unmatched.length === 0, lines };
}
