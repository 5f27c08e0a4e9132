/**
 * 三务公开 under concurrent load on loopback: the village home, the disclosure list and the
 * town's status view of the demo town at concurrency 1, 8 and 32, then the town view of a
 * large town (66 villages, a year of disclosures each). Prints latency, throughput and store
 * operations per request. The client and the runtime share one Node process, so the figures
 * include the client's own work and compare levels rather than predict production latency.
 */
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { createRouter } from '../../cloudfunctions/common/router';
import type { Store } from '../../cloudfunctions/common/store/port';
import type { DisclosureOutputs } from '../../cloudfunctions/common/contracts/disclosure';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { addMonths, quarterEndMonth } from '../../cloudfunctions/common/periods';
import { startLocalRuntime, type LocalRuntime } from '../../cloudfunctions/local/server';
import { callOnce, load, printTable, rowOf, type Endpoint, type LoadResult } from './lib';

const NOW = '2026-11-23T02:00:00.000Z';
const LEVELS = [1, 8, 32];
const REQUESTS_PER_LEVEL = 400;
const MAX_MS_PER_LEVEL = 20_000;

const ENDPOINTS: Endpoint[] = [
  { label: 'disclosure.home', fn: 'disclosure', action: 'home', persona: 'dev-resident' },
  { label: 'disclosure.list', fn: 'disclosure', action: 'list', persona: 'dev-resident' },
  { label: 'disclosure.townStatus', fn: 'disclosure', action: 'townStatus', persona: 'dev-town' },
];

function failOnErrors(results: LoadResult[]) {
  const broken = results.filter((r) => r.errors > 0);
  if (broken.length) {
    throw new Error(
      broken.map((r) => `${r.label} @${r.concurrency}: ${r.errors} errors (${r.firstError})`).join('; '),
    );
  }
}

async function demoTown(): Promise<void> {
  const rt = await startLocalRuntime({ dataDir: null, seed: true, clock: fixedClock(NOW) });
  try {
    const results: LoadResult[] = [];
    for (const e of ENDPOINTS) {
      for (const concurrency of LEVELS) {
        results.push(
          await load(rt, e, {
            concurrency,
            requests: REQUESTS_PER_LEVEL,
            maxMs: MAX_MS_PER_LEVEL,
            warmup: 20,
          }),
        );
      }
    }
    console.log(`\nDemo town (6 villages), ${REQUESTS_PER_LEVEL} requests per level`);
    printTable(results.map(rowOf));

    console.log('\np95 at concurrency 32 against concurrency 1');
    printTable(
      ENDPOINTS.map((e) => {
        const one = results.find((r) => r.label === e.label && r.concurrency === 1)!;
        const many = results.find((r) => r.label === e.label && r.concurrency === 32)!;
        return { endpoint: e.label, 'p95 ms @1': one.p95, 'p95 ms @32': many.p95, ratio: many.p95 / one.p95 };
      }),
      2,
    );
    failOnErrors(results);
  } finally {
    await rt.close();
  }
}

const LARGE_VILLAGES = 66;
const LARGE_TOWN = 'town-bench';
const TRACKING_SINCE = '2025-11';

/**
 * A large town built through the real publish action: per village 12 monthly finance
 * disclosures with line items, quarterly 村务 and 党务, and a gap in every fifth village so
 * the status view has overdue villages to sort.
 */
