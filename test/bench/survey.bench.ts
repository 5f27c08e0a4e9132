/**
 * 五好 survey costs. (1) Reading a closed round's results at 100, 1,000 and 10,000 ballots
 * against a full recount of the same round: the kept tallies make a read cost the same at any
 * size (store operations and time), while a recount grows with the answers (one stored answer
 * per indicator answered, read in pages; the embedded store scans where the cloud database
 * uses its index, so the recount's time here is a ceiling). (2) Opening and voting on the local
 * runtime over loopback with concurrent voters: store operations per eligible person at
 * opening and per ballot, ballots/s and latency percentiles. Ballots for (1) are written
 * straight into the store as voting leaves them (entries marked as voted, filled answers and
 * the tally they add up to). Figures only, no verdicts.
 */
import { performance } from 'node:perf_hooks';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { randomIds, sequentialIds } from '../../cloudfunctions/common/ids';
import { users } from '../../cloudfunctions/common/identity';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { countingStore, type Store } from '../../cloudfunctions/common/store/port';
import { startLocalRuntime } from '../../cloudfunctions/local/server';
import { surveyActions } from '../../cloudfunctions/survey/actions';
import { sealIndicators } from '../../cloudfunctions/survey/ballots';
import { FIVE_GOOD_INDICATORS, type Answers } from '../../cloudfunctions/survey/domain/indicators';
import { addBallot, emptyTally } from '../../cloudfunctions/survey/domain/tally';
import { answersOf, roundsOf, talliesOf, votersOf } from '../../cloudfunctions/survey/store';
import { benchTown, callOnce, percentile, printTable } from './lib';

const NOW = '2026-11-23T02:00:00.000Z';
const SIZES = [100, 1_000, 10_000];
const READS = 50;
const VOTERS_PER_LEVEL = 1000;
const LEVELS = [8, 32];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A closed round of `n` ballots as voting leaves it: eligibility entries marked as voted,
 * filled answer slots (one per indicator answered) and the tally they add up to.
 */
async function closedRound(store: Store, townId: string, villageId: string, n: number): Promise<string> {
  const roundId = `${villageId}:2026-Q3:1`;
  const r = rng(n);
  const tally = emptyTally(FIVE_GOOD_INDICATORS);
  for (let i = 0; i < n; i++) {
    const a: Answers = {};
    for (const ind of FIVE_GOOD_INDICATORS) {
      if (ind.id === 'cadreIntegrity' && i % 10) continue;
      a[ind.id] = ind.options[Math.floor(r() * ind.options.length)]!.key;
    }
    addBallot(tally, a);
    await votersOf(store).insert({
      _id: `${roundId}:${randomIds.next()}`,
      roundId,
      sealed: sealIndicators(Object.keys(a)),
      voted: true,
    });
    for (const [indicatorId, option] of Object.entries(a)) {
      await answersOf(store).insert({ _id: randomIds.next(), roundId, indicatorId, option });
    }
  }
  await talliesOf(store).insert({ _id: roundId, roundId, ...tally, closed: true });
  await roundsOf(store).insert({
    _id: roundId,
    villageId,
    townId,
    periodKey: '2026-Q3',
    status: 'closed',
    indicators: FIVE_GOOD_INDICATORS,
    eligible: Object.fromEntries(FIVE_GOOD_INDICATORS.map((i) => [i.id, n])),
    eligibleVoters: n,
    minGroup: 5,
    openedAt: NOW,
    openedBy: 'bench',
    closedAt: NOW,
    closedBy: 'bench',
  });
  return roundId;
}

