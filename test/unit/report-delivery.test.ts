import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import type { Env } from '../../cloudfunctions/common/router';
import { runTick } from '../../cloudfunctions/report/timer';
import { findAll, type Collection, type Doc, type Store } from '../../cloudfunctions/common/store/port';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { users } from '../../cloudfunctions/common/identity';
import {
  deliveryStatusOf,
  runDeliveries,
  startDelivery,
  OPEN_STATES,
} from '../../cloudfunctions/report/delivery';
import { DEFAULT_DELIVERY_RULES, REFUSED } from '../../cloudfunctions/report/domain/delivery';
import type { SendResult, SubscribeMessage, SubscribeSender } from '../../cloudfunctions/common/subscribe';
import { deliveryLines } from '../../cloudfunctions/common/contracts/report';
import { deliveriesOf, grantsOf, jobsOf, type DeliveryDoc } from '../../cloudfunctions/report/store';
import { at } from '../must';

/**
 * Delivery must reach every subscriber exactly once through kills and overlapping runs.
 * A "kill" is a process death: from that instant no operation of the dead run completes and
 * none of its code runs again; what it already sent stays sent.
 */

const NOW = '2026-11-01T02:00:00.000Z';
const hang = () => new Promise<never>(() => undefined);
const tick = () => new Promise<void>((r) => setImmediate(r));

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * WeChat as seen from outside: counts what each person actually received, and keeps WeChat's
 * own rule that a one-time grant allows one message (then 43101).
 */
function fakeWeChat(opts: {
  transient: number;
  refused: (openid: string) => boolean;
  seed: number;
  /** Share of sends that throw after WeChat accepted (and delivered) the message. */
  afterLeft?: number;
}) {
  const received = new Map<string, number>();
  const calls = new Map<string, number>();
  const grants = new Map<string, number>();
  const r = rng(opts.seed);
  return {
    received,
    calls,
    /** What the person accepted in the mini-program (Infinity for a long-term grant). */
    grant(openid: string, n: number) {
      grants.set(openid, n);
    },
    /** A sender bound to one run; `onDelivered` may kill that run right after a message leaves. */
    senderFor(run: { dead: boolean; onDelivered?: () => void }): SubscribeSender {
      return {
        async send(msg: SubscribeMessage): Promise<SendResult> {
          if (run.dead) return hang();
          calls.set(msg.touser, (calls.get(msg.touser) ?? 0) + 1);
          let result: SendResult;
          const left = grants.get(msg.touser) ?? 0;
          if (opts.refused(msg.touser) || left <= 0)
            result = { ok: false, code: REFUSED, message: 'refused' };
          else if (r() < opts.transient) result = { ok: false, code: -1, message: 'system busy' };
          else {
            grants.set(msg.touser, left - 1);
            received.set(msg.touser, (received.get(msg.touser) ?? 0) + 1);
            result = { ok: true };
            run.onDelivered?.();
            // The answer is lost on the way back: the sender only sees an exception.
            if (r() < (opts.afterLeft ?? 0)) {
              await tick();
              throw new Error('ECONNRESET');
            }
          }
          await tick(); // the answer travels back
          if (run.dead) return hang();
          return result;
        },
      };
    },
  };
}

/** The store as one run sees it: after its death, nothing it asks for ever answers. */
function storeFor(
  inner: Store,
  run: { dead: boolean; beforeOp?: (name: string, args: unknown[]) => void },
): Store {
  const wrap = <T extends Doc>(name: string, col: Collection<T>): Collection<T> => {
    const guard =
      <A extends unknown[], R>(op: string, f: (...a: A) => Promise<R>) =>
      async (...a: A): Promise<R> => {
        if (run.dead) return hang();
        run.beforeOp?.(`${name}.${op}`, a);
        if (run.dead) return hang();
        const res = await f(...a);
        if (run.dead) return hang();
        return res;
      };
    return {
      get: guard('get', (id) => col.get(id)),
      find: guard('find', (q, o) => col.find(q, o)),
      count: guard('count', (q) => col.count(q)),
      insert: guard('insert', (d) => col.insert(d)),
      update: guard('update', (id, ops) => col.update(id, ops)),
      updateWhere: guard('updateWhere', (q, ops) => col.updateWhere(q, ops)),
      remove: guard('remove', (id) => col.remove(id)),
    };
  };
  return { collection: <T extends Doc>(name: string) => wrap(name, inner.collection<T>(name)) };
}

