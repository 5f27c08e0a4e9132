import { assetsActions } from '../assets';
import { addDays } from '../assets/domain/contracts';
import { chinaDateKey, chinaDayStart, chinaMonthKey, fixedClock, type Clock } from '../common/clock';
import type { DisclosureOutputs } from '../common/contracts/disclosure';
import { sequentialIds } from '../common/ids';
import { villages, type UserDoc } from '../common/identity';
import { createRouter, type Ctx } from '../common/router';
import { addMonths } from '../common/periods';
import { findAll, type Store } from '../common/store/port';
import { decisionsActions } from '../decisions';
import { disclosureActions } from '../disclosure/actions';
import { financeDisclosures } from '../disclosure/public';

/**
 * The 三资 part of the demo town, through the real use cases: per village a register (a fish
 * pond, farmland, a factory building, a tractor, the bank account), contracts on them with their
 * payments; in 东岭村 the pond contracted under its passed 票决 decision with the first payment
 * overdue, and a building lease that expired but is still occupied. Every date is counted back
 * from `now`, the demo's today.
 */

/** Cadres of the villages with a demo login; the others are seeded as their (unstored) cadre. */
const CADRES: Record<string, string> = { 'v-dongling': 'dev-cadre', 'v-xihe': 'dev-cadre-xihe' };

