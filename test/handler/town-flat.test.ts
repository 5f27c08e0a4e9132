/**
 * Every town-wide view flat: each reads a page of villages at a time (cursor paging), every
 * village exactly once across the pages, from summaries kept on write that equal a recount from
 * their source; and the store operations of one call do not grow with the town (counted with a
 * counting store at 66 and at 300 villages: operations, never time).
 */
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { createRouter, type ActionMap, type Env } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { countingStore, type Store } from '../../cloudfunctions/common/store/port';
import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { surveyActions } from '../../cloudfunctions/survey/actions';
import { assessmentActions } from '../../cloudfunctions/assessment/actions';
import type { Dashboard, LedgerView } from '../../cloudfunctions/common/contracts/assessment';
import { writeSummary } from '../../cloudfunctions/assessment/sheet';
import { summariesOf, townSummariesOf } from '../../cloudfunctions/assessment/store';
import { totalsOf } from '../../cloudfunctions/assessment/townSummary';
import type { ReportOutputs } from '../../cloudfunctions/common/contracts/report';
import { reportActions } from '../../cloudfunctions/report/actions';
import { BAOGOU_SCHEME, wuqingStandard } from '../../cloudfunctions/local/seed-assessment';
import { recountRound } from '../../cloudfunctions/survey/ballots';
import { recountComparison } from '../../cloudfunctions/survey/comparison';
import { FIVE_GOOD_INDICATORS } from '../../cloudfunctions/survey/domain/indicators';
import { indicatorResults, summaryOf } from '../../cloudfunctions/survey/read';
import { comparisonsOf, roundsOf, talliesOf } from '../../cloudfunctions/survey/store';
import type { CadenceStatus } from '../../cloudfunctions/common/contracts/disclosure';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { cadenceOf } from '../../cloudfunctions/disclosure/reads';

const NOW = '2026-11-23T02:00:00.000Z';
const TOWN = 'tf';
const ADMIN = 'flat-admin';
const vid = (i: number) => `fv${String(i).padStart(4, '0')}`;
const cadre = (i: number) => `flat-cadre-${i}`;

/** A town of `n` villages tracked from 2026-01, a town admin, and a cadre in each of the first few. */
export async function flatTown(n: number, cadres = 3) {
  const store = countingStore(nedbStore());
  const clock = fixedClock(NOW);
  const env: Env = { store, clock, ids: sequentialIds('f') };
  await towns(store).insert({ _id: TOWN, name: '平镇' });
  const user = (id: string, villageId: string | null, roles: string[]) =>
    users(store).insert({
      _id: id,
      name: '测试',
      townId: TOWN,
      villageId,
      roles: roles as never,
      boundAt: NOW,
      via: 'seed',
    });
  await user(ADMIN, null, ['townAdmin']);
  for (let i = 0; i < n; i++) {
    await villages(store).insert({
      _id: vid(i),
      name: `第${i + 1}村`,
      townId: TOWN,
      trackingSince: '2026-01',
    });
    if (i < cadres) await user(cadre(i), vid(i), ['cadre']);
  }
  return { store, clock, env };
}

async function call<T>(
  actions: ActionMap,
  env: Env,
  who: string,
  action: string,
  input: unknown,
): Promise<T> {
  const r = await createRouter(actions)({ action, input }, who, env);
  if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
  return r.data as T;
}

/** Reads every page of a paged town view: the rows in page order, and the ops of each call. */
export async function allPages<R>(
  read: (cursor: string | undefined) => Promise<{ rows: R[]; next: string | null }>,
  store: { ops(): number; reset(): void },
) {
  const rows: R[] = [];
  const ops: number[] = [];
  const bytes: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    store.reset();
    const page = await read(cursor);
    ops.push(store.ops());
    bytes.push(Buffer.byteLength(JSON.stringify(page)));
    rows.push(...page.rows);
    if (!page.next) return { rows, ops, bytes };
    cursor = page.next;
  }
  throw new Error('paging does not end');
}

type TownStatus = { villages: CadenceStatus[]; next: string | null; villageTotal: number };

