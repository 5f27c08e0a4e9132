/**
 * 资金 reconciled with 财务公开, and stocktake discrepancies as findings in the 村监委's 台账,
 * through the routers on the embedded store with a fixed clock (China date 2026-03-15).
 */
import { assetsActions } from '../../cloudfunctions/assets';
import { refreshStaleSummaries } from '../../cloudfunctions/assets/daily';
import type { AssetsOutputs, RegisterItem } from '../../cloudfunctions/common/contracts/assets';
import type { OversightOutputs } from '../../cloudfunctions/common/contracts/oversight';
import type { DisclosureDetail } from '../../cloudfunctions/common/contracts/disclosure';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { oversightActions } from '../../cloudfunctions/oversight';
import { P, VILLAGE_A, okData } from './builders';
import { okOf, refusedOf, twoTownsEach } from './world';
import { villageFinance } from './inputs';

let rid = 0;
const requestId = () => `req-f-${String(++rid).padStart(6, '0')}`;

const w = twoTownsEach({
  collections: ['assetItems', 'assetChanges', 'assetVillages', 'assetStocktakes', 'oversightLog'],
});
const call = w.caller(assetsActions);
const publish = w.caller(disclosureActions);
const oversight = w.caller(oversightActions);
const ok = okOf(call);
const refused = refusedOf(w, call);

const account = (code = 'ZJ-001', over: Record<string, unknown> = {}) =>
  ok<RegisterItem>(P.cadreA, 'registerItem', {
    requestId: requestId(),
    villageId: VILLAGE_A,
    code,
    name: '基本存款账户',
    category: 'account',
    location: '镇农商银行',
    acquiredOn: '2020-01-01',
    valueFen: 10_000_000,
    ...over,
  });

/** 甲村's 财务公开 of a month: income 42,345.67 元, expense 11,100.51 元. */
const financeOf = async (periodKey: string) =>
  okData<DisclosureDetail>(
    await publish(
      P.cadreA,
      'publish',
      villageFinance(requestId(), periodKey, [
        { direction: 'income', category: '补助收入', amountFen: 3_000_000, note: '运转经费' },
        { direction: 'income', category: '发包及上交收入', amountFen: 1_234_567, note: '鱼塘承包费' },
        { direction: 'expense', category: '管理费用', amountFen: 1_110_051, note: '误工补贴' },
      ]),
    ),
  );
const NET = 4_234_567 - 1_110_051;

const balance = (itemId: string, month: string, balanceFen: number, id = requestId()) =>
  call(P.cadreA, 'recordBalance', { requestId: id, itemId, month, balanceFen });