async function buildLargeTown(store: Store): Promise<number> {
  await towns(store).insert({ _id: LARGE_TOWN, name: '大河镇' });
  await users(store).insert({
    _id: 'bench-town',
    name: '镇管理员',
    townId: LARGE_TOWN,
    villageId: null,
    roles: ['townAdmin'],
    boundAt: '2025-10-01T02:00:00.000Z',
    via: 'seed',
  });
  const clock = fixedClock(NOW);
  const ids = sequentialIds('bench');
  const publish = createRouter(disclosureActions);
  let published = 0;
  const post = async (villageId: string, at: string, input: Record<string, unknown>) => {
    clock.set(at);
    const reply = await publish(
      {
        action: 'publish',
        input: { requestId: `bench-${String(++published).padStart(5, '0')}`, villageId, ...input },
      },
      `bench-cadre-${villageId}`,
      { store, clock, ids },
    );
    if (!reply.ok) throw new Error(`publish failed: ${reply.code} ${reply.message}`);
  };
  const publishedAt = (month: string) => `${addMonths(month, 1)}-05T02:00:00.000Z`;

  for (let i = 0; i < LARGE_VILLAGES; i++) {
    const id = `bv-${String(i + 1).padStart(3, '0')}`;
    await villages(store).insert({
      _id: id,
      name: `第${i + 1}村`,
      townId: LARGE_TOWN,
      trackingSince: TRACKING_SINCE,
    });
    await users(store).insert({
      _id: `bench-cadre-${id}`,
      name: `第${i + 1}村干部`,
      townId: LARGE_TOWN,
      villageId: id,
      roles: ['cadre'],
      boundAt: '2025-10-01T02:00:00.000Z',
      via: 'seed',
    });
    for (let m = 0; m < 12; m++) {
      const month = addMonths(TRACKING_SINCE, m);
      if (i % 5 === 0 && m >= 10) continue;
      await post(id, publishedAt(month), {
        category: 'finance',
        title: `第${i + 1}村${month}财务公开`,
        periodKey: month,
        body: '本月村集体财务收支情况如下。',
        items: [
          { direction: 'income', category: '补助收入', amountFen: 3_000_000, note: '村级组织运转经费' },
          {
            direction: 'income',
            category: '发包及上交收入',
            amountFen: 1_200_000 + i * 100,
            note: '土地承包费',
          },
          { direction: 'expense', category: '管理费用', amountFen: 960_000, note: '误工补贴' },
          { direction: 'expense', category: '管理费用', amountFen: 45_050, note: '办公用品' },
          { direction: 'expense', category: '公益支出', amountFen: 250_000 + m * 100, note: '道路保洁' },
        ],
      });
    }
    for (const q of ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']) {
      for (const category of ['affairs', 'party']) {
        if (i % 7 === 0 && q === '2026-Q3' && category === 'affairs') continue;
        await post(id, publishedAt(quarterEndMonth(q)), {
          category,
          title: `第${i + 1}村${q}${category === 'affairs' ? '村务' : '党务'}公开`,
          periodKey: q,
          body: '本季度事项公开如下。',
        });
      }
    }
  }
  return published;
}

async function largeTown(): Promise<void> {
  const rt: LocalRuntime = await startLocalRuntime({ dataDir: null, seed: false, clock: fixedClock(NOW) });
  try {
    const t0 = Date.now();
    const published = await buildLargeTown(rt.store);
    console.log(
      `\nLarge town: ${LARGE_VILLAGES} villages, ${published} disclosures published in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    const e: Endpoint = {
      label: 'disclosure.townStatus',
      fn: 'disclosure',
      action: 'townStatus',
      persona: 'bench-town',
    };
    const sample = await callOnce<DisclosureOutputs['townStatus']>(rt, e);
    const listed = sample.data?.villages ?? [];
    console.log(
      `townStatus lists ${listed.length} villages on its first page, ${listed.filter((v) => v.state === 'overdue').length} overdue, ` +
        `reply ${(JSON.stringify(sample).length / 1024).toFixed(0)} KB`,
    );
    // The first page of the town (the whole town a page at a time: town.bench.ts).
    if (sample.data?.villageTotal !== LARGE_VILLAGES || listed.length !== Math.min(LARGE_VILLAGES, 20))
      throw new Error(`townStatus listed ${listed.length} villages of ${sample.data?.villageTotal}`);
    const results: LoadResult[] = [];
    for (const concurrency of [1, 8]) {
      results.push(await load(rt, e, { concurrency, requests: 200, maxMs: MAX_MS_PER_LEVEL, warmup: 5 }));
    }
    printTable(results.map(rowOf));
    failOnErrors(results);
  } finally {
    await rt.close();
  }
}

export default async function disclosureBench(): Promise<void> {
  await demoTown();
  await largeTown();
}
