/** The demo's 三资 part, seeded through the real use cases from the demo's "today". */
import { assetsActions } from '../../cloudfunctions/assets';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { AssetsOutputs } from '../../cloudfunctions/common/contracts/assets';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { seedDemoTown } from '../../cloudfunctions/local/seed';

test.each(['2026-11-23T02:00:00.000Z', '2027-03-01T01:00:00.000Z'])(
  'seeded as of %s: a pond, farmland, a factory building and a tractor per village; one overdue payment and one expired contract',
  async (now) => {
    const store = nedbStore();
    await seedDemoTown(store, now);
    const env = { store, clock: fixedClock(now), ids: sequentialIds('x') };
    const handle = createRouter(assetsActions);
    const as = async <T>(who: string, action: string, input: unknown = {}) => {
      const r = await handle({ action, input }, who, env);
      if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
      return r.data as T;
    };
    const town = await as<AssetsOutputs['townView']>('dev-town', 'townView');
    expect(town.villages.length).toBeGreaterThanOrEqual(6);
    for (const v of town.villages)
      expect([v.villageName, v.items, v.contracts]).toEqual([v.villageName, 5, 3]);
    const overdue = town.villages.reduce((n, v) => n + v.overdue.count, 0);
    const expired = town.villages.reduce((n, v) => n + v.expiredOccupied, 0);
    expect({ overdue, expired }).toEqual({ overdue: 1, expired: 1 });
    expect(town.villages.find((v) => v.villageName === '东岭村')).toMatchObject({
      overdue: { count: 1 },
      expiredOccupied: 1,
      withoutDecision: 0,
    });
    // Month-end balances follow the 财务公开, except 南湾村's, 3,000 元 short two months back.
    expect(town.villages.filter((v) => v.fundsMismatches.length).map((v) => v.villageName)).toEqual([
      '南湾村',
    ]);
    const funds = await as<AssetsOutputs['reconciliation']>('dev-resident', 'reconciliation');
    expect(funds.months.map((m) => m.state)).toEqual(['noBalance', 'matched', 'matched', 'noOpening']);
    const reg = await as<AssetsOutputs['register']>('dev-resident', 'register');
    expect(reg.items.map((i) => i.category).sort()).toEqual([
      'account',
      'building',
      'equipment',
      'land',
      'pond',
    ]);
    const cs = await as<AssetsOutputs['contracts']>('dev-resident', 'contracts');
    const pond = cs.contracts.find((c) => c.code === 'HT-01')!;
    expect(pond).toMatchObject({ counterparty: '王某', decisionTitle: '村集体鱼塘对外承包' });
    expect(pond.receivables[0]!.state).toBe('overdue');
  },
);
