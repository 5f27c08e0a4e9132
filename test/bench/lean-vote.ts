/**
 * Voting at the goal of issue 15: ballots per second and p95 on the local runtime over loopback,
 * file-backed as it runs for people (the survey's files kept order-free), concurrency 8.
 * Every eligible voter submits once and every tenth taps twice (refused); afterwards the kept
 * tally must equal a recount. Used by lean.bench.ts; figures only, no verdicts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { startLocalRuntime } from '../../cloudfunctions/local/server';
import { callOnce, percentile } from './lib';

const NOW = '2026-11-23T02:00:00.000Z';

export interface VoteFigures {
  store: string;
  voters: number;
  concurrency: number;
  counted: number;
  refused: number;
  errors: number;
  ballotsPerSecond: number;
  p50: number;
  p95: number;
  opsPerBallot: number;
  /** CPU time of this process (client and server) per ballot: what the figure costs, less the noise. */
  cpuMsPerBallot: number;
  consistent: boolean;
}

export async function voteRun(opts: {
  voters: number;
  concurrency: number;
  onDisk: boolean;
  /** Called around the voting alone (a profiler, say). */
  around?: { before(): Promise<void>; after(): Promise<void> };
}): Promise<VoteFigures> {
  const dir = opts.onDisk ? mkdtempSync(join(tmpdir(), 'lean-vote-')) : null;
  const rt = await startLocalRuntime({ dataDir: dir, seed: false, clock: fixedClock(NOW) });
  try {
    const villageId = 'vote';
    await towns(rt.store).insert({ _id: 'tb', name: '基准镇' });
    await villages(rt.store).insert({
      _id: villageId,
      name: '基准村',
      townId: 'tb',
      trackingSince: '2025-11',
    });
    const person = { townId: 'tb', villageId, boundAt: NOW, via: 'seed' as const };
    await users(rt.store).insert({
      _id: 'bench-town',
      name: '镇管理员',
      ...person,
      villageId: null,
      roles: ['townAdmin'],
    });
    const voters = Array.from({ length: opts.voters }, (_, i) => `p${i}`);
    for (const id of voters)
      await users(rt.store).insert({ _id: id, name: '村民', ...person, roles: ['resident'] });
    const opened = await callOnce<{ opened: { id: string }[] }>(rt, {
      label: 'open',
      fn: 'survey',
      action: 'openRound',
      persona: 'bench-town',
      input: { villageIds: [villageId], periodKey: '2026-Q3' },
    });
    const roundId = opened.data?.opened[0]?.id;
    if (!opened.ok || !roundId) throw new Error(`openRound failed: ${opened.code}`);
    const answers = {
      partyVanguard: 'agree',
      openAffairs: 'satisfied',
      supervision: 'fairly',
      harmony: 'satisfied',
    };
    const queue = voters.flatMap((v, i) => (i % 10 === 0 ? [v, v] : [v]));
    const latencies: number[] = [];
    let counted = 0;
    let refused = 0;
    let errors = 0;
    let next = 0;
    rt.store.reset();
    await opts.around?.before();
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (next < queue.length) {
          const persona = queue[next++] as string;
          const t0 = performance.now();
          const r = await callOnce(rt, {
            label: 'vote',
            fn: 'survey',
            action: 'vote',
            persona,
            input: { roundId, answers },
          });
          latencies.push(performance.now() - t0);
          if (r.ok) counted++;
          else if (r.code === 'ALREADY_VOTED') refused++;
          else errors++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    await opts.around?.after();
    const ops = rt.store.ops();
    const check = await callOnce<{ consistent: boolean }>(rt, {
      label: 'recount',
      fn: 'survey',
      action: 'recount',
      persona: 'bench-town',
      input: { roundId },
    });
    return {
      store: opts.onDisk ? 'file-backed' : 'in memory',
      voters: opts.voters,
      concurrency: opts.concurrency,
      counted,
      refused,
      errors,
      ballotsPerSecond: counted / elapsed,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      opsPerBallot: ops / Math.max(1, counted),
      cpuMsPerBallot: (cpu.user + cpu.system) / 1000 / Math.max(1, counted),
      consistent: !!(check.ok && check.data?.consistent),
    };
  } finally {
    await rt.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
