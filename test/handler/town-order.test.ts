/**
 * Town views whose order matters to the official, read a page at a time in the order of the
 * whole town (by a key each village keeps on write): the 示范点 list best first. The first page
 * follows the write that changed the order; paging covers every village once, ties included;
 * the kept keys equal a recount; and a cadre moves their village's key only by the real action.
 */
import { createAssessmentActions } from '../../cloudfunctions/assessment/actions';
import { productSources, type Sources } from '../../cloudfunctions/assessment/ports';
import { writeSummary } from '../../cloudfunctions/assessment/sheet';
import { demonstrationsOf, summariesOf, type DemonstrationDoc } from '../../cloudfunctions/assessment/store';
import { tierRank } from '../../cloudfunctions/assessment/domain/scoring';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type {
  Dashboard,
  DashboardVillage,
  Demonstration,
  SheetView,
} from '../../cloudfunctions/common/contracts/assessment';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { createRouter, type Env } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { countingStore, type Store } from '../../cloudfunctions/common/store/port';
import { BAOGOU_SCHEME, baogouScheme, wuqingStandard } from '../../cloudfunctions/local/seed-assessment';
import { FIVE_GOOD_INDICATORS } from '../../cloudfunctions/survey/domain/indicators';
import { closeRound } from '../../cloudfunctions/survey/rounds';
import { comparisonsOf, roundsOf, talliesOf, type RoundDoc } from '../../cloudfunctions/survey/store';
import { recountComparison } from '../../cloudfunctions/survey/comparison';
import { surveyActions } from '../../cloudfunctions/survey/actions';
import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { DEMO_NOW, seededStore } from './demo-town';

const NOW = '2026-11-23T02:00:00.000Z';
const TOWN = 'to';
const ADMIN = 'order-admin';
const vid = (i: number) => `ov${String(i).padStart(4, '0')}`;

type Read<T> = (cursor: string | undefined) => Promise<T>;

/** Every page of the list: the rows in page order and the store operations of each call. */
async function allPages<T extends { villages: unknown[]; next: string | null }>(
  read: Read<T>,
  store: Store & { ops(): number; reset(): void },
) {
  const rows: T['villages'] = [];
  const ops: number[] = [];
  const bytes: number[] = [];
  let cursor: string | undefined;
  for (let calls = 0; ; calls++) {
    if (calls > 1000) throw new Error('paging does not end');
    store.reset();
    const d = await read(cursor);
    ops.push(store.ops());
    bytes.push(Buffer.byteLength(JSON.stringify(d)));
    rows.push(...d.villages);
    if (!d.next) return { rows, ops, bytes, last: d };
    cursor = d.next;
  }
}

/** Five approval rates at `rate` for every indicator, as the survey's results give them. */
function fiveGood(villageId: string, rate: number) {
  return {
    roundId: `${villageId}:2026-Q3:1`,
    villageId,
    periodKey: '2026-Q3',
    closedAt: '2026-10-08T02:00:00.000Z',
    indicators: FIVE_GOOD_INDICATORS.map((i) => ({
      indicatorId: i.id,
      name: i.name,
      approvalRate: rate,
      answers: 40,
      status: rate >= 0.9 ? ('met' as const) : ('notMet' as const),
    })),
  };
}

