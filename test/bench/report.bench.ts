/**
 * Report context figures:
 *  - one timer invocation (runTick, as WeChat's trigger runs it) planning and delivering with
 *    a sender answering after 200 ms and a database round trip of 15 ms per operation, for one
 *    village of 30,000 subscribers and for a town's month (66 villages' reports at once):
 *    messages delivered against the goal of 10,000 per 60 s invocation and the ratio, the
 *    invocation's wall time, whether anybody received two messages, and the figures that do
 *    not depend on the machine's load: store operations per message and CPU ms per message.
 *    The CPU is the whole process's and includes the embedded store, whose index upkeep per
 *    write grows with the records sharing a key (a job's records share its subjectId): the one
 *    big village costs more CPU per message than the town's month for that reason;
 *  - delivery throughput (messages/s) at a few settings;
 *  - the time to compose 66 villages' monthly reports from their disclosures.
 * Embedded store in memory with a simulated database round trip, real clock. Figures only.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { systemClock, fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import type { Collection, Doc, Store } from '../../cloudfunctions/common/store/port';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { addMonths } from '../../cloudfunctions/common/periods';
import { draftAllReports } from '../../cloudfunctions/report/compose';
import { runDeliveries, startDelivery, deliveryStatusOf } from '../../cloudfunctions/report/delivery';
import { grantsOf } from '../../cloudfunctions/report/store';
import { runTick, TIMER_BUDGET_MS, TIMER_DELIVERY_CONCURRENCY } from '../../cloudfunctions/report/timer';
import type { SubscribeSender } from '../../cloudfunctions/common/subscribe';
import { printTable } from './lib';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Adds a fixed delay to every store operation: a stand-in for the cloud database's round trip. */
function slowStore(inner: Store, ms: number): Store {
  if (ms <= 0) return inner;
  const wrap = <T extends Doc>(c: Collection<T>): Collection<T> => ({
    get: async (id) => (await sleep(ms), c.get(id)),
    find: async (q, o) => (await sleep(ms), c.find(q, o)),
    count: async (q) => (await sleep(ms), c.count(q)),
    insert: async (d) => (await sleep(ms), c.insert(d)),
    update: async (id, o) => (await sleep(ms), c.update(id, o)),
    updateWhere: async (q, o) => (await sleep(ms), c.updateWhere(q, o)),
    remove: async (id) => (await sleep(ms), c.remove(id)),
  });
  return { collection: <T extends Doc>(n: string) => wrap(inner.collection<T>(n)) };
}

/** A village of `n` subscribers and its report's delivery job, not yet planned. */
async function subscribers(store: Store, n: number, subjectId: string, villageId = 'v') {
  for (let i = 0; i < n; i++) {
    const openid = `${villageId}-${String(i).padStart(6, '0')}`;
    await users(store).insert({
      _id: openid,
      name: 'x',
      townId: 't',
      villageId,
      roles: ['migrant'],
      boundAt: '',
      via: 'seed',
    });
    await grantsOf(store).insert({
      _id: `${openid}|monthlyReport`,
      openid,
      villageId,
      template: 'monthlyReport',
      oneTime: 1,
      longTerm: false,
      lastAnswer: 'accept',
      updatedAt: '',
    });
  }
  await startDelivery(store, {
    _id: subjectId,
    kind: 'report',
    villageId,
    townId: 't',
    template: 'monthlyReport',
    page: 'report/pages/view/index',
    data: {},
    createdAt: new Date().toISOString(),
  });
}

async function delivery(
  latencyMs: number,
  dbMs: number,
  concurrency: number,
  budgetMs: number,
  people: number,
) {
  const base = nedbStore();
  await subscribers(base, people, 's1');
  let sent = 0;
  const sender: SubscribeSender = {
    send: async () => {
      await sleep(latencyMs);
      sent++;
      return { ok: true };
    },
  };
  const t0 = performance.now();
  const run = await runDeliveries(
    { store: slowStore(base, dbMs), clock: systemClock, sender },
    { owner: 'bench', budgetMs, concurrency },
  );
  const secs = (performance.now() - t0) / 1000;
  const status = await deliveryStatusOf(base, 's1');
  return {
    latencyMs,
    dbMs,
    concurrency,
    budgetMs,
    people,
    sent,
    secs,
    rate: sent / secs,
    finished: status?.state === 'done',
    run,
  };
}