describe('disclosure overview: a page of village homes, the one cadence evaluation', () => {
  const overview = (env: Env, limit: number) => (cursor: string | undefined) =>
    call<TownStatus>(disclosureActions, env, ADMIN, 'townStatus', {
      limit,
      ...(cursor ? { cursor } : {}),
    }).then((d) => ({ ...d, rows: d.villages }));

  test('every village exactly once across the pages, and the total says how many', async () => {
    const { store, env } = await flatTown(23);
    const { rows } = await allPages(overview(env, 5), store);
    expect(rows.map((r) => r.villageId).sort()).toEqual(Array.from({ length: 23 }, (_, i) => vid(i)));
    const first = await call<TownStatus>(disclosureActions, env, ADMIN, 'townStatus', { limit: 5 });
    expect(first.villageTotal).toBe(23);
    expect(first.villages).toHaveLength(5);
  });

  test('after publishing and correcting, each row equals the home and a recount from the heads', async () => {
    const { store, env, clock } = await flatTown(8);
    const publish = (i: number, input: Record<string, unknown>) =>
      call<{ seriesId: string }>(disclosureActions, env, cadre(i), 'publish', {
        villageId: vid(i),
        body: '',
        attachments: [],
        items: [],
        major: false,
        ...input,
      });
    for (let m = 1; m <= 10; m++) {
      const periodKey = `2026-${String(m).padStart(2, '0')}`;
      await publish(0, {
        requestId: `fin-0-${periodKey}`,
        category: 'finance',
        title: `${m}月财务公开`,
        periodKey,
        items: [{ direction: 'income', category: '补助收入', note: '', amountFen: 100_00 }],
      });
    }
    await publish(1, {
      requestId: 'affairs-1-q3',
      category: 'affairs',
      title: '三季度村务',
      periodKey: '2026-Q3',
    });
    const major = await publish(2, {
      requestId: 'major-0002',
      category: 'affairs',
      title: '道路硬化工程',
      periodKey: '2026-Q3',
      major: true,
      occurredOn: '2026-08-01',
    });
    // A correction moves the period: the summary follows, like a recount does.
    await call(disclosureActions, env, cadre(2), 'correct', {
      seriesId: major.seriesId,
      requestId: 'major-2-fix',
      baseVersion: 1,
      reason: '期间填错',
      title: '道路硬化工程',
      periodKey: '2026-Q2',
      body: '',
      attachments: [],
      items: [],
    });
    clock.set(NOW);
    const { rows } = await allPages(overview(env, 3), store);
    const all = await villages(store).find({ townId: TOWN }, { sort: { _id: 1 } });
    const recount = await cadenceOf(store, all, { today: '2026-11-23' });
    for (const row of rows) {
      const r = recount.get(row.villageId)!;
      expect({ id: row.villageId, state: row.state, overdue: row.overdue, lateMajor: row.lateMajor }).toEqual(
        {
          id: row.villageId,
          state: r.state,
          overdue: r.overdue,
          lateMajor: r.lateMajor,
        },
      );
    }
    for (const i of [0, 1, 2]) {
      const home = await call<{ status: CadenceStatus }>(disclosureActions, env, cadre(i), 'home', {});
      expect(rows.find((r) => r.villageId === vid(i))).toEqual(home.status);
    }
    // The villages differ, so the comparison above could fail.
    expect(new Set(rows.map((r) => `${r.state}:${r.overdue.length}`)).size).toBeGreaterThan(1);
  });

  test('store operations per page are the same at 66 and at 300 villages', async () => {
    const per: number[] = [];
    for (const n of [66, 300]) {
      const { store, env } = await flatTown(n, 0);
      // Once for every home to exist (publishing keeps them from then on).
      const homes = await allPages(overview(env, 30), store);
      expect(homes.rows).toHaveLength(n);
      const { ops, bytes } = await allPages(overview(env, 30), store);
      per.push(Math.max(...ops));
      expect(Math.max(...bytes)).toBeLessThan(100 * 1024);
    }
    expect(per[0]).toBe(per[1]);
  });
});

type Compare = SurveyOutputs['compare'];

