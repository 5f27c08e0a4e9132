/**
 * Opening a 五好 round at town scale: the open call asks for every village's round, prepares
 * what its budget allows and leaves the rest 正在准备 for the survey's timer; ballots are refused
 * until a round is open; a retry after a crash anywhere in the opening finishes it exactly
 * (SLOTS_PER_VOTER slots per eligible person and indicator, one entry per person, nothing twice).
 */
import { rosterOf } from '../../cloudfunctions/account/store';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { Role } from '../../cloudfunctions/common/contracts/shared';
import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { findAll, type Collection, type Doc, type Store } from '../../cloudfunctions/common/store/port';
import { wxStore } from '../../cloudfunctions/common/store/wx';
import { surveyActions } from '../../cloudfunctions/survey/actions';
import { continueOpenings, OPEN_CALL_BUDGET_MS } from '../../cloudfunctions/survey/opening';
import { SLOTS_PER_VOTER } from '../../cloudfunctions/survey/slots';
import { answersOf, roundsOf, votersOf, type RoundDoc } from '../../cloudfunctions/survey/store';
import { fakeWxDatabase } from '../contract/wx-fake';
import { must } from '../must';

const NOW = '2026-11-23T02:00:00.000Z';
const PERIOD = '2026-Q4';
const CJK = /[\u4e00-\u9fa5]/;
type Reply<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** Residents of village i: `r${i}-${n}`, the first 3 of each also representatives (5 questions). */
const resident = (v: number, n: number) => `r${v}-${String(n).padStart(3, '0')}`;

interface World {
  store: Store;
  clock: ReturnType<typeof fixedClock>;
  as: (
    openid: string,
  ) => <A extends keyof SurveyOutputs>(action: A, input?: unknown) => Promise<Reply<SurveyOutputs[A]>>;
  /** The same handlers over another store (a crashing or slow one) on the same data. */
  over: (store: Store) => World['as'];
}

async function town(villageCount: number, residents: number, base: Store = nedbStore()): Promise<World> {
  const store = base;
  await towns(store).insert({ _id: 't1', name: '清河镇' });
  const person = (id: string, villageId: string | null, roles: Role[]) =>
    users(store).insert({
      _id: id,
      name: `名${id}`,
      townId: 't1',
      villageId,
      roles,
      boundAt: NOW,
      via: 'seed',
    });
  for (let v = 0; v < villageCount; v++) {
    const villageId = `v${v}`;
    await villages(store).insert({ _id: villageId, name: `${v}村`, townId: 't1', trackingSince: '2025-11' });
    for (let n = 0; n < residents; n++)
      await person(resident(v, n), villageId, n < 3 ? ['resident', 'representative'] : ['resident']);
  }
  await person('town', null, ['townAdmin']);
  const clock = fixedClock(NOW);
  const handle = createRouter(surveyActions);
  const over =
    (s: Store) =>
    (openid: string) =>
    (action: string, input: unknown = {}) =>
      handle({ action, input }, openid, { store: s, clock, ids: sequentialIds('t') }) as never;
  return { store, clock, as: over(store), over };
}

async function data<T>(p: Promise<Reply<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  return r.data;
}

/** A store whose named collections' batch inserts are replaced (a crash, a slow database). */
function withBatches(
  inner: Store,
  names: string[],
  batch: (col: Collection<Doc>, docs: Doc[]) => Promise<{ inserted: number; present: number }>,
): Store {
  return {
    collection: <T extends Doc>(name: string) => {
      const col = inner.collection<T>(name);
      if (!names.includes(name)) return col;
      return { ...col, insertMany: (docs: T[]) => batch(col as unknown as Collection<Doc>, docs) };
    },
  };
}

const BALLOT = {
  partyVanguard: 'agree',
  openAffairs: 'satisfied',
  supervision: 'fairly',
  harmony: 'satisfied',
};
const REP_BALLOT = { ...BALLOT, cadreIntegrity: 'satisfied' };

/** Checks a round holds exactly what its frozen counts say: entries, slots, nothing twice. */
async function expectExact(store: Store, roundId: string, unanswered = true) {
  const round = must(await roundsOf(store).get(roundId), 'the round');
  expect(round.status).toBe('open');
  const voters = await findAll(votersOf(store), { roundId });
  expect(voters).toHaveLength(round.eligibleVoters);
  const slots = await findAll(answersOf(store), { roundId });
  expect(new Set(slots.map((s) => s._id)).size).toBe(slots.length);
  for (const i of round.indicators) {
    const mine = slots.filter((s) => s.indicatorId === i.id);
    expect(mine).toHaveLength(SLOTS_PER_VOTER * (round.eligible[i.id] ?? 0));
    if (unanswered) expect(mine.every((s) => s.option === null)).toBe(true);
  }
  return round;
}