async function composeTown(villagesCount: number) {
  const store = nedbStore();
  const clock = fixedClock('2026-01-01T00:00:00.000Z');
  const ids = sequentialIds('b');
  const publish = createRouter(disclosureActions);
  await towns(store).insert({ _id: 't', name: '镇' });
  let req = 0;
  for (let v = 0; v < villagesCount; v++) {
    const villageId = `v${String(v).padStart(3, '0')}`;
    await villages(store).insert({ _id: villageId, name: `${v}村`, townId: 't', trackingSince: '2026-01' });
    await users(store).insert({
      _id: `c-${villageId}`,
      name: '村委',
      townId: 't',
      villageId,
      roles: ['cadre'],
      boundAt: '',
      via: 'seed',
    });
    for (let m = 0; m < 10; m++) {
      const month = addMonths('2026-01', m);
      clock.set(`${addMonths(month, 1)}-03T02:00:00.000Z`);
      const reply = await publish(
        {
          action: 'publish',
          input: {
            requestId: `bench-${String(++req).padStart(6, '0')}`,
            villageId,
            category: 'finance',
            title: `${month} 财务公开`,
            periodKey: month,
            items: Array.from({ length: 12 }, (_, k) => ({
              direction: k % 3 === 0 ? 'income' : 'expense',
              category: k % 3 === 0 ? '其他收入' : '管理费用',
              amountFen: 10_000 + k * 137 + v,
              note: `第${k}笔`,
            })),
          },
        },
        `c-${villageId}`,
        { store, clock, ids },
      );
      if (!reply.ok) throw new Error(reply.message);
    }
  }
  const t0 = performance.now();
  const r = await draftAllReports(store, '2026-09', new Date('2026-09-30T22:00:00.000Z'));
  const ms = performance.now() - t0;
  return { villages: r.villages, created: r.created, ms };
}

/** Counts a store's operations, the inserts (planning writes one record per person) apart. */
function opCounter(inner: Store) {
  const n = { inserts: 0, other: 0 };
  const wrap = <T extends Doc>(c: Collection<T>): Collection<T> => ({
    get: (id) => (n.other++, c.get(id)),
    find: (q, o) => (n.other++, c.find(q, o)),
    count: (q) => (n.other++, c.count(q)),
    insert: (d) => (n.inserts++, c.insert(d)),
    update: (id, o) => (n.other++, c.update(id, o)),
    updateWhere: (q, o) => (n.other++, c.updateWhere(q, o)),
    remove: (id) => (n.other++, c.remove(id)),
  });
  return { store: { collection: <T extends Doc>(name: string) => wrap(inner.collection<T>(name)) }, n };
}

/**
 * One timer invocation, measured: what WeChat's trigger would do with this village waiting
 * (planned in this invocation, then sent). CPU is the whole process's during the tick, the
 * embedded store's work included (on the cloud that part runs in the database).
 */
export async function invocation(people: number, latencyMs: number, dbMs: number, villages = 1) {
  const base = nedbStore();
  const subjects = Array.from({ length: villages }, (_, v) => `s${v + 1}`);
  for (const [v, subjectId] of subjects.entries())
    await subscribers(base, Math.round(people / villages), subjectId, `v${v + 1}`);
  const received = new Map<string, number>();
  const sender: SubscribeSender = {
    send: async (msg) => {
      await sleep(latencyMs);
      received.set(msg.touser, (received.get(msg.touser) ?? 0) + 1);
      return { ok: true };
    },
  };
  const counting = opCounter(slowStore(base, dbMs));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const tick = await runTick(
    {
      store: counting.store,
      clock: systemClock,
      ids: sequentialIds('bench'),
      services: { subscribeSender: sender },
    },
    { owner: 'bench-tick' },
  );
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const sent = tick.delivery?.sent ?? 0;
  return {
    people,
    sent,
    secs,
    ops: counting.n.inserts + counting.n.other,
    /** Store operations besides planning's one insert per person. */
    sendOps: counting.n.other,
    cpuMs: (cpu.user + cpu.system) / 1000,
    twice: [...received.values()].filter((n) => n > 1).length,
    status: villages === 1 ? await deliveryStatusOf(base, 's1') : null,
  };
}

export type Invocation = Awaited<ReturnType<typeof invocation>>;

/** Subscribers waiting in the measured invocation: more than one invocation can send. */
export const INVOCATION_PEOPLE = 30_000;
export const DELIVERY_GOAL = 10_000;

