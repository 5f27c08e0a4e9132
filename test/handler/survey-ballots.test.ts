/**
 * What a ballot costs and what survives a crash between its writes: the store operations of
 * one ballot, two processes voting over one database (each with its own book of slots), and a
 * ballot interrupted between two writes and then retried (one vote; the tally equals the
 * recount, or the recount says why not).
 */
import { rosterOf } from '../../cloudfunctions/account/store';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { countingStore, type Collection, type Doc, type Store } from '../../cloudfunctions/common/store/port';
import { surveyActions } from '../../cloudfunctions/survey/actions';
import { answersOf, talliesOf, votersOf } from '../../cloudfunctions/survey/store';

const NOW = '2026-11-23T02:00:00.000Z';
const RES = Array.from({ length: 40 }, (_, i) => `res-${String(i + 1).padStart(2, '0')}`);
const BALLOT = {
  partyVanguard: 'agree',
  openAffairs: 'satisfied',
  supervision: 'fairly',
  harmony: 'satisfied',
};
/** A resident answers four indicators. */
const ANSWERS = Object.keys(BALLOT).length;

type Reply<T> = { ok: true; data: T } | { ok: false; code: string; message: string };
type As = (
  openid: string,
) => <A extends keyof SurveyOutputs>(action: A, input?: unknown) => Promise<Reply<SurveyOutputs[A]>>;

/** One village of 40 residents, one of them linked to their roster entry, a cadre and the town. */
async function village(): Promise<Store> {
  const store = nedbStore();
  await towns(store).insert({ _id: 't1', name: '清河镇' });
  await villages(store).insert({ _id: 'vA', name: '甲村', townId: 't1', trackingSince: '2025-11' });
  const user = (id: string, villageId: string | null, roles: ('resident' | 'cadre' | 'townAdmin')[]) =>
    users(store).insert({
      _id: id,
      name: `名${id}`,
      townId: 't1',
      villageId,
      roles,
      boundAt: NOW,
      via: 'seed',
    });
  for (const id of RES) await user(id, 'vA', ['resident']);
  await user('linked', 'vA', ['resident']);
  await user('cadre-a', 'vA', ['cadre']);
  await user('town', null, ['townAdmin']);
  await rosterOf(store).insert({
    _id: 'r-linked',
    villageId: 'vA',
    name: '名linked',
    phoneLast4: '1234',
    roles: ['resident'],
    claimedBy: 'linked',
    importedAt: NOW,
  });
  return store;
}

/** The survey function over a store (a process: its own handle on the database). */
function over(store: Store): As {
  const handle = createRouter(surveyActions);
  const env = { store, clock: fixedClock(NOW), ids: sequentialIds('t') };
  return (openid) =>
    (action, input = {}) =>
      handle({ action, input }, openid, env) as never;
}

async function data<T>(p: Promise<Reply<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  return r.data;
}

async function openRound(as: As): Promise<string> {
  const r = await data(as('town')('openRound', { villageIds: ['vA'], periodKey: '2026-Q4' }));
  const id = r.opened[0]?.id;
  if (!id) throw new Error('not opened');
  return id;
}

/** Another handle on the same database: a second process, which knows nothing of the first's book. */
const process2 = (inner: Store): Store => ({
  collection: <T extends Doc>(n: string) => inner.collection<T>(n),
});

/**
 * A handle whose operations run `hook` around the real one: before (to fail a write that never
 * lands) or after (a write that lands and then reports an error, as a timeout can).
 */
type Hook = (collection: string, op: string, args: unknown[], when: 'before' | 'after') => void;
function hooked(inner: Store, hook: Hook): Store {
  return {
    collection: <T extends Doc>(name: string) => {
      const col = inner.collection<T>(name);
      const wrap =
        (op: keyof Collection<T>) =>
        async (...args: unknown[]) => {
          hook(name, op, args, 'before');
          const out = await (col[op] as (...a: unknown[]) => Promise<unknown>)(...args);
          hook(name, op, args, 'after');
          return out;
        };
      return {
        get: wrap('get'),
        find: wrap('find'),
        count: wrap('count'),
        insert: wrap('insert'),
        update: wrap('update'),
        updateWhere: wrap('updateWhere'),
        remove: wrap('remove'),
      } as Collection<T>;
    },
  };
}