/** Every resident of village v votes once (and once more, refused); tally equals the recount. */
async function voteAll(w: World, v: number, residents: number, roundId: string) {
  for (let n = 0; n < residents; n++) {
    const answers = n < 3 ? REP_BALLOT : BALLOT;
    await data(w.as(resident(v, n))('vote', { roundId, answers }));
    expect(await w.as(resident(v, n))('vote', { roundId, answers })).toMatchObject({
      ok: false,
      code: 'ALREADY_VOTED',
    });
  }
  const check = await data(w.as('town')('recount', { roundId }));
  expect(check).toMatchObject({ kept: residents, recounted: residents, ledger: residents, consistent: true });
}

describe('opening one village', () => {
  test('the open call prepares it whole: open, exact entries and slots, each ballot counted once', async () => {
    const w = await town(1, 40);
    const r = await data(w.as('town')('openRound', { villageIds: ['v0'], periodKey: PERIOD, days: 7 }));
    expect(r.preparing).toBe(0);
    expect(r.opened).toHaveLength(1);
    const summary = must(r.opened[0], 'the round');
    expect(summary).toMatchObject({ status: 'open', validityLabel: '进行中', eligibleVoters: 40 });
    const round = await expectExact(w.store, summary.id);
    expect(round.eligible).toMatchObject({ openAffairs: 40, cadreIntegrity: 3 });
    expect(Date.parse(must(round.closesAt, 'closesAt')) - Date.parse(round.openedAt)).toBe(7 * 86_400_000);
    await voteAll(w, 0, 40, summary.id);
  });
});

describe('opening a whole town past the open call budget', () => {
  /** Each batch insert takes 12 s on this database: two villages fit the call's budget. */
  const slow = (w: World) =>
    withBatches(w.store, ['surveyVoters', 'surveyAnswers'], async (col, docs) => {
      w.clock.advance(12_000);
      return must(col.insertMany, 'a batch insert')(docs);
    });

  test('the rest is 正在准备, refuses ballots by name, and the timer opens it exactly', async () => {
    const w = await town(6, 12);
    expect(OPEN_CALL_BUDGET_MS).toBe(30_000);
    const r = await data(w.over(slow(w))('town')('openRound', { periodKey: PERIOD }));
    expect(r.refused).toEqual([]);
    expect(r.opened.map((o) => o.status)).toEqual([
      'open',
      'open',
      'preparing',
      'preparing',
      'preparing',
      'preparing',
    ]);
    expect(r.preparing).toBe(4);
    const waiting = must(r.opened[5], 'a round being prepared');
    expect(waiting.validityLabel).toBe('正在准备');

    // A villager of a village being prepared sees it, and cannot vote yet.
    const cur = await data(w.as(resident(5, 0))('current', {}));
    expect(cur.round).toMatchObject({ id: waiting.id, status: 'preparing' });
    expect(cur.questions).toEqual([]);
    const refused = await w.as(resident(5, 0))('vote', { roundId: waiting.id, answers: REP_BALLOT });
    expect(refused).toMatchObject({ ok: false, code: 'ROUND_PREPARING' });
    expect((refused as { message: string }).message).toMatch(CJK);
    expect(await votersOf(w.store).count({ roundId: waiting.id, voted: true })).toBe(0);
    // Nor can the town close it half made.
    expect(await w.as('town')('closeRound', { roundId: waiting.id })).toMatchObject({
      ok: false,
      code: 'ROUND_PREPARING',
    });

    // The survey's timer goes on (one tick here; each tick prepares as far as its budget goes).
    expect(await continueOpenings(w.store, () => w.clock.now())).toEqual({ opened: 4, waiting: 0 });
    for (const o of r.opened) await expectExact(w.store, o.id);
    const opened = must(await roundsOf(w.store).get(waiting.id), 'the round');
    expect(opened.openedAt > summary0(r).openedAt).toBe(true);
    await voteAll(w, 5, 12, waiting.id);

    // The same opening asked again: nothing new, nothing refused, every round as it is.
    const again = await data(w.as('town')('openRound', { periodKey: PERIOD }));
    expect(again.refused).toEqual([]);
    expect(again.opened.map((o) => o.id)).toEqual(r.opened.map((o) => o.id));
    expect(again.preparing).toBe(0);
    expect(await roundsOf(w.store).count({})).toBe(6);
    for (const o of r.opened) await expectExact(w.store, o.id, o.id !== waiting.id);
    expect(await answersOf(w.store).count({ roundId: waiting.id, option: { $ne: null } })).toBe(
      3 * 5 + 9 * 4,
    );
  });

  test('the timer and a repeated opening preparing the same rounds at once finish them once', async () => {
    const w = await town(4, 10);
    const r = await data(w.over(slow(w))('town')('openRound', { periodKey: PERIOD }));
    expect(r.preparing).toBe(2);
    await Promise.all([
      continueOpenings(w.store, () => w.clock.now()),
      data(w.as('town')('openRound', { periodKey: PERIOD })),
      continueOpenings(w.store, () => w.clock.now()),
    ]);
    for (const o of r.opened) await expectExact(w.store, o.id);
    await voteAll(w, 3, 10, must(r.opened[3], 'the last round').id);
  });
});