export async function seedAssetsDemo(store: Store, now: string): Promise<void> {
  const clock = fixedClock(now);
  const env = { store, clock: clock as Clock, ids: sequentialIds('aseed') };
  const today = chinaDateKey(now);
  const day = (daysAgo: number) => addDays(today, -daysAgo);
  let n = 0;
  const rid = () => `seed-assets-${String(++n).padStart(4, '0')}`;

  const run = async <T>(
    villageId: string,
    townId: string,
    action: keyof typeof assetsActions,
    input: object,
  ) => {
    clock.set(new Date(chinaDayStart(today).getTime() + 9 * 3600_000).toISOString());
    const def = assetsActions[action];
    const parsed = def.input.safeParse(input);
    if (!parsed.success) throw new Error(`seed assets ${action}: ${parsed.error.issues[0]?.message}`);
    const user: UserDoc = {
      _id: CADRES[villageId] ?? `seed-cadre-${villageId}`,
      name: '村报账员',
      townId,
      villageId,
      roles: ['cadre'],
      boundAt: now,
      via: 'seed',
    };
    const ctx: Ctx = { ...env, principal: { openid: user._id, user } };
    return (await (def.run as (i: unknown, c: Ctx) => Promise<unknown>)(parsed.data, ctx)) as T;
  };

  // 东岭村's passed decision on its pond, and its latest 财务公开 (a payment is shown against it).
  const ask = async <T>(
    handle: ReturnType<typeof createRouter>,
    action: string,
    input: object,
    who = 'dev-cadre',
  ) => {
    const r = await handle({ action, input }, who, env);
    if (!r.ok) throw new Error(`seed assets ${action}: ${r.code} ${r.message}`);
    return r.data as T;
  };
  const decided = await ask<{ items: { id: string; category: string; status: string }[] }>(
    createRouter(decisionsActions),
    'decisions',
    { villageId: 'v-dongling', limit: 50 },
  );
  const pondDecision = decided.items.find(
    (d) => d.category === 'lease' && d.status !== 'inProgress' && d.status !== 'rejected',
  );
  /** A village's latest 财务公开 line, for payments shown against it (read as the town). */
  const disclosures = createRouter(disclosureActions);
  const financeLineOf = async (villageId: string, lineIndex: number) => {
    const list = await ask<DisclosureOutputs['list']>(
      disclosures,
      'list',
      { villageId, category: 'finance' },
      'dev-town',
    );
    const latest = list.items[0];
    return latest ? { seriesId: latest.seriesId, version: latest.version, lineIndex } : null;
  };

  /**
   * Month-end balances of the account for the 4th to 2nd months back, following the village's
   * 财务公开 so they reconcile; last month's is left for the cadre to record. In 南湾村 the 2nd
   * month back ends 3,000 元 short of what its disclosure explains (a mismatch on the town view).
   */
  const seedBalances = async (villageId: string, townId: string, itemId: string, start: number) => {
    const current = chinaMonthKey(now);
    const months = [-4, -3, -2].map((n) => addMonths(current, n));
    const disclosed = await financeDisclosures(store, villageId, months);
    let balanceFen = start;
    for (const [i, month] of months.entries()) {
      const d = disclosed.find((x) => x.periodKey === month);
      if (i > 0 && d) balanceFen += d.totals.incomeFen - d.totals.expenseFen;
      const short = villageId === 'v-nanwan' && i === 2 ? 300_000 : 0;
      await run(villageId, townId, 'recordBalance', {
        requestId: rid(),
        itemId,
        month,
        balanceFen: Math.max(0, balanceFen - short),
      });
    }
  };

  const all = await findAll(villages(store), {}, { sort: { _id: 1 } });
  for (const [k, v] of all.entries()) {
    const go = <T>(action: keyof typeof assetsActions, input: object) =>
      run<T>(v._id, v.townId, action, input);
    const dongling = v._id === 'v-dongling';
    const item = async (code: string, name: string, category: string, over: object) =>
      (
        await go<{ id: string }>('registerItem', {
          requestId: rid(),
          villageId: v._id,
          code,
          name,
          category,
          acquiredOn: '2012-03-01',
          ...over,
        })
      ).id;
    const pond = await item('ZY-001', dongling ? '村集体鱼塘' : '村东鱼塘', 'pond', {
      location: '村东水库下游',
      areaHundredths: dongling ? 3000 : 850 + k * 125,
      status: 'idle',
    });
    const land = await item('ZY-002', '村南集体耕地', 'land', {
      location: '村南畈',
      areaHundredths: 12_000 - k * 900,
    });
    const shed = await item('ZC-001', '村集体厂房', 'building', {
      location: '村工业点 1 号',
      valueFen: 80_000_000 + k * 3_500_000,
    });
    await item('ZC-002', '拖拉机（东方红 LX904）', 'equipment', {
      location: '村农机库',
      valueFen: 6_800_000,
    });
    const account = await item('ZJ-001', '基本存款账户', 'account', {
      location: '镇农商银行',
      valueFen: 36_542_100 + k * 1_230_000,
    });
    await seedBalances(v._id, v.townId, account, 36_542_100 + k * 1_230_000);

    // The pond: 东岭村 contracts it for 5 years under its decision; the first payment is overdue.
    const pondStart = dongling ? day(10) : day(400);
    const years = dongling ? 5 : 3;
    const yearly = dongling ? 1_600_000 : 1_200_000;
    const schedule = Array.from({ length: years }, (_, y) => ({
      dueOn: addDays(pondStart, y * 365 + (dongling ? 5 : 30)),
      amountFen: yearly,
    }));
    const pondContract = await go<{ receivables: { id: string; dueOn: string; amountFen: number }[] }>(
      'createContract',
      {
        requestId: rid(),
        villageId: v._id,
        code: 'HT-01',
        kind: 'contracting',
        itemId: pond,
        counterparty: { kind: 'person', name: dongling ? '王建国' : '李春生' },
        startOn: pondStart,
        endOn: addDays(pondStart, years * 365 - 1),
        amountFen: yearly * years,
        depositFen: 200_000,
        schedule,
        ...(dongling && pondDecision ? { decisionId: pondDecision.id } : {}),
      },
    );
    if (!dongling)
      for (const r of pondContract.receivables.filter((x) => x.dueOn < today))
        await go('recordPayment', {
          requestId: rid(),
          receivableId: r.id,
          receivedOn: r.dueOn,
          amountFen: r.amountFen,
          financeLine: (await financeLineOf(v._id, 0)) ?? undefined,
        });

    // The farmland: contracted to the village's cooperative in small yearly parts.
    await go('createContract', {
      requestId: rid(),
      villageId: v._id,
      code: 'HT-02',
      kind: 'contracting',
      itemId: land,
      counterparty: { kind: 'organization', name: `${v.name}种植专业合作社` },
      startOn: day(200),
      endOn: addDays(day(200), 2 * 365 - 1),
      amountFen: 2_400_000,
      schedule: [
        { dueOn: addDays(day(200), 200 + 30), amountFen: 1_200_000 },
        { dueOn: addDays(day(200), 365 + 200 + 30), amountFen: 1_200_000 },
      ],
    });

    // The factory building: in 东岭村 a lease that ended 20 days ago, still occupied.
    const shedStart = dongling ? day(2 * 365 + 20) : day(100);
    const shedContract = await go<{ receivables: { id: string; dueOn: string; amountFen: number }[] }>(
      'createContract',
      {
        requestId: rid(),
        villageId: v._id,
        code: 'HT-03',
        kind: 'lease',
        itemId: shed,
        counterparty: { kind: 'organization', name: dongling ? '清河竹制品加工厂' : '清河农机维修部' },
        startOn: shedStart,
        endOn: addDays(shedStart, 2 * 365 - 1),
        amountFen: 4_000_000,
        depositFen: 500_000,
        schedule: [
          { dueOn: addDays(shedStart, 10), amountFen: 2_000_000 },
          { dueOn: addDays(shedStart, 365 + 10), amountFen: 2_000_000 },
        ],
      },
    );
    for (const r of shedContract.receivables.filter((x) => x.dueOn < today))
      await go('recordPayment', {
        requestId: rid(),
        receivableId: r.id,
        receivedOn: r.dueOn,
        amountFen: r.amountFen,
        financeLine: (await financeLineOf(v._id, 1)) ?? undefined,
      });
  }
}
