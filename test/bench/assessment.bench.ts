/**
 * The town dashboard of the 清廉村居 index at 66 villages (a town like 鲍沟镇) and 2,000 villages
 * (a district): latency of one `dashboard` call and the store operations it costs, with three
 * years of per-village summaries and a year of supervision ledgers in place. Also the cost of one
 * self-assessment save, which keeps the summary current; and the first page of the 示范点 list
 * (`demonstration`, read by the key each village keeps on write), next to reading the latest
 * survey round of every village (two closed rounds per village in place) batched and one village
 * at a time, as the list did before it kept its keys.
 * In-memory embedded store: the figures
 * compare sizes, they do not predict cloud latency (there, each operation is a network round trip,
 * so the operation count is the figure to watch).
 */
import { createAssessmentActions } from '../../cloudfunctions/assessment/actions';
import { productSources } from '../../cloudfunctions/assessment/ports';
import { keepDemonstrationSummary } from '../../cloudfunctions/assessment/demonstrationKeys';
import { demonstrationSurvey, loadRules } from '../../cloudfunctions/assessment/sheet';
import { keepTownStandingKeys, schemeOrNull } from '../../cloudfunctions/assessment/standingKeys';
import { summariesOf, type SummaryDoc } from '../../cloudfunctions/assessment/store';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { Dashboard, Demonstration } from '../../cloudfunctions/common/contracts/assessment';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { createRouter } from '../../cloudfunctions/common/router';
import { countingStore, findAll, type Store } from '../../cloudfunctions/common/store/port';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { BAOGOU_SCHEME, DEMO_SCHEDULE, wuqingStandard } from '../../cloudfunctions/local/seed-assessment';
import { FIVE_GOOD_INDICATORS, type Answers } from '../../cloudfunctions/survey/domain/indicators';
import { recount } from '../../cloudfunctions/survey/domain/tally';
import { latestSurveyResults } from '../../cloudfunctions/survey/public';
import { roundsOf, talliesOf } from '../../cloudfunctions/survey/store';

const NOW = '2026-11-23T02:00:00.000Z';
const RUNS = 15;
const TIERS = ['exemplary', 'qualified', 'improving', 'developing'];
const UNITS = ['jiwei', 'dangjian', 'jingguan'];

async function town(n: number) {
  const inner = nedbStore();
  const store = countingStore(inner);
  const townId = `bench-${n}`;
  await towns(inner).insert({ _id: townId, name: `测试镇（${n} 村）` });
  await users(inner).insert({
    _id: 'admin',
    name: '管理员',
    townId,
    villageId: null,
    roles: ['townAdmin'],
    boundAt: NOW,
    via: 'seed',
  });
  await users(inner).insert({
    _id: 'cadre',
    name: '村干部',
    townId,
    villageId: `${townId}-v0`,
    roles: ['cadre'],
    boundAt: NOW,
    via: 'seed',
  });
  for (let i = 0; i < n; i++) {
    await villages(inner).insert({
      _id: `${townId}-v${i}`,
      name: `第${i + 1}村`,
      townId,
      trackingSince: '2025-11',
    });
  }
  const handle = createRouter(
    createAssessmentActions({
      disclosures: async (_s, _v, window) => ({
        ...window,
        periods: [],
        counts: { due: 0, onTime: 0, late: 0, missing: 0 },
      }),
      survey: async () => null,
      surveys: productSources.surveys,
      publications: async () => ({ reportMonths: [], noticeMonths: [], notices: 0 }),
    }),
  );
  const env = { store, clock: fixedClock(NOW), ids: sequentialIds('b') };
  const call = async (who: string, action: string, input: unknown) => {
    const r = await handle({ action, input }, who, env);
    if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
    return r.data;
  };
  await call('admin', 'saveScheme', BAOGOU_SCHEME);
  for (const y of [2024, 2025]) await call('admin', 'saveStandard', wuqingStandard(y));
  await call('admin', 'saveStandard', wuqingStandard(2026, DEMO_SCHEDULE));
  // Three years of summaries and a year of ledgers, as the actions would have left them.
  for (let i = 0; i < n; i++) {
    for (const year of [2024, 2025, 2026]) {
      const ledger: SummaryDoc['ledger'] = {};
      if (year === 2026) {
        for (let m = 4; m <= 10; m++) {
          const month = `2026-${String(m).padStart(2, '0')}`;
          ledger[month] = Object.fromEntries(
            UNITS.filter((_, u) => (i + m + u) % 17 !== 0).map((u) => [
              u,
              (i + m) % 23 === 0 ? 'late' : 'onTime',
            ]),
          );
        }
      }
      const score = 60 + ((i * 7 + year) % 40);
      await summariesOf(inner).insert({
        _id: `${townId}-v${i}.${year}`,
        townId,
        villageId: `${townId}-v${i}`,
        year,
        state: year < 2026 || i % 3 === 0 ? 'confirmed' : 'submitted',
        total: score,
        selfTotal: score,
        tierKey: TIERS[(i + year) % 4]!,
        tierConfirmed: year < 2026 || i % 3 === 0,
        vetoes: i % 50 === 0 ? ['发生侵占、挪用集体“三资”问题'] : [],
        submittedAt: NOW,
        ledger,
        updatedAt: NOW,
      });
    }
  }
  await seedSurveys(inner, townId, n);
  // Each village's place in the 示范点 list, as its summary's write keeps it.
  for (const s of await findAll(summariesOf(inner), { townId, year: 2026 })) {
    await keepDemonstrationSummary(
      inner,
      { _id: s.villageId, townId },
      2026,
      s,
      FIVE_GOOD_INDICATORS,
      () => demonstrationSurvey(productSources.surveys, inner, s.villageId, 2026),
      NOW,
    );
  }
  // The board's keys, as the summaries' writes keep them.
  await keepTownStandingKeys(
    inner,
    townId,
    schemeOrNull((y) => loadRules(inner, townId, y)),
  );
  return { store, call, townId };
}

