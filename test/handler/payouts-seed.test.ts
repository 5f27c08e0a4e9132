/** The demo town's payout lists: a year across categories, one 优亲厚友 flag, one recipient listed twice. */
import type { PayoutOutputs } from '../../cloudfunctions/common/contracts/payouts';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { seedDemoTown } from '../../cloudfunctions/local/seed';
import { callerFor, okData } from './builders';

jest.setTimeout(120_000);

test('a year of payout lists per village, one payout to a cadre’s relative, one duplicated recipient', async () => {
  const store = nedbStore();
  const now = '2026-11-23T02:00:00.000Z';
  await seedDemoTown(store, now);
  const call = callerFor(disclosureActions, { store, clock: fixedClock(now), ids: sequentialIds('t') });
  const lists = okData<PayoutOutputs['payoutLists']>(await call('dev-resident', 'payoutLists', {}));
  expect(new Set(lists.lists.map((l) => l.periodKey)).size).toBe(12);
  expect(new Set(lists.lists.map((l) => l.category))).toEqual(
    new Set(['subsistence', 'destitute', 'disability', 'pension', 'farmland', 'relief']),
  );
  const town = okData<PayoutOutputs['payoutTown']>(await call('dev-town', 'payoutTown', {}));
  expect(town.villages).toHaveLength(6);
  const relatives = town.villages.flatMap((v) => v.relatives.map((r) => [v.villageName, r.recipient, r.of]));
  expect(relatives).toEqual([['东岭村', '李建国', '村干部 李明华']]);
  const duplicates = town.villages.flatMap((v) =>
    v.duplicates.map((d) => [v.villageName, d.recipient, d.times]),
  );
  expect(duplicates).toEqual([['南湾村', '王大山', 2]]);
  const mine = okData<PayoutOutputs['payoutMine']>(await call('dev-resident', 'payoutMine', {}));
  expect(mine.household).toBe('张桂兰');
  expect(new Set(mine.rows.map((r) => r.category))).toEqual(new Set(['pension', 'farmland']));
  // The 村监委 of 东岭村 sees the same flag; the resident does not.
  const flags = okData<PayoutOutputs['payoutFlags']>(await call('dev-supervisor', 'payoutFlags', {}));
  expect(flags.relatives.map((r) => r.recipient)).toEqual(['李建国']);
  expect(await call('dev-resident', 'payoutFlags', {})).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
});