async function readCost(): Promise<void> {
  const store = countingStore(nedbStore());
  const { townId, villageIds } = await benchTown(SIZES.length, NOW, store);
  const handle = createRouter(surveyActions);
  const env = { store, clock: fixedClock(NOW), ids: sequentialIds('b') };
  const rows: Record<string, string | number>[] = [];
  for (const [k, n] of SIZES.entries()) {
    const t0 = performance.now();
    const roundId = await closedRound(store, townId, villageIds[k]!, n);
    const seeded = performance.now() - t0;
    const timed = async (action: string, times: number) => {
      const samples: number[] = [];
      store.reset();
      for (let i = 0; i < times; i++) {
        const s = performance.now();
        const reply = await handle({ action, input: { roundId } }, 'admin', env);
        if (!reply.ok) throw new Error(`${action}: ${reply.code} ${reply.message}`);
        samples.push(performance.now() - s);
      }
      return { median: percentile(samples, 50), ops: store.ops() / times };
    };
    const read = await timed('results', READS);
    const full = await timed('recount', n >= 10_000 ? 2 : 5);
    rows.push({
      ballots: n,
      'seed s': seeded / 1000,
      'results ms': read.median,
      'results ops': read.ops,
      'recount ms': full.median,
      'recount ops': full.ops,
      'recount/results': full.median / read.median,
    });
  }
  console.log('\nReading results (median of calls in-process, embedded store in memory):');
  printTable(rows, 2);
}

async function voteThroughput(): Promise<void> {
  const rt = await startLocalRuntime({ dataDir: null, seed: false, clock: fixedClock(NOW) });
  try {
    const { townId, villageIds } = await benchTown(LEVELS.length, NOW, rt.store);
    const rows: Record<string, string | number>[] = [];
    for (const [k, concurrency] of LEVELS.entries()) {
      const villageId = villageIds[k]!;
      const voters = Array.from({ length: VOTERS_PER_LEVEL }, (_, i) => `${villageId}-p${i}`);
      for (const id of voters) {
        await users(rt.store).insert({
          _id: id,
          name: '村民',
          townId,
          villageId,
          roles: ['resident'],
          boundAt: NOW,
          via: 'seed',
        });
      }
      rt.store.reset();
      const opened = await callOnce<{ opened: { id: string }[] }>(rt, {
        label: 'open',
        fn: 'survey',
        action: 'openRound',
        persona: 'admin',
        input: { villageIds: [villageId], periodKey: '2026-Q4' },
      });
      if (!opened.ok || !opened.data?.opened[0]) throw new Error(`openRound failed: ${opened.code}`);
      const roundId = opened.data.opened[0].id;
      const openOps = rt.store.ops();
      const answers = {
        partyVanguard: 'agree',
        openAffairs: 'satisfied',
        supervision: 'fairly',
        harmony: 'satisfied',
      };
      // Every voter submits once, and every tenth voter taps twice (the second is refused).
      const queue = voters.flatMap((v, i) => (i % 10 === 0 ? [v, v] : [v]));
      const latencies: number[] = [];
      let counted = 0;
      let refused = 0;
      let errors = 0;
      let next = 0;
      rt.store.reset();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < queue.length) {
            const persona = queue[next++]!;
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
      const check = await callOnce<{ consistent: boolean; kept: number }>(rt, {
        label: 'recount',
        fn: 'survey',
        action: 'recount',
        persona: 'admin',
        input: { roundId },
      });
      rows.push({
        concurrency,
        submissions: queue.length,
        counted,
        refused,
        errors,
        'ballots/s': counted / elapsed,
        'p50 ms': percentile(latencies, 50),
        'p95 ms': percentile(latencies, 95),
        'open ops/voter': openOps / VOTERS_PER_LEVEL,
        'store ops/submission': rt.store.ops() / queue.length,
        'store ops/ballot': rt.store.ops() / Math.max(1, counted),
        'tally = recount': check.ok && check.data?.consistent ? 'yes' : 'NO',
      });
    }
    console.log('\nVoting on the local runtime over loopback (client and server share one Node process):');
    printTable(rows, 1);
  } finally {
    await rt.close();
  }
}

export default async function surveyBench(): Promise<void> {
  await readCost();
  await voteThroughput();
}
