import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { users, villages } from '../../cloudfunctions/common/identity';
import type { Env } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import type { Collection, Doc, Store } from '../../cloudfunctions/common/store/port';
import type { SubscribeSender } from '../../cloudfunctions/common/subscribe';
import { startDelivery } from '../../cloudfunctions/report/delivery';
import { deliveriesOf, grantsOf, reportsOf, runMarksOf } from '../../cloudfunctions/report/store';
import { runTick, TIMER_BUDGET_MS } from '../../cloudfunctions/report/timer';

/**
 * One timer tick must end inside WeChat's 60 s function limit however many villages there
 * are: drafting and delivery share one deadline, and drafting goes on at the next tick.
 *
 * Time is simulated: every database operation takes DB_MS and every send SEND_MS of the fake
 * clock. Operations the code overlaps (Promise.all, the sending lanes) overlap in simulated
 * time too, as they do against the real database and WeChat; one that starts only after the
 * program has gone idle starts later, never earlier: slower than the real thing, never faster.
 */

const FUNCTION_LIMIT_MS = 60_000;
const DB_MS = 20;
const SEND_MS = 200;
const VILLAGES = 2_000;
const SUBSCRIBERS = 200;

function latencyModel(clock: ReturnType<typeof fixedClock>) {
  // Operations waiting for their simulated end; when the program has nothing else to do, the
  // clock jumps to the earliest end and those operations complete.
  const waiting: { end: number; go: () => void }[] = [];
  let scheduled = false;
  const pump = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (!waiting.length) return;
      const end = Math.min(...waiting.map((w) => w.end));
      if (end > clock.now().getTime()) clock.set(new Date(end).toISOString());
      const due = waiting.filter((w) => w.end <= end);
      waiting.splice(0, waiting.length, ...waiting.filter((w) => w.end > end));
      for (const w of due) w.go();
      if (waiting.length) pump();
    });
  };
  return <R>(ms: number, work: () => Promise<R>): Promise<R> =>
    new Promise<void>((go) => {
      waiting.push({ end: clock.now().getTime() + ms, go });
      pump();
    }).then(work);
}

function slowStore(inner: Store, clock: ReturnType<typeof fixedClock>, inserted: Map<string, number>): Store {
  const took = latencyModel(clock);
  const wrap = <T extends Doc>(name: string, col: Collection<T>): Collection<T> => ({
    get: (id) => took(DB_MS, () => col.get(id)),
    find: (q, o) => took(DB_MS, () => col.find(q, o)),
    count: (q) => took(DB_MS, () => col.count(q)),
    insert: (d) => {
      if (name === 'reports') inserted.set(d._id, (inserted.get(d._id) ?? 0) + 1);
      return took(DB_MS, () => col.insert(d));
    },
    update: (id, ops) => took(DB_MS, () => col.update(id, ops)),
    updateWhere: (q, ops) => took(DB_MS, () => col.updateWhere(q, ops)),
    remove: (id) => took(DB_MS, () => col.remove(id)),
  });
  return { collection: <T extends Doc>(name: string) => wrap(name, inner.collection<T>(name)) };
}

test(`${VILLAGES} villages: every tick ends inside the function limit, the ticks draft every village once and deliveries move on every tick`, async () => {
  const inner = nedbStore();
  const clock = fixedClock('2026-11-30T21:00:00.000Z');
  const ids = Array.from({ length: VILLAGES }, (_, i) => `v${String(i).padStart(4, '0')}`);
  for (let i = 0; i < ids.length; i += 200)
    await Promise.all(
      ids
        .slice(i, i + 200)
        .map((id) =>
          villages(inner).insert({ _id: id, name: `村${id}`, townId: 't1', trackingSince: '2026-01' }),
        ),
    );
  // A notice published just before the 1st is still being delivered to its village.
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const openid = `u${String(i).padStart(4, '0')}`;
    await users(inner).insert({
      _id: openid,
      name: `村民${i}`,
      townId: 't1',
      villageId: 'v0000',
      roles: ['resident'],
      boundAt: '2026-11-01T00:00:00.000Z',
      via: 'seed',
    });
    await grantsOf(inner).insert({
      _id: `${openid}|notice`,
      openid,
      villageId: 'v0000',
      template: 'notice',
      oneTime: 0,
      longTerm: true,
      lastAnswer: 'accept',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
  }
  await startDelivery(inner, {
    _id: 'n-harvest',
    kind: 'notice',
    villageId: 'v0000',
    townId: 't1',
    template: 'notice',
    page: 'report/pages/notice/index?id=n-harvest',
    data: {},
    createdAt: '2026-11-30T20:00:00.000Z',
  });

  const inserted = new Map<string, number>();
  const store = slowStore(inner, clock, inserted);
  const took = latencyModel(clock);
  const received = new Map<string, number>();
  const sender: SubscribeSender = {
    send: (msg) =>
      took(SEND_MS, async () => {
        received.set(msg.touser, (received.get(msg.touser) ?? 0) + 1);
        return { ok: true };
      }),
  };
  const env: Env = { store, clock, ids: sequentialIds('t'), services: { subscribeSender: sender } };

  const first = Date.parse('2026-11-30T22:00:00.000Z'); // 1 December, 06:00 in China
  const sentPerTick: number[] = [];
  let ticks = 0;
  for (; ticks < 20; ticks++) {
    clock.set(new Date(first + ticks * 5 * 60_000).toISOString());
    const start = clock.now().getTime();
    const tick = await runTick(env, { owner: `timer-${ticks}` });
    const elapsed = clock.now().getTime() - start;
    expect(elapsed).toBeLessThan(FUNCTION_LIMIT_MS);
    expect(elapsed).toBeLessThanOrEqual(TIMER_BUDGET_MS + 5_000);
    sentPerTick.push(tick.delivery?.sent ?? 0);
    // The month is marked done only by the tick that drafted the last village.
    const marked = !!(await runMarksOf(inner).get('compose:2026-11'));
    expect(marked).toBe(tick.drafted?.remaining === 0);
    if (tick.drafted?.skipped || tick.drafted?.remaining === 0) break;
  }
  // Several ticks were needed; the first, busy drafting, still left time to deliver.
  expect(ticks).toBeGreaterThan(1);
  expect(sentPerTick[0]).toBeGreaterThan(0);

  // Every village's report was drafted exactly once over all ticks.
  expect(await reportsOf(inner).count({ month: '2026-11' })).toBe(VILLAGES);
  expect(inserted.size).toBe(VILLAGES);
  expect([...inserted.values()].every((n) => n === 1)).toBe(true);

  // A tick after the month is complete costs one read for drafting.
  clock.advance(5 * 60_000);
  expect((await runTick(env, { owner: 'timer-late' })).drafted).toMatchObject({ skipped: true });

  // The deliveries end with each subscriber receiving one message.
  for (
    let i = 0;
    i < 10 && (await deliveriesOf(inner).count({ subjectId: 'n-harvest', state: 'sent' })) < SUBSCRIBERS;
    i++
  ) {
    clock.advance(5 * 60_000);
    await runTick(env, { owner: `timer-more-${i}` });
  }
  expect(received.size).toBe(SUBSCRIBERS);
  expect([...received.values()].every((n) => n === 1)).toBe(true);
}, 120_000);