describe('survey town comparison: per-village summaries kept when a round closes', () => {
  const RESIDENT = {
    partyVanguard: 'agree',
    openAffairs: 'satisfied',
    supervision: 'fairly',
    harmony: 'satisfied',
  };
  const UNHAPPY = {
    partyVanguard: 'disagree',
    openAffairs: 'dissatisfied',
    supervision: 'dissatisfied',
    harmony: 'fairly',
  };
  const person = (v: number, k: number) => `flat-res-${v}-${k}`;

  async function surveyTown(n: number) {
    const t = await flatTown(n, 0);
    for (let v = 0; v < 3; v++)
      for (let k = 0; k < 10; k++)
        await users(t.store).insert({
          _id: person(v, k),
          name: '村民',
          townId: TOWN,
          villageId: vid(v),
          roles: k < 3 ? ['resident', 'representative'] : ['resident'],
          boundAt: NOW,
          via: 'seed',
        });
    return t;
  }
  const open = async (env: Env, villageIds: string[]) =>
    (
      await call<{ opened: { id: string; villageId: string }[] }>(surveyActions, env, ADMIN, 'openRound', {
        villageIds,
        periodKey: '2026-Q4',
      })
    ).opened;
  const vote = (env: Env, who: string, roundId: string, unhappy: boolean) =>
    call(surveyActions, env, who, 'vote', {
      roundId,
      answers: {
        ...(unhappy ? UNHAPPY : RESIDENT),
        ...(who.endsWith('-0') || who.endsWith('-1') || who.endsWith('-2')
          ? { cadreIntegrity: unhappy ? 'dissatisfied' : 'satisfied' }
          : {}),
      },
    });

  test('after voting and closing, each row equals a recount from the ballots; an invalid round shows none', async () => {
    const { store, env } = await surveyTown(7);
    const rounds = await open(env, [vid(0), vid(1), vid(2)]);
    const roundOf = (v: number) => rounds.find((r) => r.villageId === vid(v))!.id;
    for (let k = 0; k < 10; k++) await vote(env, person(0, k), roundOf(0), false);
    for (let k = 0; k < 8; k++) await vote(env, person(1, k), roundOf(1), k % 2 === 0);
    await vote(env, person(2, 0), roundOf(2), false); // 10%: below the floor, 无效
    for (const v of [0, 1, 2]) await call(surveyActions, env, ADMIN, 'closeRound', { roundId: roundOf(v) });

    const read = (cursor: string | undefined) =>
      call<Compare>(surveyActions, env, ADMIN, 'compare', { limit: 3, ...(cursor ? { cursor } : {}) });
    const { rows } = await allPages(read, store);
    expect(rows.map((r) => r.villageId).sort()).toEqual(Array.from({ length: 7 }, (_, i) => vid(i)));
    for (const v of [0, 1]) {
      const row = rows.find((r) => r.villageId === vid(v))!;
      const round = (await roundsOf(store).get(roundOf(v)))!;
      const { tally } = await recountRound(store, round);
      expect(tally.ballots).toBe(v === 0 ? 10 : 8);
      expect(row.round).toEqual(summaryOf(round, `第${v + 1}村`, tally));
      expect(row.indicators).toEqual(indicatorResults(round, tally));
    }
    expect(rows.find((r) => r.villageId === vid(2))!.round).toBeNull();
    // The two villages answered differently, so the comparison above could fail.
    const rate = (v: number) =>
      rows.find((r) => r.villageId === vid(v))!.indicators.find((i) => i.indicatorId === 'openAffairs')!
        .approvalRate;
    expect(rate(0)).not.toEqual(rate(1));

    // 第3村 measures the quarter again (its first round was 无效): the new round stands for it.
    const [again] = await open(env, [vid(2)]);
    for (let k = 0; k < 9; k++) await vote(env, person(2, k), again!.id, false);
    await call(surveyActions, env, ADMIN, 'closeRound', { roundId: again!.id });
    const after = await call<Compare>(surveyActions, env, ADMIN, 'compare', { limit: 20 });
    const row2 = after.rows.find((r) => r.villageId === vid(2))!;
    const round2 = (await roundsOf(store).get(again!.id))!;
    expect(row2.round).toEqual(summaryOf(round2, '第3村', (await recountRound(store, round2)).tally));
    expect(after.periods).toEqual(['2026-Q4']);
    // The kept summaries equal those recounted from the rounds and tallies.
    for (const v of [0, 1, 2]) {
      const kept = await comparisonsOf(store).get(`${vid(v)}:2026-Q4`);
      expect(await recountComparison(store, TOWN, vid(v), '2026-Q4')).toEqual(kept);
    }
  });

  test('store operations per page are the same at 66 and at 300 villages', async () => {
    const per: number[] = [];
    for (const n of [66, 300]) {
      const { store, env } = await flatTown(n, 0);
      for (let v = 0; v < n; v++) await closedRound(store, vid(v), 40 + (v % 30));
      const read = (cursor: string | undefined) =>
        call<Compare>(surveyActions, env, ADMIN, 'compare', { limit: 20, ...(cursor ? { cursor } : {}) });
      const { rows, ops, bytes } = await allPages(read, store);
      expect(rows.filter((r) => r.round)).toHaveLength(n);
      per.push(Math.max(...ops));
      expect(Math.max(...bytes)).toBeLessThan(100 * 1024);
    }
    expect(per[0]).toBe(per[1]);
  });
});

