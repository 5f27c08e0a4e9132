/**
 * For auditors: checks an export of a village's public record (the record function's
 * `exportChain`) on this computer, without the product's server.
 *   npm run verify -- <export file> [--held <seq>:<fingerprint> ...]
 * A town's export (`exportTown`) is checked the same way, day by day, against its villages' chains.
 * Each --held is a fingerprint someone holds (printed on a report or a 公开栏 sheet) with the
 * number of records it was taken at. Exit code 0 when everything matches, 1 otherwise.
 */
import { readFileSync } from 'node:fs';
import { fingerprintOf, verifyChain, type HeldFingerprint } from '../common/chain/chain';
import type { ChainExport, TownExport } from '../common/contracts/record';
import { formatDayOf } from '../common/format';
import { findingText, unmatchedText, verdictOf } from '../common/chain/text';
import { verifyTownExport } from './verify-town';

export function verifyExport(file: ChainExport, held: HeldFingerprint[]): { ok: boolean; lines: string[] } {
  if (file.format !== 'qinglian-public-record/1') return { ok: false, lines: ['这不是公开记录的导出文件'] };
  const all = file.head ? [{ ...file.head, source: '导出时本村公布的指纹' }, ...held] : held;
  const v = verifyChain(file.items, all);
  const lines = [`${file.villageName}：${verdictOf(v)}`];
  for (const f of v.findings) lines.push(`- ${findingText(f)}`);
  for (const h of v.unmatched) lines.push(`- ${unmatchedText(h)}`);
  if (v.head)
    lines.push(
      `重新计算的指纹：${fingerprintOf(v.head.hash)}（共 ${v.head.seq} 条，截至 ${formatDayOf(v.head.at)}）`,
    );
  return { ok: v.ok, lines };
}

function main(argv: string[]): number {
  const [path, ...rest] = argv;
  if (!path) {
    console.error('用法：npm run verify -- <导出文件> [--held 条数:指纹 ...]');
    return 2;
  }
  const held: HeldFingerprint[] = [];
  for (let i = 0; i < rest.length; i++) {
    const m = rest[i] === '--held' ? /^(\d+):(.+)$/.exec(rest[++i] ?? '') : null;
    if (!m) {
      console.error(`看不懂的参数：${rest[i] ?? ''}`);
      return 2;
    }
    held.push({ seq: Number(m[1]), fingerprint: m[2] as string, source: '您持有的指纹' });
  }
  const file = JSON.parse(readFileSync(path, 'utf8')) as ChainExport | TownExport;
  // A town's export (its daily chain of village heads) or a village's.
  const { ok, lines } =
    file.format === 'qinglian-town-record/1' ? verifyTownExport(file, held) : verifyExport(file, held);
  for (const line of lines) console.log(line);
  return ok ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