async function seedVillage(
  store: Store,
  n: number,
  grantOf: (i: number) => { oneTime: number; longTerm: boolean } | null,
  wechat?: { grant(openid: string, n: number): void },
) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const openid = `u${String(i).padStart(5, '0')}`;
    ids.push(openid);
    await users(store).insert({
      _id: openid,
      name: `村民${i}`,
      townId: 't1',
      villageId: 'v1',
      roles: ['resident', 'migrant'],
      boundAt: NOW,
      via: 'seed',
    });
    const g = grantOf(i);
    if (g) {
      wechat?.grant(openid, g.longTerm ? Infinity : g.oneTime);
      await grantsOf(store).insert({
        _id: `${openid}|monthlyReport`,
        openid,
        villageId: 'v1',
        template: 'monthlyReport',
        ...g,
        lastAnswer: 'accept',
        updatedAt: NOW,
      });
    }
  }
  await startDelivery(store, {
    _id: 'v1.2026-10',
    kind: 'report',
    villageId: 'v1',
    townId: 't1',
    template: 'monthlyReport',
    page: 'report/pages/view/index?id=v1.2026-10',
    data: { thing1: { value: '东岭村2026年10月村情月报' } },
    createdAt: NOW,
  });
  return ids;
}

const allDeliveries = (store: Store) => findAll(deliveriesOf(store), { subjectId: 'v1.2026-10' });

