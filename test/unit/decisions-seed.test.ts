/** The demo's decisions part, seeded through the real actions from the demo's "today". */
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { seedDemoTown } from '../../cloudfunctions/local/seed';
import { createRouter } from '../../cloudfunctions/common/router';
import { decisionsActions } from '../../cloudfunctions/decisions';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import type { DecisionsOutputs } from '../../cloudfunctions/common/contracts/decisions';

test.each(['2026-11-23T02:00:00.000Z', '2027-03-01T01:00:00.000Z'])(
  'seeded as of %s: 30+ base items in every category with flows of 3–8 steps, decisions in every state',
  async (now) => {
    const store = nedbStore();
    await seedDemoTown(store, now);
    const env = { store, clock: fixedClock(now), ids: sequentialIds('x') };
    const handle = createRouter(decisionsActions);
    const as = async <T>(who: string, action: string, input: unknown = {}) => {
      const r = await handle({ action, input }, who, env);
      if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
      return r.data as T;
    };
    const list = await as<DecisionsOutputs['items']>('dev-resident', 'items');
    const base = list.items.filter((i) => i.scope === 'town');
    expect(base.length).toBeGreaterThanOrEqual(30);
    expect(new Set(base.map((i) => i.category)).size).toBe(6);
    for (const i of list.items)
      expect([i.name, i.stepCount >= 3 && i.stepCount <= 8]).toEqual([i.name, true]);
    expect(list.items.some((i) => i.scope === 'village')).toBe(true);
    const ds = await as<DecisionsOutputs['decisions']>('dev-resident', 'decisions');
    expect(new Set(ds.items.map((d) => d.status))).toEqual(
      new Set(['completed', 'resolved', 'inProgress', 'rejected']),
    );
    const budget = await as<DecisionsOutputs['decision']>('dev-resident', 'decision', {
      decisionId: ds.items.find((d) => d.category === 'budget')!.id,
    });
    expect(budget.meetings.at(-1)?.outcome).toBe('noQuorum');
    const town = await as<DecisionsOutputs['townView']>('dev-town', 'townView');
    expect(town.villages.find((v) => v.villageName === '西河村')?.overdue).toHaveLength(1);
    const dongling = town.villages.find((v) => v.villageName === '东岭村')!;
    expect(dongling.missingMeetings.count).toBeGreaterThan(0);
  },
  60_000,
);
