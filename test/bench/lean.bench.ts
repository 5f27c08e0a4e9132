/**
 * Lean and flat, the first rows: what every villager downloads first (the weapp main package),
 * what the village home costs (store operations of its one call; the calls the page makes are
 * counted by the compiled mini-program test) and the cold start
 * of each cloud function (the time to require its deployed bundle in a fresh Node process).
 * Each row prints the goal, the figure measured in this run and the ratio figure / goal.
 *
 *   npx tsx test/bench/run.ts lean          (builds the weapp first: a few minutes)
 *   LEAN_BENCH_NO_BUILD=1 ...               (measures the weapp build already in dist/weapp)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { accountActions } from '../../cloudfunctions/account/actions';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { countingStore } from '../../cloudfunctions/common/store/port';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { seedDemoTown } from '../../cloudfunctions/local/seed';
import { votingRows } from './lean-vote';
import { printTable } from './lib';
import {
  DELIVERY_GOAL,
  deliveryFigures,
  INVOCATION_PEOPLE,
  invocation,
  loadNote,
  TOWN_PER_VILLAGE,
  TOWN_VILLAGES,
} from './report.bench';

const ROOT = resolve(__dirname, '..', '..');
const NOW = '2026-11-23T02:00:00.000Z';
const KB = 1024;
/** Fresh processes per function for the cold start; the median counts. */
const COLD_RUNS = 5;

interface Row {
  figure: string;
  goal: string;
  measured: string;
  ratio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function mainPackage(): Promise<Row> {
  if (!process.env.LEAN_BENCH_NO_BUILD) {
    execFileSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, stdio: 'ignore' });
  }
  const dist = join(ROOT, 'dist', 'weapp');
  if (!existsSync(join(dist, 'app.json'))) throw new Error('no weapp build in dist/weapp');
  const sizes = (await import(pathToFileURL(join(ROOT, 'config', 'package-size.mjs')).href)) as {
    packageSizes: (dir: string) => { main: number; subpackages: Record<string, number> };
    MAIN_LIMIT: number;
  };
  const { main, subpackages } = sizes.packageSizes(dist);
  console.log('\nweapp packages (KB)');
  printTable([
    { package: 'main', KB: main / KB },
    ...Object.entries(subpackages).map(([p, b]) => ({ package: p, KB: b / KB })),
  ]);
  return {
    figure: 'weapp main package',
    goal: `≤ ${sizes.MAIN_LIMIT / KB} KB`,
    measured: `${(main / KB).toFixed(1)} KB`,
    ratio: main / sizes.MAIN_LIMIT,
  };
}

/** The village home's one call as the demo resident: store operations, warm (the read model built). */
async function villageHome(): Promise<Row[]> {
  const store = countingStore(nedbStore());
  const env = { store, clock: fixedClock(NOW), ids: sequentialIds('b') };
  await seedDemoTown(store, NOW);
  const account = createRouter(accountActions);
  const disclosure = createRouter(disclosureActions);
  // Once to build the read model of a village seeded without it (publishing keeps it from then on).
  await account({ action: 'home', input: {} }, 'dev-resident', env);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    store.reset();
    const reply = await account({ action: 'home', input: {} }, 'dev-resident', env);
    if (!reply.ok) throw new Error(`account.home failed: ${reply.code}`);
    samples.push(store.ops());
  }
  const ops = Math.max(...samples);
  // Before: who I am, then the home (now also from the read model), two calls in series.
  store.reset();
  await account({ action: 'me', input: {} }, 'dev-resident', env);
  await disclosure({ action: 'home', input: {} }, 'dev-resident', env);
  const before = store.ops();
  console.log(
    `\nvillage home: account.home = ${ops} store operations (account.me then disclosure.home: ${before})`,
  );
  // The calls the home page makes: its loader asks account.home only, and the reply must carry
  // everything the page paints (the browser test counts the page's requests: exactly 1). Before,
  // the feed took three more calls (report.listNotices, report.listReports, survey.current).
  const reply = await account({ action: 'home', input: {} }, 'dev-resident', env);
  const home = reply.ok ? (reply.data as { home: { feed?: unknown; chain?: unknown } | null }).home : null;
  const calls = home && home.feed && 'chain' in home ? 1 : 4;
  console.log(`village home: ${calls} call(s) from the page (before: 4, the feed in three more)`);
  return [
    { figure: 'village home: store operations', goal: '≤ 3', measured: String(ops), ratio: ops / 3 },
    { figure: 'village home: calls', goal: '1', measured: String(calls), ratio: calls },
  ];
}