/** A town of `n` villages with scored summaries (some tied, some vetoed, some without a sheet). */
async function keyedTown(n: number, surveys: Sources['surveys']) {
  const store = countingStore(nedbStore());
  const env: Env = { store, clock: fixedClock(NOW), ids: sequentialIds('o') };
  await towns(store).insert({ _id: TOWN, name: '序镇' });
  await users(store).insert({
    _id: ADMIN,
    name: '镇纪委',
    townId: TOWN,
    villageId: null,
    roles: ['townAdmin'],
    boundAt: NOW,
    via: 'seed',
  });
  const handle = createRouter(createAssessmentActions({ ...productSources, surveys }));
  const call = async <T>(action: string, input: unknown, who = ADMIN): Promise<T> => {
    const r = await handle({ action, input }, who, env);
    if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
    return r.data as T;
  };
  await call('saveScheme', BAOGOU_SCHEME);
  await call('saveStandard', wuqingStandard(2026));
  for (let i = 0; i < n; i++) {
    await villages(store).insert({
      _id: vid(i),
      name: `第${i + 1}村`,
      townId: TOWN,
      trackingSince: '2026-01',
    });
    if (i % 5 === 4) continue; // no sheet
    await writeSummary(
      store,
      { _id: vid(i), townId: TOWN },
      2026,
      {
        state: i % 7 === 0 ? 'draft' : 'submitted',
        // Four scores only: many ties.
        total: 70 + 5 * (i % 4),
        selfTotal: 70 + 5 * (i % 4),
        tierKey: 'improving',
        tierConfirmed: false,
        vetoes: i % 9 === 0 ? ['发生侵占、挪用集体“三资”问题'] : [],
        submittedAt: NOW,
        updatedAt: NOW,
      },
      surveys,
    );
  }
  const page =
    <T>(action: string) =>
    (limit: number): Read<T> =>
    (cursor) =>
      call<T>(action, { limit, ...(cursor ? { cursor } : {}) });
  return {
    store,
    env,
    call,
    read: page<Demonstration>('demonstration'),
    board: page<Dashboard>('dashboard'),
  };
}

/** Every third village meets the 五好; the others fall short on every indicator. */
const someMeet: Sources['surveys'] = async (_store, ids) =>
  new Map(ids.map((id) => [id, fiveGood(id, Number(id.slice(2)) % 3 === 0 ? 0.95 : 0.8)]));

describe('示范点 list: the order of the whole town, a page at a time', () => {
  test('every village exactly once across the pages, ties included, eligible first by score, ranks 1..n', async () => {
    const t = await keyedTown(37, someMeet);
    const { rows, last } = await allPages<Demonstration>(t.read(4), t.store);
    expect(rows.map((r) => r.villageId).sort()).toEqual(Array.from({ length: 37 }, (_, i) => vid(i)));
    const eligible = rows.filter((r) => r.eligible);
    expect(eligible.length).toBe(last.eligible);
    expect(eligible.length).toBeGreaterThan(3);
    // Eligible villages first, each ranked by its place; then the others, by score (none last).
    expect(rows.slice(0, eligible.length).every((r) => r.eligible)).toBe(true);
    expect(eligible.map((r) => r.rank)).toEqual(eligible.map((_, i) => i + 1));
    expect(rows.filter((r) => !r.eligible).every((r) => r.rank === null)).toBe(true);
    const score = (r: { score: number | null }) => r.score ?? -1;
    for (const group of [eligible, rows.filter((r) => !r.eligible)])
      for (let i = 1; i < group.length; i++) {
        const [a, b] = [group[i - 1]!, group[i]!];
        expect(score(a) > score(b) || (score(a) === score(b) && a.villageId < b.villageId)).toBe(true);
      }
    // Villages without a sheet are listed too, with why.
    expect(rows.find((r) => r.villageId === vid(4))).toMatchObject({
      reasons: ['尚未提交自评'],
      score: null,
    });
  });

  test('store operations per page are the same at 66 and at 300 villages, pages under 100 KB', async () => {
    const per: number[] = [];
    for (const n of [66, 300]) {
      const t = await keyedTown(n, someMeet);
      const { rows, ops, bytes } = await allPages<Demonstration>(t.read(50), t.store);
      expect(rows).toHaveLength(n);
      per.push(Math.max(...ops));
      expect(Math.max(...bytes)).toBeLessThan(100 * 1024);
    }
    expect(per[0]).toBe(per[1]);
  });

  test('a survey round that closes meeting the 五好 puts its village first on page 1', async () => {
    // No village has a survey: none is eligible.
    const t = await keyedTown(30, async () => new Map());
    expect((await t.read(3)(undefined)).eligible).toBe(0);
    // 第4村 (75 分) has an open round whose ballots meet the 五好; it closes.
    const villageId = vid(3);
    const round: RoundDoc = {
      _id: `${villageId}:2026-Q4:1`,
      villageId,
      townId: TOWN,
      periodKey: '2026-Q4',
      status: 'open',
      indicators: FIVE_GOOD_INDICATORS,
      eligible: Object.fromEntries(FIVE_GOOD_INDICATORS.map((x) => [x.id, 60])),
      eligibleVoters: 60,
      minGroup: 5,
      openedAt: '2026-11-01T02:00:00.000Z',
      openedBy: ADMIN,
      closesAt: '2026-11-20T02:00:00.000Z',
      participationFloor: 0.3,
    } as RoundDoc;
    await roundsOf(t.store).insert(round);
    const counts = Object.fromEntries(
      FIVE_GOOD_INDICATORS.map((x) => [
        x.id,
        Object.fromEntries(x.options.map((o, k) => [o.key, o.approves && k === 0 ? 40 : 0])),
      ]),
    );
    await talliesOf(t.store).insert({
      _id: round._id,
      roundId: round._id,
      ballots: 40,
      counts,
      closed: false,
    });
    await closeRound(t.store, round, new Date('2026-11-20T02:00:00.000Z'), 'schedule');
    const first = await t.read(3)(undefined);
    expect(first.eligible).toBe(1);
    expect(first.villages[0]).toMatchObject({ villageId, rank: 1, eligible: true, surveyPeriod: '2026-Q4' });
  });
});