test('5,000 people with one, two or long-term grants; 5% transient failures, 1% lost answers, 1% refusals, kills and overlapping runs: nobody gets two messages, every person in one state, counts add up', async () => {
  const base = nedbStore();
  const clock = fixedClock(NOW);
  const N = 5000;
  // Every 25th person never subscribed; the others hold one or two one-time grants, or a
  // long-term grant (what a 政务民生 template gets).
  const grantOf = (i: number) =>
    i % 25 === 0
      ? null
      : i % 3 === 0
        ? { oneTime: 0, longTerm: true }
        : { oneTime: i % 3 === 1 ? 1 : 2, longTerm: false };
  const refused = (openid: string) => Number(openid.slice(1)) % 100 === 7; // 1%
  const wechat = fakeWeChat({ transient: 0.05, afterLeft: 0.01, refused, seed: 42 });
  const ids = await seedVillage(base, N, grantOf, wechat);

  // Run 1 dies right after its 1,500th message has gone out.
  const run1 = { dead: false, onDelivered: undefined as undefined | (() => void) };
  let out = 0;
  let killed!: () => void;
  const died = new Promise<void>((r) => (killed = r));
  run1.onDelivered = () => {
    if (++out === 1500) {
      run1.dead = true;
      killed();
    }
  };
  void runDeliveries(
    { store: storeFor(base, run1), clock, sender: wechat.senderFor(run1) },
    { owner: 'run-1', budgetMs: 40_000, concurrency: 50 },
  );
  await died;
  for (let i = 0; i < 20; i++) await tick();
  const afterKill = await allDeliveries(base);
  expect(afterKill.length).toBe(N);
  expect(afterKill.some((d) => d.state === 'inFlight')).toBe(true);

  // Two runs overlap on the rest; later ticks pick up retries once their backoff has passed.
  clock.advance(DEFAULT_DELIVERY_RULES.leaseMs + 1);
  for (let round = 0; round < 12; round++) {
    // In the first round, run a is killed too, while b overlaps it.
    let outA = 0;
    let killedA!: () => void;
    const diedA = new Promise<void>((r) => (killedA = r));
    const a: { dead: boolean; onDelivered?: () => void } = { dead: false };
    if (round === 0)
      a.onDelivered = () => {
        if (++outA === 300) {
          a.dead = true;
          killedA();
        }
      };
    const b = { dead: false };
    await Promise.all([
      Promise.race([
        runDeliveries(
          { store: storeFor(base, a), clock, sender: wechat.senderFor(a) },
          { owner: `a${round}`, budgetMs: 40_000, concurrency: 40, chunkSize: 10 },
        ),
        diedA,
      ]),
      runDeliveries(
        { store: storeFor(base, b), clock, sender: wechat.senderFor(b) },
        { owner: `b${round}`, budgetMs: 40_000, concurrency: 25, batchSize: 60 },
      ),
    ]);
    const status = await deliveryStatusOf(base, 'v1.2026-10');
    if (status?.state === 'done') break;
    // Past every backoff and the dead runs' leases.
    clock.advance(DEFAULT_DELIVERY_RULES.maxBackoffMs);
  }

  const status = await deliveryStatusOf(base, 'v1.2026-10');
  expect(status?.state).toBe('done');
  const records = await allDeliveries(base);
  // Every person has exactly one record, and so exactly one state.
  expect(new Set(records.map((d) => d.openid)).size).toBe(N);
  expect(records.length).toBe(N);
  const byOpenid = new Map(records.map((d) => [d.openid, d] as [string, DeliveryDoc]));
  // Nobody received two messages.
  expect(Math.max(...wechat.received.values())).toBe(1);
  for (const [i, openid] of ids.entries()) {
    const rec = byOpenid.get(openid)!;
    const got = wechat.received.get(openid) ?? 0;
    if (!grantOf(i)) {
      expect([openid, rec.state, wechat.calls.get(openid) ?? 0]).toEqual([openid, 'noGrant', 0]);
    } else if (rec.state === 'sent') {
      expect([openid, got]).toEqual([openid, 1]);
    } else if (rec.state === 'unconfirmed') {
      // Its fate is unknown to us; asked at most once, received at most once.
      expect(wechat.calls.get(openid) ?? 0).toBeLessThanOrEqual(1 + rec.attempts);
    } else {
      // refused, failed: nothing arrived.
      expect([openid, rec.state, got]).toEqual([openid, rec.state, 0]);
      expect(['refused', 'failed']).toContain(rec.state);
    }
    if (refused(openid)) expect([openid, got]).toEqual([openid, 0]);
  }
  // Every message that arrived is counted as sent or unconfirmed: none is hidden elsewhere.
  const arrived = [...wechat.received.keys()];
  expect(arrived.filter((o) => !['sent', 'unconfirmed'].includes(byOpenid.get(o)!.state))).toEqual([]);
  // A lost answer (the 1%) is unconfirmed, never sent again: the people with two grants or a
  // long-term grant among them got exactly one message.
  const lostAnswers = records.filter((d) => d.state === 'unconfirmed' && !d.ambiguous);
  expect(lostAnswers.length).toBeGreaterThan(10);
  for (const d of lostAnswers) expect([d.openid, wechat.received.get(d.openid)]).toEqual([d.openid, 1]);
  expect(records.filter((d) => d.ambiguous).length).toBeGreaterThan(0);
  expect(await deliveriesOf(base).count({ subjectId: 'v1.2026-10', state: { $in: OPEN_STATES } })).toBe(0);
  // The counts the cadre sees add up to everyone of the village.
  const shown = deliveryLines(status!);
  expect(status!.planned).toBe(N);
  expect(shown.total).toBe(N);
  expect(shown.lines.reduce((n, l) => n + l.count, 0)).toBe(N);
  expect(status!.counts.sent).toBe(records.filter((d) => d.state === 'sent').length);
  // One-time grants left: what each person had, minus what (probably) went out.
  for (const [i, openid] of ids.entries()) {
    const g = grantOf(i);
    if (!g || g.longTerm || refused(openid)) continue;
    const rec = byOpenid.get(openid)!;
    const used = rec.state === 'sent' || rec.state === 'unconfirmed' ? 1 : 0;
    expect([openid, (await grantsOf(base).get(`${openid}|monthlyReport`))?.oneTime]).toEqual([
      openid,
      g.oneTime - used,
    ]);
  }
  console.log(`delivery: ${N} people, ${arrived.length} received, counts ${JSON.stringify(status?.counts)}`);
}, 120_000);