/** Two closed rounds of the 五好 survey per village (2026-Q2 and Q3), 40 ballots each. */
async function seedSurveys(store: Store, townId: string, n: number) {
  const approving: Answers = Object.fromEntries(
    FIVE_GOOD_INDICATORS.map((i) => [i.id, i.options.find((o) => o.approves)!.key]),
  );
  const rejecting: Answers = Object.fromEntries(
    FIVE_GOOD_INDICATORS.map((i) => [i.id, i.options.find((o) => !o.approves)!.key]),
  );
  for (let i = 0; i < n; i++) {
    const villageId = `${townId}-v${i}`;
    for (const [periodKey, closedAt] of [
      ['2026-Q2', '2026-07-05T02:00:00.000Z'],
      ['2026-Q3', '2026-10-08T02:00:00.000Z'],
    ] as const) {
      const roundId = `${villageId}:${periodKey}`;
      const misses = (i % 7) + (periodKey === '2026-Q3' ? 0 : 3);
      const ballots = Array.from({ length: 40 }, (_, b) => (b < misses ? rejecting : approving));
      await talliesOf(store).insert({
        _id: roundId,
        roundId,
        ...recount(FIVE_GOOD_INDICATORS, ballots),
        closed: true,
      });
      await roundsOf(store).insert({
        _id: roundId,
        villageId,
        townId,
        periodKey,
        status: 'closed',
        indicators: FIVE_GOOD_INDICATORS,
        eligible: Object.fromEntries(FIVE_GOOD_INDICATORS.map((x) => [x.id, 50])),
        eligibleVoters: 50,
        minGroup: 5,
        openedAt: '2026-06-20T02:00:00.000Z',
        openedBy: 'bench',
        closedAt,
        closedBy: 'bench',
      });
    }
  }
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Latency samples (ms) and the store operations of the last run of `f`. */
async function measure(
  store: ReturnType<typeof countingStore>,
  runs: number,
  f: () => Promise<unknown>,
): Promise<{ p50: number; p95: number; ops: number }> {
  const times: number[] = [];
  let ops = 0;
  for (let r = 0; r < runs; r++) {
    store.reset();
    const t = process.hrtime.bigint();
    await f();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    ops = store.ops();
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95), ops };
}