const summary0 = (r: SurveyOutputs['openRound']) => must(r.opened[0], 'the first round');

describe('a retry after a crash mid-opening', () => {
  test('killed after part of the slots: the retry adds exactly the missing ones', async () => {
    const w = await town(1, 30);
    const crashing = withBatches(w.store, ['surveyAnswers'], async (col, docs) => {
      await must(col.insertMany, 'a batch insert')(docs.slice(0, Math.floor(docs.length / 3)));
      throw new Error('function killed');
    });
    const first = await w.over(crashing)('town')('openRound', { villageIds: ['v0'], periodKey: PERIOD });
    expect(first).toMatchObject({ ok: false, code: 'INTERNAL' });
    const [half] = await findAll(roundsOf(w.store), {});
    expect(half).toMatchObject({ status: 'preparing', stage: 'slots' });
    const roundId = must(half, 'the round')._id;
    const left = await answersOf(w.store).count({ roundId });
    expect(left).toBeGreaterThan(0);

    const retry = await data(w.as('town')('openRound', { villageIds: ['v0'], periodKey: PERIOD }));
    expect(retry.opened.map((o) => [o.id, o.status])).toEqual([[roundId, 'open']]);
    await expectExact(w.store, roundId);
    await voteAll(w, 0, 30, roundId);
  });

  test('killed after part of the entries, the roster changed before the retry: entries follow the roster, slots the entries', async () => {
    const w = await town(1, 30);
    // Two paper voters on the roster, nobody claimed them.
    for (const id of ['p1', 'p2'])
      await rosterOf(w.store).insert({
        _id: id,
        villageId: 'v0',
        name: `纸质${id}`,
        phoneLast4: '1234',
        roles: ['resident'],
        claimedBy: null,
        importedAt: NOW,
      } as never);
    const crashing = withBatches(w.store, ['surveyVoters'], async (col, docs) => {
      await must(col.insertMany, 'a batch insert')(docs.slice(0, 20));
      throw new Error('function killed');
    });
    expect(await w.over(crashing)('town')('openRound', { periodKey: PERIOD })).toMatchObject({
      ok: false,
      code: 'INTERNAL',
    });
    const [half] = await findAll(roundsOf(w.store), {});
    expect(half).toMatchObject({ status: 'preparing', stage: 'voters', eligibleVoters: 32 });
    const roundId = must(half, 'the round')._id;
    expect(await votersOf(w.store).count({ roundId })).toBe(20);
    // Before the retry one paper voter leaves the roster and a representative becomes a resident only.
    await rosterOf(w.store).remove('p1');
    await users(w.store).update(resident(0, 0), { set: { roles: ['resident'] } });

    const retry = await data(w.as('town')('openRound', { periodKey: PERIOD }));
    expect(retry.opened).toMatchObject([{ id: roundId, status: 'open', eligibleVoters: 31 }]);
    const round: RoundDoc = await expectExact(w.store, roundId);
    expect(round.eligible).toMatchObject({ openAffairs: 31, cadreIntegrity: 2 });
    for (let n = 1; n < 30; n++) {
      const answers = n < 3 ? REP_BALLOT : BALLOT;
      await data(w.as(resident(0, n))('vote', { roundId, answers }));
    }
    await data(w.as(resident(0, 0))('vote', { roundId, answers: BALLOT }));
    const check = await data(w.as('town')('recount', { roundId }));
    expect(check).toMatchObject({ kept: 30, recounted: 30, ledger: 30, consistent: true });
  });
});

describe('over the cloud-database adapter', () => {
  test('a town of three villages opens exactly, in batch calls', async () => {
    const db = fakeWxDatabase();
    const w = await town(3, 25, wxStore(db));
    const before = db.operations();
    const r = await data(w.as('town')('openRound', { periodKey: PERIOD }));
    expect(r.opened.map((o) => o.status)).toEqual(['open', 'open', 'open']);
    for (const o of r.opened) await expectExact(w.store, o.id);
    // 25 people, 4 or 5 questions each, 2 slots each: 208 slots and 25 entries a village, one
    // batch call each, and a few reads and writes around them.
    expect(db.operations() - before).toBeLessThan(3 * 25);
    await voteAll(w, 1, 25, must(r.opened[1], 'a round').id);
  });
});