/** A valid closed 2026-Q3 round of a village, stored as a close leaves it, and its summary. */
export async function closedRound(store: Store, villageId: string, ballots: number) {
  const roundId = `${villageId}:2026-Q3:1`;
  const eligible = Object.fromEntries(FIVE_GOOD_INDICATORS.map((i) => [i.id, 100]));
  const counts = Object.fromEntries(
    FIVE_GOOD_INDICATORS.map((i) => [
      i.id,
      Object.fromEntries(i.options.map((o, k) => [o.key, k === 0 ? ballots - 2 : k === 1 ? 2 : 0])),
    ]),
  );
  await talliesOf(store).insert({ _id: roundId, roundId, ballots, counts, closed: true });
  await roundsOf(store).insert({
    _id: roundId,
    villageId,
    townId: TOWN,
    periodKey: '2026-Q3',
    status: 'closed',
    indicators: FIVE_GOOD_INDICATORS,
    eligible,
    eligibleVoters: 100,
    minGroup: 5,
    openedAt: '2026-09-10T00:00:00.000Z',
    openedBy: ADMIN,
    closesAt: '2026-09-24T00:00:00.000Z',
    participationFloor: 0.3,
    closedAt: '2026-09-24T00:00:00.000Z',
    closedBy: 'schedule',
    closedEarly: false,
    valid: true,
  });
  await recountComparison(store, TOWN, villageId, '2026-Q3');
}

describe('the ledger view and the town report overview: a page of villages at a time', () => {
  const views = [
    {
      name: 'assessment.ledger',
      setup: async (env: Env) => {
        await call(assessmentActions, env, ADMIN, 'saveScheme', BAOGOU_SCHEME);
        await call(assessmentActions, env, ADMIN, 'saveStandard', wuqingStandard(2026));
      },
      read: (env: Env, limit: number) => (cursor: string | undefined) =>
        call<LedgerView>(assessmentActions, env, ADMIN, 'ledger', {
          month: '2026-10',
          limit,
          ...(cursor ? { cursor } : {}),
        }).then((d) => ({ ...d, rows: [...new Set(d.rows.map((r) => r.villageId))] })),
    },
    {
      name: 'report.townReports',
      setup: async () => undefined,
      read: (env: Env, limit: number) => (cursor: string | undefined) =>
        call<ReportOutputs['townReports']>(reportActions, env, ADMIN, 'townReports', {
          month: '2026-10',
          limit,
          ...(cursor ? { cursor } : {}),
        }).then((d) => ({ ...d, rows: d.villages.map((v) => v.villageId) })),
    },
  ];

  test.each(views)('$name: every village exactly once across the pages', async ({ read, setup }) => {
    const { store, env } = await flatTown(23, 0);
    await setup(env);
    const { rows } = await allPages(read(env, 5), store);
    expect([...rows].sort()).toEqual(Array.from({ length: 23 }, (_, i) => vid(i)));
  });

  test.each(views)(
    '$name: store operations per page the same at 66 and at 300 villages',
    async ({ read, setup }) => {
      const per: number[] = [];
      for (const n of [66, 300]) {
        const { store, env } = await flatTown(n, 0);
        await setup(env);
        const { rows, ops, bytes } = await allPages(read(env, 50), store);
        expect(rows).toHaveLength(n);
        per.push(Math.max(...ops));
        expect(Math.max(...bytes)).toBeLessThan(100 * 1024);
      }
      expect(per[0]).toBe(per[1]);
    },
  );
});