export default async function run() {
  const rows: { villages: number; p50: number; p95: number; ops: number; saveOps: number; bytes: number }[] =
    [];
  const demo: {
    villages: number;
    list: { p50: number; p95: number; ops: number };
    oneByOne: { p50: number; p95: number; ops: number };
    eligible: number;
  }[] = [];
  for (const n of [66, 2000]) {
    const { store, call, townId } = await town(n);
    const times: number[] = [];
    let ops = 0;
    let bytes = 0;
    for (let r = 0; r < RUNS; r++) {
      store.reset();
      const t = process.hrtime.bigint();
      const d = (await call('admin', 'dashboard', {})) as Dashboard;
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      ops = store.ops();
      bytes = JSON.stringify(d).length;
      if (d.villageTotal !== n || d.villages.length !== Math.min(n, 50))
        throw new Error(`dashboard lists ${d.villages.length} of ${n} villages`);
    }
    store.reset();
    await call('cadre', 'saveSelf', { entries: [{ kind: 'item', id: 'team_study', score: 5 }] });
    const saveOps = store.ops();
    times.sort((a, b) => a - b);
    rows.push({ villages: n, p50: pct(times, 50), p95: pct(times, 95), ops, saveOps, bytes });

    let eligible = 0;
    const list = await measure(store, RUNS, async () => {
      const d = (await call('admin', 'demonstration', {})) as Demonstration;
      if (d.villageTotal !== n || d.villages.length !== Math.min(n, 50))
        throw new Error(`demonstration lists ${d.villages.length} of ${n} on its first page`);
      eligible = d.eligible;
    });
    // The survey reads as they were before batching: one village at a time.
    const ids = Array.from({ length: n }, (_, i) => `${townId}-v${i}`);
    const oneByOne = await measure(store, Math.min(RUNS, 5), () =>
      Promise.all(ids.map((id) => latestSurveyResults(store, [id]))),
    );
    const batched = await latestSurveyResults(store, ids);
    const single = await Promise.all(ids.map((id) => latestSurveyResults(store, [id])));
    if (
      JSON.stringify(single.map((m, i) => m.get(ids[i]!))) !==
      JSON.stringify(ids.map((id) => batched.get(id)))
    )
      throw new Error('batched survey results differ from one village at a time');
    demo.push({ villages: n, list, oneByOne, eligible });
  }
  console.log(
    'villages | dashboard p50 ms | p95 ms | store ops per dashboard | first page KB | store ops per self-assessment save',
  );
  for (const r of rows) {
    console.log(
      `${String(r.villages).padStart(8)} | ${r.p50.toFixed(1).padStart(16)} | ${r.p95.toFixed(1).padStart(6)} | ${String(r.ops).padStart(23)} | ${(r.bytes / 1024).toFixed(0).padStart(8)} | ${String(r.saveOps).padStart(5)}`,
    );
  }
  const [a, b] = rows;
  if (!a || !b) throw new Error('both sizes measured');
  console.log(
    `2,000 / 66 villages: ${(b.villages / a.villages).toFixed(1)}x villages -> ${(b.p50 / a.p50).toFixed(1)}x latency (p50), ${(b.ops / a.ops).toFixed(1)}x store operations`,
  );
  console.log(
    '\nvillages | 示范点 list p50 ms | p95 ms | store ops | eligible | survey one village at a time: p50 ms | store ops',
  );
  for (const r of demo) {
    console.log(
      `${String(r.villages).padStart(8)} | ${r.list.p50.toFixed(1).padStart(17)} | ${r.list.p95.toFixed(1).padStart(6)} | ${String(r.list.ops).padStart(9)} | ${String(r.eligible).padStart(8)} | ${r.oneByOne.p50.toFixed(1).padStart(36)} | ${String(r.oneByOne.ops).padStart(9)}`,
    );
  }
  const [c, d] = demo;
  if (!c || !d) throw new Error('both sizes measured');
  console.log(
    `示范点 list, 2,000 / 66 villages: ${(d.list.p50 / c.list.p50).toFixed(1)}x latency (p50), ${(d.list.ops / c.list.ops).toFixed(1)}x store operations; at 2,000 villages a page of the list costs ${d.list.ops} operations, reading every village's survey one at a time ${d.oneByOne.ops}`,
  );
}