describe('the window between claim, send and record', () => {
  type Wechat = ReturnType<typeof fakeWeChat>;
  async function one(wechat: Wechat, grant = { oneTime: 1, longTerm: false }) {
    const base = nedbStore();
    await seedVillage(base, 1, () => grant, wechat);
    return base;
  }
  const healthy = (base: Store, clock: ReturnType<typeof fixedClock>, wechat: Wechat, owner: string) => {
    const run = { dead: false };
    return runDeliveries(
      { store: storeFor(base, run), clock, sender: wechat.senderFor(run) },
      { owner, budgetMs: 1000 },
    );
  };
  /** Run 1 with a sender that dies as the send starts: before (`left: false`) or after the message left. */
  async function dieAtSend(base: Store, clock: ReturnType<typeof fixedClock>, wechat: Wechat, left: boolean) {
    const run1: { dead: boolean; onDelivered?: () => void } = { dead: false };
    const inner = wechat.senderFor(run1);
    let died!: () => void;
    const dead = new Promise<void>((r) => (died = r));
    const sender: SubscribeSender = {
      send: (msg) => {
        if (!left) {
          run1.dead = true;
          died();
          return hang();
        }
        run1.onDelivered = () => {
          run1.dead = true;
          died();
        };
        return inner.send(msg);
      },
    };
    void runDeliveries({ store: storeFor(base, run1), clock, sender }, { owner: 'r1', budgetMs: 1000 });
    await dead;
    expect(at(await allDeliveries(base), 0).state).toBe('inFlight');
    clock.advance(DEFAULT_DELIVERY_RULES.leaseMs + 1);
  }

  test('a run that dies as it writes its claim has claimed nothing: the next run sends the message, once', async () => {
    const wechat = fakeWeChat({ transient: 0, refused: () => false, seed: 1 });
    const base = await one(wechat);
    const clock = fixedClock(NOW);
    const run1: { dead: boolean; beforeOp?: (n: string, a: unknown[]) => void } = { dead: false };
    let died!: () => void;
    const dead = new Promise<void>((r) => (died = r));
    // Dies as it is about to claim the record (the claim marks it in flight).
    run1.beforeOp = (name, args) => {
      const set = (args[1] as { set?: { state?: string } } | undefined)?.set;
      if (name === 'deliveries.updateWhere' && set?.state === 'inFlight') {
        run1.dead = true;
        died();
      }
    };
    void runDeliveries(
      { store: storeFor(base, run1), clock, sender: wechat.senderFor(run1) },
      { owner: 'r1', budgetMs: 1000 },
    );
    await dead;
    expect((await allDeliveries(base))[0]).toMatchObject({ state: 'queued', attempts: 0 });
    expect(wechat.calls.size).toBe(0);
    await healthy(base, clock, wechat, 'r2');
    await healthy(base, clock, wechat, 'r3');
    expect([wechat.calls.get('u00000'), wechat.received.get('u00000')]).toEqual([1, 1]);
    expect((await allDeliveries(base))[0]).toMatchObject({ state: 'sent', attempts: 1 });
    expect((await grantsOf(base).get('u00000|monthlyReport'))?.oneTime).toBe(0);
  });

  test('a record an older run left claimed (not yet in flight) is taken over only when its lease ends: one message', async () => {
    const wechat = fakeWeChat({ transient: 0, refused: () => false, seed: 1 });
    const base = await one(wechat);
    const clock = fixedClock(NOW);
    await jobsOf(base).update('v1.2026-10', { set: { state: 'sending', planned: 1 } });
    await deliveriesOf(base).insert({
      _id: 'v1.2026-10|u00000',
      subjectId: 'v1.2026-10',
      openid: 'u00000',
      state: 'claimed',
      attempts: 0,
      nextAttemptAt: '',
      owner: 'old',
      claim: 'old#1',
      leaseUntil: new Date(Date.parse(NOW) + DEFAULT_DELIVERY_RULES.leaseMs).toISOString(),
      lastCode: null,
      updatedAt: NOW,
      sentAt: null,
    });
    await healthy(base, clock, wechat, 'r2'); // lease still held: nobody else may send
    expect(wechat.calls.size).toBe(0);
    expect((await allDeliveries(base))[0]).toMatchObject({ state: 'claimed', owner: 'old' });
    clock.advance(DEFAULT_DELIVERY_RULES.leaseMs + 1);
    await healthy(base, clock, wechat, 'r3');
    await healthy(base, clock, wechat, 'r4');
    expect([wechat.calls.get('u00000'), wechat.received.get('u00000')]).toEqual([1, 1]);
    expect((await allDeliveries(base))[0]).toMatchObject({ state: 'sent', owner: 'r3' });
  });

  test('one-time grant, died after the message left: never sent again, counted unconfirmed, the grant taken as used', async () => {
    const wechat = fakeWeChat({ transient: 0, refused: () => false, seed: 1 });
    const base = await one(wechat);
    const clock = fixedClock(NOW);
    await dieAtSend(base, clock, wechat, true);
    await healthy(base, clock, wechat, 'r2');
    await healthy(base, clock, wechat, 'r3');
    expect([wechat.calls.get('u00000'), wechat.received.get('u00000')]).toEqual([1, 1]);
    expect((await allDeliveries(base))[0]).toMatchObject({ state: 'unconfirmed', ambiguous: true });
    expect((await grantsOf(base).get('u00000|monthlyReport'))?.oneTime).toBe(0);
  });

  test('one-time grant, died before the message left: not sent again either (nobody can tell), counted unconfirmed', async () => {
    const wechat = fakeWeChat({ transient: 0, refused: () => false, seed: 1 });
    const base = await one(wechat);
    const clock = fixedClock(NOW);
    await dieAtSend(base, clock, wechat, false);
    await healthy(base, clock, wechat, 'r2');
    expect(wechat.received.get('u00000') ?? 0).toBe(0);
    expect((await allDeliveries(base))[0]).toMatchObject({ state: 'unconfirmed', ambiguous: true });
  });

  test('an exception after the request left: two grants or a long-term grant still get one message, one grant is not called refused', async () => {
    for (const grant of [
      { oneTime: 1, longTerm: false },
      { oneTime: 2, longTerm: false },
      { oneTime: 0, longTerm: true },
    ]) {
      const wechat = fakeWeChat({ transient: 0, afterLeft: 1, refused: () => false, seed: 1 });
      const base = await one(wechat, grant);
      const clock = fixedClock(NOW);
      for (let i = 0; i < 5; i++) {
        await healthy(base, clock, wechat, `r${i}`);
        clock.advance(DEFAULT_DELIVERY_RULES.maxBackoffMs);
      }
      expect([grant, wechat.calls.get('u00000'), wechat.received.get('u00000')]).toEqual([grant, 1, 1]);
      expect(await deliveryStatusOf(base, 'v1.2026-10')).toMatchObject({
        state: 'done',
        counts: { unconfirmed: 1 },
      });
      const left = await grantsOf(base).get('u00000|monthlyReport');
      expect([left?.oneTime, left?.longTerm]).toEqual([
        grant.longTerm ? 0 : grant.oneTime - 1,
        grant.longTerm,
      ]);
    }
  });

  test('a send that never answers is unconfirmed after the send timeout, and its late answer changes nothing', async () => {
    const wechat = fakeWeChat({ transient: 0, refused: () => false, seed: 1 });
    const base = await one(wechat, { oneTime: 2, longTerm: false });
    const clock = fixedClock(NOW);
    let answer!: () => void;
    const sender: SubscribeSender = {
      send: () => new Promise((r) => (answer = () => r({ ok: true }))),
    };
    await runDeliveries({ store: base, clock, sender }, { owner: 'r1', budgetMs: 1000, sendTimeoutMs: 20 });
    answer();
    await tick();
    expect((await allDeliveries(base))[0]).toMatchObject({ state: 'unconfirmed', attempts: 1 });
    await healthy(base, clock, wechat, 'r2');
    expect(wechat.calls.get('u00000') ?? 0).toBe(0);
    expect((await grantsOf(base).get('u00000|monthlyReport'))?.oneTime).toBe(1);
  });

  test('long-term or several grants: an ambiguous delivery is never sent again (at most once), and is counted', async () => {
    for (const grant of [
      { oneTime: 0, longTerm: true },
      { oneTime: 2, longTerm: false },
    ]) {
      for (const left of [true, false]) {
        const wechat = fakeWeChat({ transient: 0, refused: () => false, seed: 1 });
        const base = await one(wechat, grant);
        const clock = fixedClock(NOW);
        await dieAtSend(base, clock, wechat, left);
        await healthy(base, clock, wechat, 'r2');
        await healthy(base, clock, wechat, 'r3');
        // Sent at most once; when the process died before the send, that person got nothing.
        expect(wechat.received.get('u00000') ?? 0).toBe(left ? 1 : 0);
        expect(wechat.calls.get('u00000') ?? 0).toBe(left ? 1 : 0);
        expect(await deliveryStatusOf(base, 'v1.2026-10')).toMatchObject({
          state: 'done',
          counts: { unconfirmed: 1 },
        });
      }
    }
  });

  test('transient failures back off and give up after the set number of attempts', async () => {
    const base = await one(fakeWeChat({ transient: 0, refused: () => false, seed: 1 }));
    const clock = fixedClock(NOW);
    const calls: string[] = [];
    const sender: SubscribeSender = {
      send: async () => {
        calls.push(clock.now().toISOString());
        return { ok: false, code: -1, message: 'system busy' };
      },
    };
    for (let i = 0; i < 30; i++) {
      await runDeliveries({ store: base, clock, sender }, { owner: `r${i}`, budgetMs: 1000 });
      clock.advance(60_000);
    }
    expect(calls.length).toBe(DEFAULT_DELIVERY_RULES.maxAttempts);
    // Waits of 1, 2, 4, 8 minutes between attempts.
    const gaps = calls.slice(1).map((t, i) => (Date.parse(t) - Date.parse(at(calls, i))) / 60_000);
    expect(gaps).toEqual([1, 2, 4, 8]);
    const rec = at(await allDeliveries(base), 0);
    expect([rec.state, rec.attempts]).toEqual(['failed', DEFAULT_DELIVERY_RULES.maxAttempts]);
  });

  test('a long-term grant is not used up; a one-time grant is, and 43101 clears what we thought was left', async () => {
    const base = nedbStore();
    const wechat = fakeWeChat({ transient: 0, refused: (o) => o === 'u00002', seed: 1 });
    await seedVillage(
      base,
      3,
      (i) => (i === 0 ? { oneTime: 0, longTerm: true } : { oneTime: 2, longTerm: false }),
      wechat,
    );
    const clock = fixedClock(NOW);
    const run = { dead: false };
    await runDeliveries(
      { store: storeFor(base, run), clock, sender: wechat.senderFor(run) },
      { owner: 'r', budgetMs: 1000 },
    );
    const g = await grantsOf(base).find({}, { sort: { _id: 1 } });
    expect(g.map((x) => [x.openid, x.oneTime, x.longTerm])).toEqual([
      ['u00000', 0, true],
      ['u00001', 1, false],
      ['u00002', 0, false],
    ]);
  });
});