/** The seeded demo town (清河镇, six villages) with the survey results `surveys` gives. */
async function demo(surveys: Sources['surveys']) {
  const store = await seededStore();
  const env: Env = { store, clock: fixedClock(DEMO_NOW), ids: sequentialIds('d') };
  const handle = createRouter(createAssessmentActions({ ...productSources, surveys }));
  const as = (who: string) => (action: string, input: unknown) => handle({ action, input }, who, env);
  const data = async <T>(who: string, action: string, input: unknown = {}): Promise<T> => {
    const r = await as(who)(action, input);
    if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
    return r.data as T;
  };
  return { store, as, data };
}

describe('示范点 list on the demo town: kept keys, the real writes, a recount', () => {
  const allMeet: Sources['surveys'] = async (_store, ids) =>
    new Map(ids.map((id) => [id, fiveGood(id, 0.93)]));
  const keys = async (store: Store) =>
    (await demonstrationsOf(store).find({ townId: 'town-qinghe', year: 2026 }, { sort: { _id: 1 } })).map(
      ({ updatedAt: _, ...rest }: DemonstrationDoc) => rest,
    );

  test('the town raises a village’s review scores: it is first on page 1 right after', async () => {
    const { data } = await demo(allMeet);
    await data('dev-town', 'recount');
    const before = await data<Demonstration>('dev-town', 'demonstration', { limit: 1 });
    expect(before.villages[0]).toMatchObject({ villageId: 'v-taoyuan', rank: 1 });
    // 南湾村 (submitted, below 桃园村): the town's review gives every item its full points.
    const sheet = await data<SheetView>('dev-town', 'sheet', { villageId: 'v-nanwan' });
    await data('dev-town', 'review', {
      villageId: 'v-nanwan',
      entries: sheet.entries
        .filter((e) => e.kind === 'item')
        .map((e) => ({ kind: 'item', id: e.id, score: e.maxPoints, comment: '复核材料齐全，给满分' })),
    });
    const after = await data<Demonstration>('dev-town', 'demonstration', { limit: 1 });
    expect(after.villages[0]).toMatchObject({ villageId: 'v-nanwan', rank: 1, eligible: true });
    const second = await data<Demonstration>('dev-town', 'demonstration', { limit: 1, cursor: after.next });
    expect(second.villages[0]).toMatchObject({ villageId: 'v-taoyuan', rank: 2 });
  });

  test('a recount equals the kept keys, and repairs one tampered with', async () => {
    const { store, data } = await demo(productSources.surveys);
    const kept = await keys(store);
    expect(kept).toHaveLength(6);
    await demonstrationsOf(store).update('v-dongling.2026', {
      set: { sortKey: '0.00000000.v-dongling', eligible: true },
    });
    await demonstrationsOf(store).remove('v-xihe.2026');
    await data('dev-town', 'recount');
    expect(await keys(store)).toEqual(kept);
  });

  test('a cadre cannot move their village’s keys (list and board) by any action but their own sheet’s', async () => {
    const { store, as } = await demo(allMeet);
    const cadre = as('seed-cadre-v-taoyuan');
    // Its place in the 示范点 list and on the board.
    const key = async () =>
      [
        (await demonstrationsOf(store).get('v-taoyuan.2026'))?.sortKey,
        (await summariesOf(store).get('v-taoyuan.2026'))?.orderKey,
      ].join(' ');
    const before = await key();
    expect(before).toMatch(/^[01]\.\S+ 0\.\S+$/);
    const tries: [string, unknown][] = [
      ['saveSelf', { entries: [{ kind: 'item', id: 'team_study', score: 0 }] }],
      ['submit', {}],
      [
        'review',
        {
          villageId: 'v-taoyuan',
          entries: [{ kind: 'item', id: 'team_study', score: 0, comment: '自己改' }],
        },
      ],
      ['confirm', { villageId: 'v-taoyuan', tier: 'exemplary', reason: '自己定' }],
      ['reopen', { villageId: 'v-taoyuan', reason: '自己退回' }],
      ['answerReopen', { villageId: 'v-taoyuan', grant: true }],
      ['recount', {}],
      ['requestReopen', { reason: '想再改改分数' }],
      ['comment', { text: '我们对结果有意见' }],
      ['saveSelf', { villageId: 'v-liuzhuang', entries: [{ kind: 'item', id: 'team_study', score: 0 }] }],
    ];
    for (const [action, input] of tries) await cadre(action, input);
    expect(await key()).toBe(before);
    // Another village's key neither.
    expect((await demonstrationsOf(store).get('v-liuzhuang.2026'))?.sortKey).toBe(
      (await demo(allMeet).then((d) => demonstrationsOf(d.store).get('v-liuzhuang.2026')))?.sortKey,
    );
  });
});

