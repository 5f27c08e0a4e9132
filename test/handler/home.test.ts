/**
 * The village home in one call (account.home): who I am and my village's home, read from the
 * home read model that publishing and correcting keep. Counts the store operations it costs.
 */
import { accountActions } from '../../cloudfunctions/account/actions';
import type { AccountOutputs } from '../../cloudfunctions/common/contracts/account';
import type { VillageHome } from '../../cloudfunctions/common/contracts/disclosure';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { homesOf } from '../../cloudfunctions/disclosure/store';
import { P, VILLAGE_A, VILLAGE_B, VILLAGE_C, okData } from './builders';
import { countedTwoTowns } from './world';
import { villageFinance } from './inputs';

type Home = AccountOutputs['home'];

const ITEMS = [
  { direction: 'income', category: '补助收入', amountFen: 3_000_000, note: '村级组织运转经费' },
  { direction: 'expense', category: '管理费用', amountFen: 960_001, note: '误工补贴' },
];
let rid = 0;
const finance = (periodKey: string) =>
  villageFinance(`req-home-${String(++rid).padStart(6, '0')}`, periodKey, ITEMS);

const setup = () => countedTwoTowns({ account: accountActions, disclosure: disclosureActions });

test('a resident gets who they are and their village home in one call of at most 3 store operations', async () => {
  const w = await setup();
  okData(await w.disclosure(P.cadreA, 'publish', finance('2026-01')));
  w.clock.advance(60_000);
  okData(await w.disclosure(P.cadreA, 'publish', finance('2026-02')));
  w.counting.reset();
  const res = okData<Home>(await w.account(P.residentA, 'home', {}));
  expect(w.counting.ops()).toBeLessThanOrEqual(3);
  expect(res.me.binding).toMatchObject({
    name: '张桂兰',
    townName: '甲镇',
    villageName: '甲村',
    roles: ['resident'],
  });
  expect(res.home?.village).toEqual({ id: VILLAGE_A, name: '甲村', townName: '甲镇' });
  expect(res.home?.latestFinance).toMatchObject({ periodKey: '2026-02' });
  expect(res.home?.recent.map((r) => r.periodKey)).toEqual(['2026-02', '2026-01']);
  expect(res.homeError).toBeNull();
});

test('the home of the one call is the village home that disclosure.home computes from the sources', async () => {
  const w = await setup();
  okData(await w.disclosure(P.cadreA, 'publish', finance('2026-02')));
  const published = okData<{ seriesId: string }>(await w.disclosure(P.cadreA, 'publish', finance('2026-01')));
  // A correction moves the period: the home follows it.
  okData(
    await w.disclosure(P.cadreA, 'correct', {
      ...finance('2025-12'),
      seriesId: published.seriesId,
      baseVersion: 1,
      reason: '期间填错',
    }),
  );
  const fromModel = okData<Home>(await w.account(P.residentA, 'home', {})).home;
  // Throw the read model away: the home is rebuilt from the sources, and is the same.
  await homesOf(w.store).remove(VILLAGE_A);
  const rebuilt = okData<VillageHome>(await w.disclosure(P.residentA, 'home', {}));
  expect(fromModel).toEqual(rebuilt);
  expect(rebuilt.recent.map((r) => r.periodKey).sort()).toEqual(['2025-12', '2026-02']);
});

test('the cadence status is worked out on the day of the read, not the day of the last publish', async () => {
  const w = await setup();
  okData(await w.disclosure(P.cadreA, 'publish', finance('2026-02')));
  const march = okData<Home>(await w.account(P.residentA, 'home', {})).home!;
  // Months later with nothing published, the February finance is not enough any more.
  w.clock.set('2026-07-20T02:00:00.000Z');
  const july = okData<Home>(await w.account(P.residentA, 'home', {})).home!;
  expect(july.status.overdue.length).toBeGreaterThan(march.status.overdue.length);
});

test('a resident cannot read another village home, not even through the read model', async () => {
  const w = await setup();
  okData(await w.disclosure(P.cadreA, 'publish', finance('2026-02')));
  expect(await w.account(P.residentB, 'home', { villageId: VILLAGE_A })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_VILLAGE',
  });
});

test("a town admin reads their town's villages, is refused another town's, and told of a village gone", async () => {
  const w = await setup();
  okData(await w.disclosure(P.cadreA, 'publish', finance('2026-02')));
  const none = okData<Home>(await w.account(P.townAdmin, 'home', {}));
  expect(none.home).toBeNull();
  expect(none.me.binding).toMatchObject({ townName: '甲镇', villageId: null, roles: ['townAdmin'] });

  w.counting.reset();
  const a = okData<Home>(await w.account(P.townAdmin, 'home', { villageId: VILLAGE_A }));
  expect(w.counting.ops()).toBeLessThanOrEqual(3);
  expect(a.home?.village.name).toBe('甲村');
  expect(a.me.binding).toMatchObject({ townName: '甲镇', villageName: null });

  const b = okData<Home>(await w.account(P.townAdmin, 'home', { villageId: VILLAGE_B }));
  expect(b.home?.recent).toEqual([]);

  // Another town's village: refused like every other action, nothing of it answered.
  expect(await w.account(P.townAdmin, 'home', { villageId: VILLAGE_C })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_VILLAGE',
  });
  expect(await w.account(P.otherTownAdmin, 'home', { villageId: VILLAGE_A })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_VILLAGE',
  });
  // A village that is gone: who they are, and why, so they can pick another.
  const gone = okData<Home>(await w.account(P.townAdmin, 'home', { villageId: 'v-gone' }));
  expect(gone.home).toBeNull();
  expect(gone.homeError?.code).toBe('NOT_FOUND');
  expect(gone.me.binding?.townName).toBe('甲镇');
});

test('someone not yet bound gets their pending claim and no home', async () => {
  const w = await setup();
  const res = okData<Home>(await w.account(P.newcomer, 'home', {}));
  expect(res).toEqual({
    me: { signedIn: true, binding: null, pendingClaim: null },
    home: null,
    homeError: null,
  });
});

test("a newcomer who scanned a village's door code is answered, to join it, with nothing of its home", async () => {
  const w = await setup();
  okData(await w.disclosure(P.cadreA, 'publish', finance('2026-02')));
  // The door code of any village, of this town or another: the page offers joining it.
  for (const villageId of [VILLAGE_A, VILLAGE_C]) {
    const res = okData<Home>(await w.account(P.newcomer, 'home', { villageId }));
    expect(res).toEqual({
      me: { signedIn: true, binding: null, pendingClaim: null },
      home: null,
      homeError: null,
    });
  }
});
