/**
 * Opening a 五好 round: time and store operations to open one village of 2,000 voters (the
 * embedded store on disk, order-free files) and a town of 66 villages of 800 (in memory),
 * before (every entry and answer slot inserted on its own, 20 at a time) and after (batch
 * inserts: one write of the whole batch on the embedded store, calls of 500 documents on the
 * cloud database). Store operations are what the cloud database would be asked (a batch counts
 * one per 500 documents); round trips in series are those operations as the opening waits for
 * them (20 single inserts, or 4 batches, at once). The open call prepares for 30 s at most; the
 * rounds it leaves 正在准备 are opened by the survey's timer, run here tick after tick. Figures
 * only, no verdicts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chinaDateKey, systemClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import {
  addMany,
  BATCH_DOCS,
  countingStore,
  type Doc,
  type Store,
} from '../../cloudfunctions/common/store/port';
import { WX_BATCHES_IN_FLIGHT } from '../../cloudfunctions/common/store/wx';
import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { surveyActions } from '../../cloudfunctions/survey/actions';
import { continueOpenings, OPEN_CALL_BUDGET_MS } from '../../cloudfunctions/survey/opening';
import { printTable } from './lib';

/** Single inserts the opening kept in flight before batches. */
const SINGLE_WIDTH = 20;
/** An assumed cloud database round trip, for the estimate column only. */
const ASSUMED_RTT_MS = 50;

async function seedTown(store: Store, villageCount: number, residents: number): Promise<void> {
  await towns(store).insert({ _id: 't1', name: '清河镇' });
  const now = new Date().toISOString();
  for (let v = 0; v < villageCount; v++) {
    const villageId = `v${String(v).padStart(3, '0')}`;
    await villages(store).insert({ _id: villageId, name: `${v}村`, townId: 't1', trackingSince: '2025-11' });
    const people: Doc[] = Array.from({ length: residents }, (_, n) => ({
      _id: `${villageId}-r${n}`,
      name: `村民${n}`,
      townId: 't1',
      villageId,
      roles: n % 20 === 0 ? ['resident', 'representative'] : ['resident'],
      boundAt: now,
      via: 'seed',
    }));
    await addMany(users(store) as never, people);
  }
  await users(store).insert({
    _id: 'town',
    name: '镇管理员',
    townId: 't1',
    villageId: null,
    roles: ['townAdmin'],
    boundAt: now,
    via: 'seed',
  });
}

/** The store as the opening used it before batch inserts: no batch, single inserts. */
const singles = (inner: Store): Store => ({
  collection: <T extends Doc>(name: string) => ({ ...inner.collection<T>(name), insertMany: undefined }),
});

interface Figure {
  /** The open call. */
  ms: number;
  /** The open call and the timer ticks it took to open every round. */
  totalMs: number;
  ticks: number;
  ops: number;
  docs: number;
  opened: number;
  preparing: number;
}

async function openTown(store: Store, batched: boolean): Promise<Figure> {
  const counting = countingStore(batched ? store : singles(store));
  const handle = createRouter(surveyActions);
  const periodKey = chinaDateKey(new Date()).slice(0, 4);
  const env = { store: counting, clock: systemClock, ids: sequentialIds('b') };
  const started = performance.now();
  const r = (await handle({ action: 'openRound', input: { periodKey } }, 'town', env)) as
    | { ok: true; data: SurveyOutputs['openRound'] }
    | { ok: false; code: string; message: string };
  const ms = performance.now() - started;
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  let ticks = 0;
  for (let left = r.data.preparing; left > 0; ticks++)
    left = (await continueOpenings(counting, () => systemClock.now())).waiting;
  const totalMs = performance.now() - started;
  const docs =
    (await store.collection('surveyVoters').count({})) + (await store.collection('surveyAnswers').count({}));
  return {
    ms,
    totalMs,
    ticks,
    ops: counting.ops(),
    docs,
    opened: r.data.opened.length - r.data.preparing,
    preparing: r.data.preparing,
  };
}

function row(label: string, goal: string, f: Figure, batched: boolean): Record<string, string | number> {
  const width = batched ? WX_BATCHES_IN_FLIGHT * BATCH_DOCS : SINGLE_WIDTH;
  const serial = Math.ceil(f.docs / width) + (f.ops - Math.ceil(f.docs / (batched ? BATCH_DOCS : 1)));
  return {
    opening: label,
    goal,
    'open call s': f.ms / 1000,
    'open / preparing': `${f.opened} / ${f.preparing}`,
    'all open s': f.totalMs / 1000,
    'timer ticks': f.ticks,
    'store ops': f.ops,
    'docs written': f.docs,
    'round trips in series (approx.)': serial,
    [`cloud est. s at ${ASSUMED_RTT_MS} ms`]: (serial * ASSUMED_RTT_MS) / 1000,
  };
}

async function village2000OnDisk(batched: boolean): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-open-'));
  const store = nedbStore(dir);
  try {
    await seedTown(store, 1, 2_000);
    return await openTown(store, batched);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function townInMemory(batched: boolean): Promise<Figure> {
  const store = nedbStore();
  await seedTown(store, 66, 800);
  return openTown(store, batched);
}

export default async function run(): Promise<void> {
  const goal = `one call (${OPEN_CALL_BUDGET_MS / 1000} s of 60 s), rest by the timer`;
  const rows = [
    row('2,000 voters, on disk, before', goal, await village2000OnDisk(false), false),
    row('2,000 voters, on disk, after', goal, await village2000OnDisk(true), true),
    row('66 x 800, in memory, before', goal, await townInMemory(false), false),
    row('66 x 800, in memory, after', goal, await townInMemory(true), true),
  ];
  printTable(rows, 1);
  console.log(
    `round trips in series: ${SINGLE_WIDTH} single inserts or ${WX_BATCHES_IN_FLIGHT} batches of ${BATCH_DOCS} at once, plus the reads and writes around them; the estimate assumes ${ASSUMED_RTT_MS} ms a round trip (not measured).`,
  );
}