const isFill = (col: string, op: string, args: unknown[]) =>
  col === 'surveyAnswers' &&
  op === 'updateWhere' &&
  !!(args[1] as { set?: { option?: unknown } }).set?.option;
const isCount = (col: string, op: string, args: unknown[]) =>
  col === 'surveyTallies' && op === 'updateWhere' && !!(args[1] as { inc?: object }).inc;

const marked = (store: Store, roundId: string) => votersOf(store).count({ roundId, voted: true });
const filled = (store: Store, roundId: string) => answersOf(store).count({ roundId, option: { $ne: null } });

describe('what a ballot costs', () => {
  test('10 store operations per resident, one write per answer, from the first ballot to the last', async () => {
    const inner = await village();
    const store = countingStore(inner);
    const as = over(store);
    const roundId = await openRound(as);
    const costs: number[] = [];
    for (const id of [...RES, 'linked']) {
      store.reset();
      await data(as(id)('vote', { roundId, answers: BALLOT }));
      costs.push(store.ops());
    }
    // Who calls, the round, their roster link, their entry (both keys of a linked person in
    // one read), the mark, one write per answer, the count.
    expect(new Set(costs)).toEqual(new Set([5 + ANSWERS + 1]));
    expect(await filled(inner, roundId)).toBe((RES.length + 1) * ANSWERS);
    // A second tap costs the reads only and writes nothing.
    store.reset();
    expect(await as(RES[0] as string)('vote', { roundId, answers: BALLOT })).toMatchObject({
      code: 'ALREADY_VOTED',
    });
    expect(store.ops()).toBe(4);
  });

  test('two processes over one database, each knowing only its own fills: one slot per answer, the tally equals the recount', async () => {
    const inner = await village();
    const [a, b] = [over(process2(inner)), over(process2(inner))];
    const roundId = await openRound(a);
    const counted = countingStore(process2(inner));
    const c = over(counted);
    // All at once, every other voter through the other process, a third through a counting one.
    const replies = await Promise.all(
      RES.map((id, i) => [a, b, c][i % 3]!(id)('vote', { roundId, answers: BALLOT })),
    );
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(await marked(inner, roundId)).toBe(RES.length);
    expect(await filled(inner, roundId)).toBe(RES.length * ANSWERS);
    const tally = await talliesOf(inner).get(roundId);
    expect(tally).toMatchObject({ ballots: RES.length, counts: { openAffairs: { satisfied: RES.length } } });
    await data(a('town')('closeRound', { roundId }));
    expect(await data(b('town')('recount', { roundId }))).toMatchObject({
      kept: RES.length,
      recounted: RES.length,
      ledger: RES.length,
      lost: 0,
      consistent: true,
    });
  });
});