test('a grant used up by another message between planning and sending is counted as used, not as never subscribed', async () => {
  const base = nedbStore();
  const clock = fixedClock(NOW);
  const wechat = fakeWeChat({ transient: 0, refused: () => false, seed: 3 });
  const ids = await seedVillage(base, 2, () => ({ oneTime: 1, longTerm: false }), wechat);
  // What planning at publication made: both had a grant then and are queued.
  await jobsOf(base).update('v1.2026-10', { set: { state: 'sending', planned: 2 } });
  for (const openid of ids) {
    await deliveriesOf(base).insert({
      _id: `v1.2026-10|${openid}`,
      subjectId: 'v1.2026-10',
      openid,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: '',
      owner: '',
      leaseUntil: '',
      lastCode: null,
      updatedAt: NOW,
      sentAt: null,
    });
  }
  // Then another message (say, a second report of the same template) used the first one's grant.
  await grantsOf(base).update(`${ids[0]}|monthlyReport`, { set: { oneTime: 0 } });
  const run = { dead: false };
  await runDeliveries({ store: base, clock, sender: wechat.senderFor(run) }, { owner: 'r1', budgetMs: 1000 });
  const status = await deliveryStatusOf(base, 'v1.2026-10');
  expect(status?.counts).toEqual({ sent: 1, grantUsed: 1 });
  expect(wechat.calls.get(at(ids, 0)) ?? 0).toBe(0);
});