describe('the town board (dashboard): worst first in the whole town, a page at a time', () => {
  /** Worse first: below target, vetoed, lower tier, lower score; unscored villages last. */
  const worse = (a: DashboardVillage, b: DashboardVillage) =>
    Number(a.state === 'none') - Number(b.state === 'none') ||
    Number(b.belowTarget) - Number(a.belowTarget) ||
    Number(b.vetoes.length > 0) - Number(a.vetoes.length > 0) ||
    tierRank(BAOGOU_SCHEME, b.tier?.key ?? null) - tierRank(BAOGOU_SCHEME, a.tier?.key ?? null) ||
    (a.score ?? -1) - (b.score ?? -1) ||
    (a.villageId < b.villageId ? -1 : 1);

  test('every village exactly once across the pages, ties included, in the order of the whole town', async () => {
    const t = await keyedTown(37, someMeet);
    const { rows } = await allPages<Dashboard>(t.board(4), t.store);
    expect(rows.map((r) => r.villageId).sort()).toEqual(Array.from({ length: 37 }, (_, i) => vid(i)));
    expect(rows).toEqual([...rows].sort(worse));
    // Ties of score, vetoes and villages with nothing scored are all there.
    expect(rows.filter((r) => r.vetoes.length).length).toBeGreaterThan(1);
    expect(rows[rows.length - 1]!.state).toBe('none');
  });

  test('a cadre records a veto item: their village is first on page 1 right after', async () => {
    const { data } = await demo(productSources.surveys);
    const before = await data<Dashboard>('dev-town', 'dashboard', { limit: 1 });
    expect(before.villages[0]!.villageId).toBe('v-beipo');
    await data('dev-cadre', 'saveSelf', { entries: [{ kind: 'veto', id: 'veto_assets', applies: true }] });
    const after = await data<Dashboard>('dev-town', 'dashboard', { limit: 1 });
    expect(after.villages[0]).toMatchObject({ villageId: 'v-dongling', belowTarget: true });
    expect(after.villages[0]!.vetoes).toHaveLength(1);
    // Clearing it again puts it back where it was.
    await data('dev-cadre', 'saveSelf', { entries: [{ kind: 'veto', id: 'veto_assets', applies: false }] });
    expect((await data<Dashboard>('dev-town', 'dashboard', { limit: 1 })).villages[0]!.villageId).toBe(
      'v-beipo',
    );
  });

  test('store operations per page are the same at 66 and at 300 villages, pages under 100 KB', async () => {
    const per: number[] = [];
    for (const n of [66, 300]) {
      const t = await keyedTown(n, someMeet);
      const { rows, ops, bytes } = await allPages<Dashboard>(t.board(50), t.store);
      expect(rows).toHaveLength(n);
      per.push(Math.max(...ops));
      expect(Math.max(...bytes)).toBeLessThan(100 * 1024);
    }
    expect(per[0]).toBe(per[1]);
  });

  test('a recount equals the kept keys; a change of the scheme’s targets moves them', async () => {
    const { store, data } = await demo(productSources.surveys);
    const keys = async () =>
      Object.fromEntries(
        (await summariesOf(store).find({ townId: 'town-qinghe' }, { sort: { _id: 1 } })).map((s) => [
          s._id,
          s.orderKey,
        ]),
      );
    const kept = await keys();
    expect(Object.values(kept).every((k) => typeof k === 'string')).toBe(true);
    await summariesOf(store).update('v-taoyuan.2026', { set: { orderKey: '0.00.99.00000000.v-taoyuan' } });
    await data('dev-town', 'recount');
    expect(await keys()).toEqual(kept);
    // No target for the year any more: nobody is below it, and the board's keys follow at once.
    expect((await data<Dashboard>('dev-town', 'dashboard', { limit: 1 })).villages[0]!.belowTarget).toBe(
      true,
    );
    await data('dev-town', 'saveScheme', { ...baogouScheme(2026), targets: {} });
    const page = await data<Dashboard>('dev-town', 'dashboard', { limit: 6 });
    expect(page.villages.some((v) => v.belowTarget)).toBe(false);
    // Vetoed 北坡村 is still the worst.
    expect(page.villages[0]!.villageId).toBe('v-beipo');
    // What the scheme's change kept equals a recount.
    const afterScheme = await keys();
    expect(afterScheme).not.toEqual(kept);
    await data('dev-town', 'recount');
    expect(await keys()).toEqual(afterScheme);
  });
});