describe('资金: month-end balances reconciled with the 财务公开 totals', () => {
  test('a month that adds up is matched; one that does not is a mismatch seen by the cadre, the 村监委 and the town', async () => {
    const acc = await account();
    const basic = await account('ZJ-002', { name: '一般存款账户', valueFen: 500_000 });
    await financeOf('2026-02');
    okData(await balance(acc.id, '2026-01', 10_000_000));
    okData(await balance(basic.id, '2026-01', 500_000));
    // February: the disclosed net flow went into the basic account, the other one unchanged.
    okData(await balance(basic.id, '2026-02', 500_000));
    const r = okData<AssetsOutputs['recordBalance']>(await balance(acc.id, '2026-02', 10_000_000 + NET));
    expect(r.months.find((m) => m.month === '2026-02')).toMatchObject({
      state: 'matched',
      openingFen: 10_500_000,
      incomeFen: 4_234_567,
      expenseFen: 1_110_051,
      closingFen: 10_500_000 + NET,
      differenceFen: 0,
      disclosure: { title: '甲村2026-02财务收支公开', version: 1 },
    });
    expect(r.months.find((m) => m.month === '2026-01')?.state).toBe('noOpening');
    expect(r.accounts.find((a) => a.id === acc.id)).toMatchObject({
      balanceFen: 10_000_000 + NET,
      months: ['2026-01', '2026-02'],
    });

    // A March-end balance cannot be told before March ends; the 1st of April it can.
    const early = await call(P.cadreA, 'recordBalance', {
      requestId: requestId(),
      itemId: acc.id,
      month: '2026-03',
      balanceFen: 1,
    });
    expect(early).toMatchObject({ ok: false, code: 'BALANCE_MONTH_OPEN' });
    w.clock.set('2026-03-31T16:00:00.000Z'); // 2026-04-01 00:00 in China
    await financeOf('2026-03');
    okData(await balance(basic.id, '2026-03', 500_000));
    // 1,000 元 more in the bank than the books explain.
    okData(await balance(acc.id, '2026-03', 10_000_000 + 2 * NET + 100_000));
    for (const who of [P.cadreA, P.supervisorA, P.residentA, P.townAdmin]) {
      const seen = await ok<AssetsOutputs['reconciliation']>(who, 'reconciliation', { villageId: VILLAGE_A });
      expect([who, seen.months[0]]).toEqual([
        who,
        expect.objectContaining({ month: '2026-03', state: 'mismatch', differenceFen: 100_000 }),
      ]);
    }
    const town = await ok<AssetsOutputs['townView']>(P.townAdmin, 'townView', {});
    expect(town.villages.find((v) => v.villageId === VILLAGE_A)?.fundsMismatches).toEqual(['2026-03']);

    // The correction is an entry with a reason, never an edit: March then reconciles.
    w.clock.advance(3600_000);
    await ok(P.cadreA, 'recordChange', {
      requestId: requestId(),
      itemId: acc.id,
      kind: 'revalue',
      on: '2026-03-31',
      reason: '月末余额误记，按银行对账单更正',
      valueFen: 10_000_000 + 2 * NET,
      photos: [{ fileId: '/files/statement03.jpg', name: '银行对账单', kind: 'image' }],
    });
    const fixed = await ok<AssetsOutputs['reconciliation']>(P.cadreA, 'reconciliation', {});
    expect(fixed.months[0]).toMatchObject({ month: '2026-03', state: 'matched' });
    const after = await ok<AssetsOutputs['townView']>(P.townAdmin, 'townView', {});
    expect(after.villages.find((v) => v.villageId === VILLAGE_A)?.fundsMismatches).toEqual([]);
    const history = await ok<AssetsOutputs['item']>(P.cadreA, 'item', { itemId: acc.id });
    expect(history.changes.map((c) => c.kind)).toEqual([
      'acquire',
      'balance',
      'balance',
      'balance',
      'revalue',
    ]);
    expect(history.changes.at(-1)?.photos).toEqual([
      { fileId: '/files/statement03.jpg', name: '银行对账单', kind: 'image' },
    ]);
  });

  test('a month without its 财务公开, or without every balance, is never called matched', async () => {
    const acc = await account();
    const other = await account('ZJ-002', { valueFen: 0 });
    okData(await balance(acc.id, '2026-01', 10_000_000));
    okData(await balance(other.id, '2026-01', 0));
    okData(await balance(acc.id, '2026-02', 10_000_000));
    await financeOf('2026-02');
    const r = await ok<AssetsOutputs['reconciliation']>(P.cadreA, 'reconciliation', {});
    expect(r.months.find((m) => m.month === '2026-02')?.state).toBe('noBalance');
    const done = okData<AssetsOutputs['recordBalance']>(await balance(other.id, '2026-02', 0));
    expect(done.months.find((m) => m.month === '2026-02')).toMatchObject({
      state: 'mismatch',
      differenceFen: -NET,
    });
    expect(done.months.find((m) => m.month === '2026-01')?.state).toBe('noOpening');
  });

  test('a 财务公开 published after the balances reaches the town with the daily run', async () => {
    const acc = await account();
    okData(await balance(acc.id, '2026-01', 10_000_000));
    okData(await balance(acc.id, '2026-02', 10_000_000));
    await financeOf('2026-02');
    const row = async () =>
      (await ok<AssetsOutputs['townView']>(P.townAdmin, 'townView', {})).villages.find(
        (v) => v.villageId === VILLAGE_A,
      )?.fundsMismatches;
    expect(await row()).toEqual([]);
    w.clock.advance(86_400_000);
    expect(await refreshStaleSummaries(w.env)).toEqual({ refreshed: 1 });
    expect(await row()).toEqual(['2026-02']);
    // Nothing is stale any more: the same day's run again does nothing.
    expect(await refreshStaleSummaries(w.env)).toEqual({ refreshed: 0 });
    // Out of time after the first village: it stops there.
    w.clock.advance(86_400_000);
    expect(await refreshStaleSummaries(w.env, 0, () => 1)).toEqual({ refreshed: 1 });
  });

  test('refusals: not an account, an open month, a second balance, a negative one, a resident; a retry records once', async () => {
    const acc = await account();
    const pond = await ok<RegisterItem>(P.cadreA, 'registerItem', {
      requestId: requestId(),
      villageId: VILLAGE_A,
      code: 'ZY-001',
      name: '村东鱼塘',
      category: 'pond',
      acquiredOn: '2015-06-01',
      areaHundredths: 1250,
    });
    const bal = (over: Record<string, unknown>) => ({
      requestId: requestId(),
      itemId: acc.id,
      month: '2026-02',
      balanceFen: 9_000_000,
      ...over,
    });
    await refused(P.cadreA, 'recordBalance', bal({ itemId: pond.id }), 'NOT_AN_ACCOUNT');
    await refused(P.cadreA, 'recordBalance', bal({ month: '2026-03' }), 'BALANCE_MONTH_OPEN');
    await refused(P.cadreA, 'recordBalance', bal({ balanceFen: -1 }), 'VALUE_NEGATIVE');
    await refused(P.cadreA, 'recordBalance', bal({ month: '2019-12' }), 'CHANGE_DATE_BEFORE_ACQUIRED');
    await refused(P.residentA, 'recordBalance', bal({}), 'FORBIDDEN_ROLE');
    await refused(P.cadreB, 'recordBalance', bal({}), 'FORBIDDEN_VILLAGE');
    const once = bal({});
    okData(await call(P.cadreA, 'recordBalance', once));
    w.store.resetWrites();
    okData(await call(P.cadreA, 'recordBalance', once));
    expect((await w.store.collection('assetChanges').find({ itemId: acc.id }, { limit: 50 })).length).toBe(2);
    await refused(P.cadreA, 'recordBalance', bal({ balanceFen: 1 }), 'BALANCE_RECORDED');
  });
});