describe('the next timer tick after a crash or a late answer', () => {
  /** Every 20th person never subscribed; the others hold one or two one-time grants or a long-term grant. */
  const grantOf = (i: number) =>
    i % 20 === 0
      ? null
      : i % 3 === 0
        ? { oneTime: 0, longTerm: true }
        : { oneTime: i % 3 === 1 ? 1 : 2, longTerm: false };
  const OUTCOMES = ['sent', 'failedRetryable', 'refused', 'failed', 'unconfirmed'];

  function timerEnv(base: Store, clock: ReturnType<typeof fixedClock>, sender: SubscribeSender): Env {
    return { store: base, clock, ids: sequentialIds('t'), services: { subscribeSender: sender } };
  }

  /** The counts the cadre sees, recounted from the records themselves. */
  async function recount(base: Store): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const d of await allDeliveries(base)) counts[d.state] = (counts[d.state] ?? 0) + 1;
    return counts;
  }

  /** One-time grants left must be what each person had minus what (probably) went out. */
  async function expectGrantsLeft(base: Store, ids: string[]) {
    const byOpenid = new Map((await allDeliveries(base)).map((d) => [d.openid, d]));
    for (const [i, openid] of ids.entries()) {
      const g = grantOf(i);
      if (!g) continue;
      const state = byOpenid.get(openid)?.state;
      const used = !g.longTerm && (state === 'sent' || state === 'unconfirmed') ? 1 : 0;
      const left = await grantsOf(base).get(`${openid}|monthlyReport`);
      expect([openid, left?.oneTime, left?.longTerm]).toEqual([openid, g.oneTime - used, g.longTerm]);
    }
  }

  test('a crash after claiming and sending, before any outcome is recorded: the next tick sends nobody a second message, and the counts equal a recount', async () => {
    const N = 400;
    const base = nedbStore();
    const clock = fixedClock(NOW);
    const wechat = fakeWeChat({ transient: 0, refused: () => false, seed: 5 });
    const ids = await seedVillage(base, N, grantOf, wechat);
    // Run 1 plans, claims and sends, and dies as it is about to write its first outcomes.
    const run1: { dead: boolean; beforeOp?: (n: string, a: unknown[]) => void } = { dead: false };
    let died!: () => void;
    const dead = new Promise<void>((r) => (died = r));
    run1.beforeOp = (name, args) => {
      const state = (args[1] as { set?: { state?: string } } | undefined)?.set?.state;
      if (name === 'deliveries.updateWhere' && OUTCOMES.includes(state ?? '')) {
        run1.dead = true;
        died();
      }
    };
    void runDeliveries(
      { store: storeFor(base, run1), clock, sender: wechat.senderFor(run1) },
      { owner: 'r1', budgetMs: 40_000, concurrency: 100 },
    );
    await dead;
    for (let i = 0; i < 20; i++) await tick();
    const before = await recount(base);
    // Claimed and in flight, nothing recorded; WeChat accepted some of them.
    expect(before.inFlight).toBeGreaterThanOrEqual(25);
    expect(before.sent ?? 0).toBe(0);
    expect(wechat.received.size).toBeGreaterThan(0);
    const inFlight = new Set(
      (await allDeliveries(base)).filter((d) => d.state === 'inFlight').map((d) => d.openid),
    );

    // The next ticks of the timer, five minutes apart (the dead run's lease has ended).
    let sent = 0;
    let unconfirmed = 0;
    for (let i = 0; i < 3; i++) {
      clock.advance(5 * 60_000);
      const t = await runTick(timerEnv(base, clock, wechat.senderFor({ dead: false })), {
        owner: `tick-${i}`,
      });
      sent += t.delivery?.sent ?? 0;
      unconfirmed += t.delivery?.unconfirmed ?? 0;
    }
    // Nobody received two messages, and everyone holding a grant got one or is counted unconfirmed.
    expect(Math.max(...wechat.received.values())).toBe(1);
    const records = await allDeliveries(base);
    for (const d of records) {
      const got = wechat.received.get(d.openid) ?? 0;
      if (inFlight.has(d.openid)) {
        // In flight when run 1 died: may have arrived, never sent again.
        expect([d.openid, d.state, d.ambiguous, wechat.calls.get(d.openid)]).toEqual([
          d.openid,
          'unconfirmed',
          true,
          got,
        ]);
      } else if (d.state !== 'noGrant') expect([d.openid, d.state, got]).toEqual([d.openid, 'sent', 1]);
      else expect([d.openid, got]).toEqual([d.openid, 0]);
    }
    const status = await deliveryStatusOf(base, 'v1.2026-10');
    expect(status?.state).toBe('done');
    expect(status?.planned).toBe(N);
    // The counts shown are a recount of the records, and what the ticks reported adds up to them.
    expect(status?.counts).toEqual(await recount(base));
    expect(status?.counts).toEqual({ sent, unconfirmed, noGrant: N / 20 });
    expect(unconfirmed).toBe(inFlight.size);
    await expectGrantsLeft(base, ids);
  });

  test('a sender that times out after WeChat accepted: counted unconfirmed, never sent again by the next ticks, its late answer changes nothing', async () => {
    const N = 120;
    const base = nedbStore();
    const clock = fixedClock(NOW);
    const wechat = fakeWeChat({ transient: 0, refused: () => false, seed: 7 });
    const ids = await seedVillage(base, N, grantOf, wechat);
    const inner = wechat.senderFor({ dead: false });
    // Every 4th person's message is accepted by WeChat, and the answer comes only after the timeout.
    const late: (() => void)[] = [];
    const slow = (openid: string) => Number(openid.slice(1)) % 4 === 1;
    const sender: SubscribeSender = {
      send: async (msg) => {
        const result = await inner.send(msg);
        if (!slow(msg.touser)) return result;
        return new Promise<SendResult>((r) => late.push(() => r(result)));
      },
    };
    const first = await runDeliveries(
      { store: base, clock, sender },
      { owner: 'r1', budgetMs: 40_000, concurrency: 100, sendTimeoutMs: 500 },
    );
    const slowOnes = ids.filter((o, i) => slow(o) && grantOf(i));
    expect(late.length).toBe(slowOnes.length);
    expect(first.unconfirmed).toBe(slowOnes.length);
    for (const answer of late) answer();
    for (let i = 0; i < 5; i++) await tick();

    for (let i = 0; i < 3; i++) {
      clock.advance(5 * 60_000);
      await runTick(timerEnv(base, clock, inner), { owner: `tick-${i}` });
    }
    // Asked once, received once: the timed-out ones too.
    expect(Math.max(...wechat.calls.values())).toBe(1);
    expect(Math.max(...wechat.received.values())).toBe(1);
    const byOpenid = new Map((await allDeliveries(base)).map((d) => [d.openid, d]));
    for (const openid of slowOnes)
      expect([openid, byOpenid.get(openid)?.state, byOpenid.get(openid)?.attempts]).toEqual([
        openid,
        'unconfirmed',
        1,
      ]);
    const status = await deliveryStatusOf(base, 'v1.2026-10');
    expect(status?.counts).toEqual(await recount(base));
    expect(status).toMatchObject({
      state: 'done',
      planned: N,
      counts: { sent: N - N / 20 - slowOnes.length, unconfirmed: slowOnes.length, noGrant: N / 20 },
    });
    await expectGrantsLeft(base, ids);
  });
});