describe('survey town comparison: worst first in the whole town, a page at a time', () => {
  type Compare = SurveyOutputs['compare'];
  /** A round of the village in 2026-Q3 with `misses` of its 40 ballots disapproving every indicator. */
  function roundOf(villageId: string, status: 'open' | 'closed', misses: number, ballots = 40) {
    const round = {
      _id: `${villageId}:2026-Q3:1`,
      villageId,
      townId: TOWN,
      periodKey: '2026-Q3',
      status,
      indicators: FIVE_GOOD_INDICATORS,
      eligible: Object.fromEntries(FIVE_GOOD_INDICATORS.map((x) => [x.id, 60])),
      eligibleVoters: 60,
      minGroup: 5,
      openedAt: '2026-09-20T02:00:00.000Z',
      openedBy: ADMIN,
      closesAt: '2026-10-08T02:00:00.000Z',
      participationFloor: 0.01,
      ...(status === 'closed'
        ? { closedAt: '2026-10-08T02:00:00.000Z', closedBy: 'schedule', closedEarly: false, valid: true }
        : {}),
    } as RoundDoc;
    const counts = Object.fromEntries(
      FIVE_GOOD_INDICATORS.map((x) => [
        x.id,
        Object.fromEntries(
          x.options.map((o, k) => [
            o.key,
            o.approves ? (k === 0 ? ballots - misses : 0) : k === x.options.length - 1 ? misses : 0,
          ]),
        ),
      ]),
    );
    return {
      round,
      tally: { _id: round._id, roundId: round._id, ballots, counts, closed: status === 'closed' },
    };
  }
  async function surveyTown(n: number) {
    const t = await keyedTown(0, async () => new Map());
    for (let i = 0; i < n; i++) {
      await villages(t.store).insert({
        _id: vid(i),
        name: `第${i + 1}村`,
        townId: TOWN,
        trackingSince: '2026-01',
      });
      if (i % 6 === 5) continue; // no round this quarter
      // Four levels of approval (ties), and every seventh village with too few answers to show rates.
      const { round, tally } = roundOf(vid(i), 'closed', 2 * (i % 4), i % 7 === 3 ? 3 : 40);
      await roundsOf(t.store).insert(round);
      await talliesOf(t.store).insert(tally);
      await recountComparison(t.store, TOWN, vid(i), '2026-Q3');
    }
    const read =
      (limit: number): Read<Compare & { villages: Compare['rows'] }> =>
      async (cursor) => {
        const r = await createRouter(surveyActions)(
          { action: 'compare', input: { limit, ...(cursor ? { cursor } : {}) } },
          ADMIN,
          t.env,
        );
        if (!r.ok) throw new Error(`compare: ${r.code} ${r.message}`);
        const d = r.data as Compare;
        // The rows under the name the paging helper reads, not counted twice in the reply's size.
        return Object.defineProperty(d, 'villages', { value: d.rows, enumerable: false }) as Compare & {
          villages: Compare['rows'];
        };
      };
    return { ...t, compare: read };
  }
  const lowest = (r: Compare['rows'][number]) =>
    r.indicators.some((i) => i.approvalRate !== null)
      ? Math.min(...r.indicators.flatMap((i) => (i.approvalRate === null ? [] : [i.approvalRate])))
      : null;

  test('every village exactly once, ties included: the lowest approval first, withheld rates after, no round last', async () => {
    const t = await surveyTown(31);
    const { rows } = await allPages(t.compare(4), t.store);
    expect(rows.map((r) => r.villageId).sort()).toEqual(Array.from({ length: 31 }, (_, i) => vid(i)));
    const rank = (r: Compare['rows'][number]) => (r.round === null ? 2 : lowest(r) === null ? 1 : 0);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      const c = rank(a) - rank(b) || (lowest(a) ?? 0) - (lowest(b) ?? 0);
      expect(c < 0 || (c === 0 && a.villageId < b.villageId)).toBe(true);
    }
    expect(rows.filter((r) => r.round === null)).toHaveLength(5);
    expect(new Set(rows.map(lowest)).size).toBeGreaterThan(3);
    // The kept keys equal a recount from the rounds and tallies.
    const kept = await comparisonsOf(t.store).find({
      townId: TOWN,
      periodKey: '2026-Q3',
      sortKey: { $gte: '0' },
    });
    for (const k of kept) expect(await recountComparison(t.store, TOWN, k.villageId, '2026-Q3')).toEqual(k);
  });

  test('a round that ends with the lowest approval of the town: its village is first on page 1 after it closes', async () => {
    const t = await surveyTown(20);
    const villageId = vid(5); // no round yet
    const { round, tally } = roundOf(villageId, 'open', 30);
    await roundsOf(t.store).insert(round);
    await talliesOf(t.store).insert(tally);
    const before = await t.compare(3)(undefined);
    // Past its planned end, the round is closed by the schedule before the page is read.
    expect(before.rows[0]).toMatchObject({ villageId, round: { ballots: 40 } });
    expect(lowest(before.rows[0]!)).toBe(0.25);
    const again = await t.compare(3)(undefined);
    expect(again.rows.map((r) => r.villageId)).toEqual(before.rows.map((r) => r.villageId));
  });

  test('store operations per page are the same at 66 and at 300 villages, pages under 100 KB', async () => {
    const per: number[] = [];
    for (const n of [66, 300]) {
      const t = await surveyTown(n);
      const { rows, ops, bytes } = await allPages(t.compare(20), t.store);
      expect(rows).toHaveLength(n);
      per.push(Math.max(...ops));
      expect(Math.max(...bytes)).toBeLessThan(100 * 1024);
    }
    expect(per[0]).toBe(per[1]);
  });
});