describe('assessment dashboard: town totals kept on write, a page of villages', () => {
  async function dashboardTown(n: number) {
    const t = await flatTown(n, 0);
    await call(assessmentActions, t.env, ADMIN, 'saveScheme', BAOGOU_SCHEME);
    await call(assessmentActions, t.env, ADMIN, 'saveStandard', wuqingStandard(2026));
    const tiers = ['exemplary', 'qualified', 'improving', 'developing'];
    // Every third village has no sheet; the others as the actions leave their summaries.
    for (let i = 0; i < n; i++) {
      if (i % 3 === 2) continue;
      await writeSummary(t.store, { _id: vid(i), townId: TOWN }, 2026, {
        state: i % 4 === 0 ? 'confirmed' : 'submitted',
        total: 60 + (i % 40),
        selfTotal: 60 + (i % 40),
        tierKey: tiers[i % 4]!,
        tierConfirmed: i % 4 === 0,
        vetoes: i % 10 === 0 ? ['发生侵占、挪用集体“三资”问题'] : [],
        submittedAt: NOW,
        updatedAt: NOW,
      });
    }
    return t;
  }
  const read = (env: Env, limit: number) => (cursor: string | undefined) =>
    call<Dashboard>(assessmentActions, env, ADMIN, 'dashboard', {
      limit,
      ...(cursor ? { cursor } : {}),
    }).then((d) => ({ ...d, rows: d.villages }));

  test('every village once across the pages; the kept totals equal a recount of the summaries', async () => {
    const { store, env } = await dashboardTown(23);
    const { rows } = await allPages(read(env, 5), store);
    expect(rows.map((r) => r.villageId).sort()).toEqual(Array.from({ length: 23 }, (_, i) => vid(i)));
    const first = await read(env, 5)(undefined);
    // The town's figures, counted here from every row, equal the kept ones.
    const states = { none: 0, draft: 0, submitted: 0, reviewed: 0, confirmed: 0 };
    for (const r of rows) states[r.state]++;
    expect(first.states).toEqual(states);
    for (const c of first.counts) {
      expect(c.projected).toBe(rows.filter((r) => r.tier?.key === c.key).length);
      expect(c.confirmed).toBe(rows.filter((r) => r.confirmed && r.tier?.key === c.key).length);
    }
    expect(first.qinglian.confirmed).toBe(rows.filter((r) => r.confirmed && r.tier?.qinglian).length);
    expect(first.qinglian.confirmed).toBeGreaterThan(0);
    const all = await summariesOf(store).find({ townId: TOWN, year: 2026 });
    expect(await townSummariesOf(store).get(`${TOWN}.2026`)).toEqual(totalsOf(TOWN, 2026, all, NOW));
  });

  test('store operations per page are the same at 66 and at 300 villages', async () => {
    const per: number[] = [];
    for (const n of [66, 300]) {
      const { store, env } = await dashboardTown(n);
      // 30 a page: at both sizes one page holds the last villages with a summary and the first
      // without one (the costliest call: it reads on past the keyed villages).
      const { rows, ops, bytes } = await allPages(read(env, 30), store);
      expect(rows).toHaveLength(n);
      per.push(Math.max(...ops));
      expect(Math.max(...bytes)).toBeLessThan(100 * 1024);
    }
    expect(per[0]).toBe(per[1]);
  });
});
