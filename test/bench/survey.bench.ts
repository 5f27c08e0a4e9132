/**
 * 五好 survey costs. (1) Reading a closed round's results at 100, 1,000 and 10,000 ballots
 * against a full recount of the same round: the kept tallies make a read cost the same at any
 * size (store operations and time), while a recount grows with the answers (one stored answer
 * per indicator answered, read in pages; the embedded store scans where the cloud database
 * uses its index, so the recount's time here is a ceiling). (2) Voting on the local runtime
 * over loopback with concurrent voters: store operations and CPU per ballot, ballots/s and
 * latency percentiles. Ballots for (1) are written
 * straight into the store as voting leaves them (entries marked as voted, filled answers and
 * the tally they add up to). Figures only, no verdicts.
 */
import { performance } from 'node:perf_hooks';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { randomIds, sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { countingStore, type Store } from '../../cloudfunctions/common/store/port';
import { surveyActions } from '../../cloudfunctions/survey/actions';
import { sealIndicators } from '../../cloudfunctions/survey/ballots';
import { FIVE_GOOD_INDICATORS, type Answers } from '../../cloudfunctions/survey/domain/indicators';
import { addBallot, emptyTally } from '../../cloudfunctions/survey/domain/tally';
import { answersOf, roundsOf, talliesOf, votersOf } from '../../cloudfunctions/survey/store';
import { voteRun } from './lean-vote';
import { benchTown, percentile, printTable } from './lib';

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

/**
 * Voting on the local runtime over loopback at each level of concurrency, in memory: the same
 * runner as the lean bench (voters in a child process, so client and server do not share a CPU
 * queue), every tenth voter tapping twice, the kept tally checked against a recount.
 */
async function voteThroughput(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const concurrency of LEVELS) {
    const r = await voteRun({ voters: VOTERS_PER_LEVEL, concurrency, onDisk: false });
    rows.push({
      concurrency,
      counted: r.counted,
      refused: r.refused,
      errors: r.errors,
      'ballots/s': r.ballotsPerSecond,
      'p50 ms': r.p50,
      'p95 ms': r.p95,
      'store ops/ballot': r.opsPerBallot,
      'CPU ms/ballot': r.cpuMsPerBallot,
      'tally = recount': r.consistent ? 'yes' : 'NO',
    });
  }
  console.log('\nVoting on the local runtime over loopback, in memory (voters in another process):');
  printTable(rows, 1);
}

export default async function surveyBench(): Promise<void> {
  await readCost();
  await voteThroughput();
}