/** The delivery row and its stable figures, as the lean bench prints them too. */
export function deliveryFigures(inv: Invocation) {
  const per = (x: number) => x / Math.max(1, inv.sent);
  return {
    goal: DELIVERY_GOAL,
    sent: inv.sent,
    ratio: inv.sent / DELIVERY_GOAL,
    opsPerMessage: per(inv.ops),
    sendOpsPerMessage: per(inv.sendOps),
    cpuMsPerMessage: per(inv.cpuMs),
    twice: inv.twice,
  };
}

/** The process's load (1-minute average) and cores: the figures depend on them. */
export function loadNote(): string {
  return `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`;
}

/** A town's month: every village's report delivered in the same invocation. */
export const TOWN_VILLAGES = 66;
export const TOWN_PER_VILLAGE = 400;

export default async function bench(): Promise<void> {
  const loadBefore = loadNote();
  const one = await invocation(INVOCATION_PEOPLE, 200, 15);
  const town = await invocation(TOWN_VILLAGES * TOWN_PER_VILLAGE, 200, 15, TOWN_VILLAGES);
  const [a, b] = [deliveryFigures(one), deliveryFigures(town)];
  console.log(
    `\nReport delivery in one timer invocation (runTick, planned and sent in it), sender 200 ms, database 15 ms per operation, timer budget ${TIMER_BUDGET_MS / 1000} s, concurrency ${TIMER_DELIVERY_CONCURRENCY}; ${loadBefore} before, ${loadNote()} after`,
  );
  const col1 = `1 village × ${INVOCATION_PEOPLE.toLocaleString('en')}`;
  const col2 = `${TOWN_VILLAGES} villages × ${TOWN_PER_VILLAGE}`;
  printTable(
    [
      [
        'messages delivered in one 60 s invocation',
        `≥ ${DELIVERY_GOAL.toLocaleString('en')}`,
        a.sent,
        b.sent,
      ],
      ['  ratio to the goal', '≥ 1', a.ratio.toFixed(2), b.ratio.toFixed(2)],
      ['invocation wall time (s)', '< 60', one.secs.toFixed(1), town.secs.toFixed(1)],
      ['people who received two messages', '0', a.twice, b.twice],
      [
        'store operations per message (planning incl.)',
        '-',
        a.opsPerMessage.toFixed(3),
        b.opsPerMessage.toFixed(3),
      ],
      [
        'store operations per message (sending only)',
        '-',
        a.sendOpsPerMessage.toFixed(3),
        b.sendOpsPerMessage.toFixed(3),
      ],
      [
        'CPU ms per message (process, embedded store incl.)',
        '-',
        a.cpuMsPerMessage.toFixed(3),
        b.cpuMsPerMessage.toFixed(3),
      ],
    ].map(([figure, goal, x, y]) => ({
      figure: String(figure),
      goal: String(goal),
      [col1]: String(x),
      [col2]: String(y),
    })),
  );
  console.log(`(counts after the tick, one village: ${JSON.stringify(one.status?.counts)})`);

  const window = 8_000;
  const rows = [];
  rows.push(await delivery(200, 15, 20, window, 5_000));
  rows.push(await delivery(200, 15, TIMER_DELIVERY_CONCURRENCY, window, 10_000));
  rows.push(await delivery(20, 0, TIMER_DELIVERY_CONCURRENCY, window, 20_000));
  console.log(
    '\nDelivery throughput (one run of 8 s including planning the records, real clock, in-memory store with the given database delay)',
  );
  console.log(
    'sender ms | db ms/op | concurrency | sent in window | seconds | msg/s | projected per invocation (budget %ds)',
    TIMER_BUDGET_MS / 1000,
  );
  for (const r of rows) {
    console.log(
      `${String(r.latencyMs).padStart(9)} | ${String(r.dbMs).padStart(8)} | ${String(r.concurrency).padStart(11)} | ${String(r.sent).padStart(14)} | ${r.secs.toFixed(1).padStart(7)} | ${r.rate.toFixed(0).padStart(5)} | ${Math.round((r.rate * TIMER_BUDGET_MS) / 1000)}`,
    );
  }

  const c = await composeTown(66);
  console.log(
    `\nCompose: ${c.villages} villages' reports (10 months of finance disclosures each) drafted in ${c.ms.toFixed(0)} ms (${(c.ms / c.villages).toFixed(1)} ms per village), ${c.created} created`,
  );
}