describe('a stocktake discrepancy becomes a finding in the 村监委 台账 with its 整改', () => {
  type Month = OversightOutputs['logMonth'];
  const stocktake = (itemId: string, id = requestId()) => ({
    requestId: id,
    villageId: VILLAGE_A,
    on: '2026-03-10',
    checks: [{ itemId, result: 'missing', note: '账户所在银行网点撤并，实物凭证未找到', photos: [] }],
  });

  test('with a deadline 30 days on, followed to verification; a retry files it once', async () => {
    const acc = await account();
    const input = stocktake(acc.id);
    const s = await ok<AssetsOutputs['recordStocktake']>(P.supervisorA, 'recordStocktake', input);
    expect(s).toMatchObject({ discrepancies: 1, fixDueOn: '2026-04-09' });
    await ok(P.supervisorA, 'recordStocktake', input);
    const month = okData<Month>(await oversight(P.supervisorA, 'logMonth', { month: '2026-03' }));
    const findings = month.entries.filter((e) => e.kind === 'finding');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ title: '三资盘点：基本存款账户实物缺失', date: '2026-03-10' });
    const fix = month.fixes.find((f) => f.id === findings[0]!.id)!;
    expect(fix).toMatchObject({ foundBy: '村监委', owner: '村两委', dueOn: '2026-04-09', status: 'open' });
    expect(fix.finding).toContain('实物凭证未找到');

    // The 整改 is followed there: the cadres report it done, the 村监委 verifies it.
    okData(
      await oversight(P.cadreA, 'fixUpdate', {
        requestId: requestId(),
        fixId: fix.id,
        move: 'done',
        note: '已找回开户凭证，存放村档案室',
      }),
    );
    const checked = okData<OversightOutputs['fixUpdate']>(
      await oversight(P.supervisorA, 'fixUpdate', {
        requestId: requestId(),
        fixId: fix.id,
        move: 'verified',
        note: '已核实凭证在档',
      }),
    );
    expect(checked.status).toBe('verified');
    // Past the deadline an open one shows overdue to the cadres.
  });

  test('a stocktake stored but its finding lost half-way is completed by the retry, once', async () => {
    const acc = await account();
    const input = stocktake(acc.id);
    await ok(P.supervisorA, 'recordStocktake', input);
    const log = w.store.collection<{ _id: string }>('oversightLog');
    const [entry] = await log.find({}, { limit: 10 });
    await log.remove(entry!._id);
    await ok(P.supervisorA, 'recordStocktake', input);
    await ok(P.supervisorA, 'recordStocktake', input);
    expect(await log.find({}, { limit: 10 })).toHaveLength(1);
    w.clock.set('2026-04-09T16:00:00.000Z'); // 2026-04-10 in China: one day past the deadline
    const month = okData<Month>(await oversight(P.cadreA, 'logMonth', { month: '2026-03' }));
    expect(month.fixes.filter((f) => f.overdue)).toHaveLength(1);
  });

  test('all present: nothing filed', async () => {
    const acc = await account();
    const s = await ok<AssetsOutputs['recordStocktake']>(P.supervisorA, 'recordStocktake', {
      ...stocktake(acc.id),
      checks: [{ itemId: acc.id, result: 'present' }],
    });
    expect(s.fixDueOn).toBeNull();
    expect(await w.store.collection('oversightLog').find({}, { limit: 10 })).toHaveLength(0);
  });
});