// Stands in for wx-server-sdk (the real one needs cloud credentials); required lazily anyway.
const FAKE_SDK = `module.exports = { DYNAMIC_CURRENT_ENV: Symbol('env'), init() {}, getWXContext() { return {}; }, database() { return {}; } };`;

/** Milliseconds to require each deployed bundle in a fresh Node process (median of COLD_RUNS). */
async function coldStarts(): Promise<Row> {
  const tmp = mkdtempSync(join(tmpdir(), 'lean-bench-'));
  try {
    const { buildFunctions } = (await import(
      pathToFileURL(join(ROOT, 'config', 'build-functions.mjs')).href
    )) as {
      buildFunctions: (o: { outDir: string }) => Promise<{ name: string; bundle: string; bytes: number }[]>;
    };
    const built = await buildFunctions({ outDir: tmp });
    mkdirSync(join(tmp, 'node_modules', 'wx-server-sdk'), { recursive: true });
    writeFileSync(join(tmp, 'node_modules', 'wx-server-sdk', 'index.js'), FAKE_SDK);
    const script = `const t = process.hrtime.bigint(); require(process.argv[1]); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
    const rows = built.map((f) => {
      const ms: number[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        const r = spawnSync(process.execPath, ['-e', script, f.bundle], { cwd: tmp, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`requiring ${f.name} failed: ${r.stderr}`);
        ms.push(Number(r.stdout));
      }
      return { fn: f.name, 'bundle KB': f.bytes / KB, 'require ms (median)': median(ms) };
    });
    console.log(`\ncold start: require of each deployed bundle, median of ${COLD_RUNS} fresh processes`);
    printTable(rows);
    const assessment = rows.find((r) => r.fn === 'assessment');
    if (!assessment) throw new Error('no assessment function built');
    const others = median(rows.filter((r) => r.fn !== 'assessment').map((r) => r['require ms (median)']));
    const ms = assessment['require ms (median)'];
    return {
      figure: 'assessment cold start (require)',
      goal: `like the others (${others.toFixed(1)} ms)`,
      measured: `${ms.toFixed(1)} ms`,
      ratio: ms / others,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Report delivery in one timer invocation, sender 200 ms, database 15 ms per operation: one
 * village of INVOCATION_PEOPLE, and a town's month (every village's report at once).
 */
async function delivery(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [label, people, villages] of [
    ['1 village', INVOCATION_PEOPLE, 1],
    [`${TOWN_VILLAGES} villages`, TOWN_VILLAGES * TOWN_PER_VILLAGE, TOWN_VILLAGES],
  ] as const) {
    const load = loadNote();
    const inv = await invocation(people, 200, 15, villages);
    const f = deliveryFigures(inv);
    console.log(
      `\ndelivery, ${label}: ${inv.sent} sent in ${inv.secs.toFixed(1)} s of ${people} waiting, ${f.opsPerMessage.toFixed(3)} store ops/message (${f.sendOpsPerMessage.toFixed(3)} besides planning), ${f.cpuMsPerMessage.toFixed(3)} CPU ms/message, ${inv.twice} received twice; ${load}`,
    );
    rows.push({
      figure: `delivery per 60 s invocation (${label})`,
      goal: `≥ ${DELIVERY_GOAL}, none twice`,
      measured: `${inv.sent}${inv.twice ? ` (${inv.twice} twice)` : ''}; ${f.sendOpsPerMessage.toFixed(3)} ops, ${f.cpuMsPerMessage.toFixed(2)} CPU ms /msg`,
      ratio: f.ratio,
    });
  }
  return rows;
}

export default async function run(): Promise<void> {
  const rows: Row[] = [];
  rows.push(await mainPackage());
  rows.push(...(await villageHome()));
  rows.push(...(await votingRows()));
  rows.push(...(await delivery()));
  rows.push(await coldStarts());
  console.log('\nLean and flat: goal, figure measured in this run, ratio figure / goal');
  printTable(
    rows.map((r) => ({ figure: r.figure, goal: r.goal, measured: r.measured, ratio: r.ratio })),
    2,
  );
  console.log('\nfigure | goal | measured | ratio');
  for (const r of rows) console.log(`${r.figure} | ${r.goal} | ${r.measured} | ${r.ratio.toFixed(2)}`);
}
