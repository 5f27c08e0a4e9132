/**
 * The verify page recomputes a village's whole public record chain on the phone, in plain
 * JavaScript. How long that takes for a busy village's ten years (3,000 records of finance
 * disclosures with line items, notices and reports), here in Node; a cheap Android phone is
 * several times slower, so the goal leaves room for that. Also the cost of one append.
 */
import { performance } from 'node:perf_hooks';
import {
  nextEntry,
  verifyChain,
  type ChainEntry,
  type EntryWithContent,
} from '../../cloudfunctions/common/chain/chain';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { appendPublic } from '../../cloudfunctions/record/public';

const RECORDS = 3_000;
const GOAL_VERIFY_MS = 1_500;
const APPENDS = 300;

function contentOf(i: number) {
  const items = Array.from({ length: 12 }, (_, k) => ({
    direction: k % 3 ? 'expense' : 'income',
    category: '管理费用',
    amountFen: 10_000 + i * 13 + k,
    note: `第${k + 1}笔：村道路保洁与路灯电费`,
  }));
  return { title: `第${i}期财务收支公开`, body: '现将本月收支公开如下，请村民监督。'.repeat(8), items };
}

export default async function main(): Promise<void> {
  const chain: EntryWithContent[] = [];
  let prev: ChainEntry | null = null;
  for (let i = 1; i <= RECORDS; i++) {
    const content = contentOf(i);
    prev = nextEntry(prev, {
      kind: 'disclosure',
      recordId: `d${i}`,
      version: 1,
      label: content.title,
      at: new Date(Date.UTC(2016, 0, 1) + i * 86_400_000).toISOString(),
      content,
    });
    chain.push({ entry: prev, content });
  }
  const t0 = performance.now();
  const v = verifyChain(chain);
  const verifyMs = performance.now() - t0;
  if (!v.ok) throw new Error('the benchmark chain should verify');

  const store = nedbStore();
  const clock = fixedClock('2026-03-05T02:00:00.000Z');
  const t1 = performance.now();
  for (let i = 0; i < APPENDS; i++)
    await appendPublic(store, {
      villageId: 'v',
      townId: 't',
      kind: 'notice',
      recordId: `n${i}`,
      version: 1,
      label: '通知',
      at: clock.now().toISOString(),
      content: contentOf(i),
    });
  const appendMs = (performance.now() - t1) / APPENDS;

  console.table([
    {
      measure: `verify ${RECORDS} records in the client`,
      goal: `< ${GOAL_VERIFY_MS} ms`,
      figure: `${verifyMs.toFixed(0)} ms`,
    },
    { measure: 'one append (embedded store)', goal: '< 10 ms', figure: `${appendMs.toFixed(2)} ms` },
  ]);
}