test('a run goes on through every unfinished job while it has time, several pages of jobs, one message each', async () => {
  const base = nedbStore();
  const clock = fixedClock(NOW);
  const wechat = fakeWeChat({ transient: 0, refused: () => false, seed: 9 });
  const JOBS = 12;
  for (let v = 0; v < JOBS; v++) {
    for (let i = 0; i < 8; i++) {
      const openid = `j${v}-${i}`;
      wechat.grant(openid, 1);
      await users(base).insert({
        _id: openid,
        name: openid,
        townId: 't1',
        villageId: `v${v}`,
        roles: ['resident'],
        boundAt: NOW,
        via: 'seed',
      });
      await grantsOf(base).insert({
        _id: `${openid}|notice`,
        openid,
        villageId: `v${v}`,
        template: 'notice',
        oneTime: 1,
        longTerm: false,
        lastAnswer: 'accept',
        updatedAt: NOW,
      });
    }
    // Published at the same instant, so the pages of jobs share createdAt.
    await startDelivery(base, {
      _id: `n${v}`,
      kind: 'notice',
      villageId: `v${v}`,
      townId: 't1',
      template: 'notice',
      page: 'report/pages/notice/index',
      data: {},
      createdAt: NOW,
    });
  }
  // The first four jobs' people get "system busy": those jobs stay unfinished (retries wait),
  // and fill the first pages of unfinished jobs on later reads.
  const inner = wechat.senderFor({ dead: false });
  const busy = (openid: string) => Number(openid.slice(1).split('-')[0]) < 4;
  const sender: SubscribeSender = {
    send: (msg) =>
      busy(msg.touser) ? Promise.resolve({ ok: false, code: -1, message: 'system busy' }) : inner.send(msg),
  };
  const report = await runDeliveries(
    { store: base, clock, sender },
    { owner: 'r1', budgetMs: 40_000, concurrency: 20, chunkSize: 5, maxJobs: 3 },
  );
  expect(report).toMatchObject({ jobs: JOBS, planned: JOBS * 8, sent: (JOBS - 4) * 8, stoppedBy: 'idle' });
  expect(wechat.received.size).toBe((JOBS - 4) * 8);
  expect(Math.max(...wechat.received.values())).toBe(1);
  for (let v = 0; v < JOBS; v++)
    expect([v, await deliveryStatusOf(base, `n${v}`)]).toMatchObject([
      v,
      v < 4 ? { state: 'sending', counts: { failedRetryable: 8 } } : { state: 'done', counts: { sent: 8 } },
    ]);
  // A second run reads past the four waiting jobs and finds nothing else to do.
  const again = await runDeliveries(
    { store: base, clock, sender },
    { owner: 'r2', budgetMs: 40_000, maxJobs: 3 },
  );
  expect(again).toMatchObject({ jobs: 4, attempted: 0 });
});