describe('a crash between two writes of a ballot, then a retry', () => {
  async function withSix() {
    const store = await village();
    const as = over(store);
    const roundId = await openRound(as);
    for (const id of RES.slice(0, 6)) await data(as(id)('vote', { roundId, answers: BALLOT }));
    return { store, as, roundId };
  }

  test('a slot write that lands and then reports an error is taken back with the rest: the retry counts once, the recount equals the tally', async () => {
    const { store, as, roundId } = await withSix();
    let failures = 1;
    const flaky = hooked(store, (col, op, args, when) => {
      if (when === 'after' && isFill(col, op, args) && failures-- > 0) throw new Error('write timed out');
    });
    expect(await over(flaky)('res-20')('vote', { roundId, answers: BALLOT })).toMatchObject({
      ok: false,
      code: 'INTERNAL',
    });
    // Nothing of it stays: no mark, and no answer without a mark.
    expect(await marked(store, roundId)).toBe(6);
    expect(await filled(store, roundId)).toBe(6 * ANSWERS);
    await data(over(flaky)('res-20')('vote', { roundId, answers: BALLOT }));
    expect(await filled(store, roundId)).toBe(7 * ANSWERS);
    await data(as('town')('closeRound', { roundId }));
    expect(await data(as('cadre-a')('recount', { roundId }))).toMatchObject({
      kept: 7,
      recounted: 7,
      ledger: 7,
      lost: 0,
      consistent: true,
      repaired: false,
    });
  });

  test("a failed slot write taken back never empties another ballot's answer, even drawn by a process that knows no fills", async () => {
    const store = await village();
    const as = over(store);
    const roundId = await openRound(as);
    // 30 of 40 have voted: more than a third of every indicator's slots hold the same answers.
    for (const id of RES.slice(0, 30)) await data(as(id)('vote', { roundId, answers: BALLOT }));
    // Each attempt is a fresh process (its book knows no fills, so it draws filled slots too),
    // and every slot write fails before it lands: 80 draws, most certainly some on filled slots.
    for (let attempt = 0; attempt < 20; attempt++) {
      const failing = hooked(store, (col, op, args, when) => {
        if (when === 'before' && isFill(col, op, args)) throw new Error('write timed out');
      });
      expect(await over(failing)('res-40')('vote', { roundId, answers: BALLOT })).toMatchObject({
        code: 'INTERNAL',
      });
      expect([attempt, await filled(store, roundId)]).toEqual([attempt, 30 * ANSWERS]);
    }
    await data(as('res-40')('vote', { roundId, answers: BALLOT }));
    await data(as('town')('closeRound', { roundId }));
    expect(await data(as('cadre-a')('recount', { roundId }))).toMatchObject({
      kept: 31,
      recounted: 31,
      ledger: 31,
      lost: 0,
      consistent: true,
    });
  });

  test('the count lands but its reply is lost: the retry hears it voted, and the tally equals the recount', async () => {
    const { store, as, roundId } = await withSix();
    const lossy = hooked(store, (col, op, args, when) => {
      if (when === 'after' && isCount(col, op, args)) throw new Error('reply lost');
    });
    expect(await over(lossy)('res-20')('vote', { roundId, answers: BALLOT })).toMatchObject({
      code: 'INTERNAL',
    });
    expect(await as('res-20')('vote', { roundId, answers: BALLOT })).toMatchObject({ code: 'ALREADY_VOTED' });
    expect(await data(as('res-20')('current'))).toMatchObject({ voted: true });
    expect(await data(as('cadre-a')('recount', { roundId }))).toMatchObject({
      kept: 7,
      recounted: 7,
      ledger: 7,
      consistent: true,
    });
  });

  test('the process dies after the answers and before the count: the retry is refused, and the close counts the ballot once', async () => {
    const { store, as, roundId } = await withSix();
    const dying = hooked(store, (col, op, args, when) => {
      if (when === 'before' && isCount(col, op, args)) throw new Error('process died');
    });
    expect(await over(dying)('res-20')('vote', { roundId, answers: BALLOT })).toMatchObject({
      code: 'INTERNAL',
    });
    expect(await as('res-20')('vote', { roundId, answers: BALLOT })).toMatchObject({ code: 'ALREADY_VOTED' });
    // While open the recount only says so (a ballot in flight looks the same) ...
    expect(await data(as('cadre-a')('recount', { roundId }))).toMatchObject({
      kept: 6,
      recounted: 7,
      ledger: 7,
      consistent: false,
      repaired: false,
    });
    // ... once closed it counts from the answers, and from then on tally and recount agree.
    await data(as('town')('closeRound', { roundId }));
    expect(await data(as('town')('recount', { roundId }))).toMatchObject({ recounted: 7, repaired: true });
    expect(await data(as('cadre-a')('recount', { roundId }))).toMatchObject({
      kept: 7,
      recounted: 7,
      ledger: 7,
      consistent: true,
    });
    expect(await filled(store, roundId)).toBe(7 * ANSWERS);
  });
});
