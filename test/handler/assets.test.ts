/**
 * 三资 through the router on the embedded store, with a fixed clock (China date 2026-03-15): a
 * pond registered and leased under a passed 票决 decision, the first payment overdue and then
 * received against a finance line; the register at a past date; every refusal (each named, in
 * Chinese, writing nothing); the policy table; retries; stocktakes; the town view and public.ts.
 */
import ExcelJS from 'exceljs';
import { assetsActions } from '../../cloudfunctions/assets';
import { parseRegisterPaste } from '../../src/features/assets/paste';
import { ACTION_PERMISSION, POLICY, refusal, type Permission } from '../../cloudfunctions/assets/policy';
import { assetFiguresOf } from '../../cloudfunctions/assets/public';
import { runReminders } from '../../cloudfunctions/assets/reminders';
import { outboxSender } from '../../cloudfunctions/common/subscribe';
import {
  type AssetsOutputs,
  type ContractView,
  type RegisterItem,
} from '../../cloudfunctions/common/contracts/assets';
import type { DecisionDetail } from '../../cloudfunctions/common/contracts/decisions';
import { type Role } from '../../cloudfunctions/common/contracts/shared';
import { decisionsActions } from '../../cloudfunctions/decisions';
import { OTHER_TOWN, P, TOWN, VILLAGE_A, VILLAGE_B, okData } from './builders';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { RENT_FINANCE_LINES, RENT_LINE, unanimousMeeting, villageFinance, villagePond } from './inputs';
import { okOf, refusedOf, twoTownsEach } from './world';

const PHOTO = [{ fileId: '/files/pond01.jpg', name: '鱼塘', kind: 'image' }];
let rid = 0;
const requestId = () => `req-${String(++rid).padStart(6, '0')}`;

const pond = (over: Record<string, unknown> = {}) => ({ ...villagePond(requestId(), PHOTO), ...over });

const lease = (itemId: string, over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  villageId: VILLAGE_A,
  code: 'HT-2026-01',
  kind: 'lease',
  itemId,
  counterparty: { kind: 'person', name: '王建国' },
  startOn: '2026-03-01',
  endOn: '2029-02-28',
  amountFen: 3_600_000,
  depositFen: 200_000,
  schedule: [
    { dueOn: '2026-03-31', amountFen: 1_200_000 },
    { dueOn: '2027-03-31', amountFen: 1_200_000 },
    { dueOn: '2028-03-31', amountFen: 1_200_000 },
  ],
  ...over,
});

/** A lease of ¥1,000.00 paid at once (on `dueOn`), under the decision, from `startOn` to `endOn`. */
const smallLease = (
  itemId: string,
  decisionId: string,
  code: string,
  startOn: string,
  endOn: string,
  dueOn: string,
) =>
  lease(itemId, {
    code,
    decisionId,
    startOn,
    endOn,
    amountFen: 100_000,
    schedule: [{ dueOn, amountFen: 100_000 }],
  });

/** A valid input of every action, with every optional field present so each one is probed. */
const VALID: Record<keyof typeof assetsActions, Record<string, unknown>> = {
  register: { villageId: VILLAGE_A, asOf: '2026-01-01' },
  exportRegister: { villageId: VILLAGE_A, asOf: '2026-01-01' },
  item: { itemId: `${VILLAGE_A}:ZY-001` },
  registerItem: { ...pond(), valueFen: 0, note: '养殖用' },
  importItems: {
    requestId: 'req-import-1',
    villageId: VILLAGE_A,
    items: [{ ...pond(), requestId: undefined }],
  },
  recordChange: {
    requestId: 'req-change-1',
    itemId: `${VILLAGE_A}:ZY-001`,
    kind: 'revalue',
    on: '2026-03-01',
    reason: '重新评估',
    decisionId: 'mdecision',
    valueFen: 100,
    areaHundredths: 1250,
    status: 'inUse',
    photos: PHOTO,
  },
  contracts: { villageId: VILLAGE_A },
  createContract: { ...lease(`${VILLAGE_A}:ZY-001`), decisionId: 'mdecision', note: '三年一签' },
  recordVacated: { contractId: `${VILLAGE_A}:HT-2026-01`, on: '2026-03-10' },
  recordPayment: {
    requestId: 'req-pay-1',
    receivableId: `${VILLAGE_A}:HT-2026-01.1`,
    receivedOn: '2026-03-10',
    amountFen: 1_200_000,
    financeLine: { seriesId: 'fin-a-2026', version: 1, lineIndex: 2 },
  },
  waive: {
    receivableId: `${VILLAGE_A}:HT-2026-01.1`,
    on: '2026-03-10',
    reason: '受灾减免',
    decisionId: 'mdecision',
  },
  recordStocktake: {
    requestId: 'req-stock-1',
    villageId: VILLAGE_A,
    on: '2026-03-10',
    checks: [{ itemId: `${VILLAGE_A}:ZY-001`, result: 'present', note: '', photos: PHOTO }],
  },
  stocktakes: { villageId: VILLAGE_A },
  subscribeReminders: { requestId: 'req-sub-00001', answers: [{ kind: 'paymentDue', answer: 'accept' }] },
  setThreshold: { thresholdFen: 3_000_000 },
  recordBalance: { requestId: 'req-bal-1', itemId: `${VILLAGE_A}:ZJ-001`, month: '2026-02', balanceFen: 100 },
  reconciliation: { villageId: VILLAGE_A },
  townView: { cursor: VILLAGE_A, limit: 10 },
};
delete VALID.importItems.items;
VALID.importItems.items = [{ ...pond(), requestId: undefined, villageId: undefined }];

const w = twoTownsEach({
  // Every collection either context may write, so a snapshot sees them before first use.
  collections: [
    'assetItems',
    'assetChanges',
    'assetContracts',
    'assetReceivables',
    'assetStocktakes',
    'assetVillages',
    'assetSettings',
    'assetReminderGrants',
    'assetReminders',
    'decisions',
    'decisionSteps',
    'decisionVillages',
    'oversightLog',
  ],
});
const call = w.caller(assetsActions);
const decide = w.caller(decisionsActions);
const disclose = w.caller(disclosureActions);

/** 甲村's 财务公开 of `month` with the pond's rent on an income line: what a payment names. */
async function rentLine(month = '2026-02') {
  const fin = okData<{ seriesId: string }>(
    await disclose(P.cadreA, 'publish', villageFinance(requestId(), month, RENT_FINANCE_LINES)),
  );
  return { seriesId: fin.seriesId, version: 1, lineIndex: RENT_LINE };
}
const ok = okOf(call);
const refused = refusedOf(w, call);

/** A 四议两公开 decision of village A through the decisions context, up to its 票决 (passed or not). */
/** Proposed on the 2nd of `month`, resolved on its 10th. */
async function decision(
  category: string,
  passed = true,
  villageId = VILLAGE_A,
  month = '2026-02',
): Promise<string> {
  const cadre = villageId === VILLAGE_A ? P.cadreA : P.cadreB;
  const d = okData<DecisionDetail>(
    await decide(cadre, 'propose', {
      requestId: requestId(),
      villageId,
      title: '村东鱼塘对外出租三年',
      category,
      proposer: '村党支部',
      proposedOn: `${month}-02`,
      resolutionBody: 'representatives',
    }),
  );
  const meeting = (step: string, heldOn: string, entitled: number) =>
    unanimousMeeting({ requestId: requestId(), decisionId: d.id, step, heldOn, entitled, minutes: PHOTO });
  okData(await decide(cadre, 'recordMeeting', meeting('committee', `${month}-03`, 7)));
  okData(await decide(cadre, 'recordMeeting', meeting('partyCongress', `${month}-05`, 30)));
  if (passed) {
    const r = okData<DecisionDetail>(
      await decide(cadre, 'recordMeeting', meeting('resolution', `${month}-10`, 30)),
    );
    expect(r.status).toBe('resolved');
  }
  return d.id;
}

async function leasedPond(): Promise<{ item: RegisterItem; contract: ContractView; decisionId: string }> {
  const item = await ok<RegisterItem>(P.cadreA, 'registerItem', pond());
  const decisionId = await decision('lease');
  const contract = await ok<ContractView>(P.cadreA, 'createContract', lease(item.id, { decisionId }));
  return { item, contract, decisionId };
}

describe('a pond leased under a 票决 decision, a payment overdue, then received', () => {
  test('register, lease, overdue on the town view, payment against a finance line, seen by a resident', async () => {
    const { item, contract, decisionId } = await leasedPond();
    expect(item).toMatchObject({ kind: 'resources', areaHundredths: 1250, status: 'idle' });
    expect(contract).toMatchObject({ decisionId, decisionTitle: '村东鱼塘对外出租三年', term: 'active' });
    expect(contract.receivables.map((r) => r.state)).toEqual(['due', 'due', 'due']);
    // Signing is a change of use by record: the pond shows leased, and was idle before.
    const pondNow = await ok<AssetsOutputs['item']>(P.residentA, 'item', { itemId: item.id });
    expect(pondNow.item.status).toBe('leased');
    expect(pondNow.changes.map((c) => [c.kind, c.on, c.status])).toEqual([
      ['acquire', '2015-06-01', 'idle'],
      ['changeUse', '2026-03-01', 'leased'],
    ]);

    // 2026-04-01 (China): the first payment was due on 3月31日 and nobody recorded it.
    w.clock.set('2026-03-31T16:00:00.000Z');
    const town = await ok<AssetsOutputs['townView']>(P.townAdmin, 'townView', {});
    expect(town.villages.find((v) => v.villageId === VILLAGE_A)).toMatchObject({
      overdue: { count: 1, amountFen: 1_200_000 },
      withoutDecision: 0,
    });
    const seen = await ok<AssetsOutputs['contracts']>(P.residentA, 'contracts', {});
    expect(seen.contracts[0]!.receivables[0]!.state).toBe('overdue');

    const financeLine = await rentLine('2026-03');
    const paid = await ok<ContractView>(P.cadreA, 'recordPayment', {
      requestId: 'req-pay-000001',
      receivableId: contract.receivables[0]!.id,
      receivedOn: '2026-04-01',
      amountFen: 1_200_000,
      financeLine,
    });
    expect(paid.receivables[0]).toMatchObject({ state: 'received', receivedOn: '2026-04-01', financeLine });
    const after = await ok<AssetsOutputs['townView']>(P.townAdmin, 'townView', {});
    expect(after.villages.find((v) => v.villageId === VILLAGE_A)!.overdue).toEqual({
      count: 0,
      amountFen: 0,
    });

    // The resident sees the contract and the payment, the private lessee by surname only.
    const resident = await ok<AssetsOutputs['contracts']>(P.residentA, 'contracts', {});
    expect(resident.contracts[0]).toMatchObject({ counterparty: '王某', itemName: '村东鱼塘' });
    expect(resident.contracts[0]!.receivables[0]!.state).toBe('received');
    expect(JSON.stringify(resident)).not.toContain('王建国');
    const cadre = await ok<AssetsOutputs['contracts']>(P.cadreA, 'contracts', {});
    expect(cadre.contracts[0]!.counterparty).toBe('王建国');
  });

  test('a retried payment records once; a second payment of the same receivable is refused', async () => {
    const { contract } = await leasedPond();
    const pay = {
      requestId: 'req-pay-000002',
      receivableId: contract.receivables[0]!.id,
      receivedOn: '2026-03-14',
      amountFen: 1_200_000,
      financeLine: await rentLine(),
    };
    await ok(P.cadreA, 'recordPayment', pay);
    const again = await ok<ContractView>(P.cadreA, 'recordPayment', pay);
    expect(again.receivables[0]!.financeLine).toEqual(pay.financeLine);
    await refused(
      P.cadreA,
      'recordPayment',
      { ...pay, requestId: 'req-pay-000003', receivedOn: '2026-03-15' },
      'ALREADY_SETTLED',
    );
  });

  test('a waiver needs a reason and a passed decision, and settles the receivable', async () => {
    const { contract } = await leasedPond();
    const pending = await decision('other', false);
    const w = {
      receivableId: contract.receivables[1]!.id,
      on: '2026-03-15',
      reason: '遭受洪灾，减免一年租金',
    };
    await refused(P.cadreA, 'waive', { ...w, decisionId: pending }, 'DECISION_NOT_PASSED');
    const passed = await decision('other');
    const c = await ok<ContractView>(P.cadreA, 'waive', { ...w, decisionId: passed });
    expect(c.receivables[1]).toMatchObject({
      state: 'waived',
      waiver: { reason: w.reason, decisionId: passed },
    });
  });
});

describe('the register: changes only as entries with a reason; any past date', () => {
  test('revalued, resized, disposed with a decision; the register at earlier dates shows each step', async () => {
    const shed = await ok<RegisterItem>(
      P.cadreA,
      'registerItem',
      pond({
        code: 'ZC-010',
        name: '村集体厂房',
        category: 'building',
        areaHundredths: null,
        valueFen: 80_000_000,
      }),
    );
    const change = (over: Record<string, unknown>) => ({
      requestId: requestId(),
      itemId: shed.id,
      reason: '资产评估调整',
      ...over,
    });
    await ok(P.cadreA, 'recordChange', change({ kind: 'revalue', on: '2025-12-31', valueFen: 60_000_000 }));
    await ok(P.cadreA, 'recordChange', change({ kind: 'changeUse', on: '2026-01-20', status: 'inUse' }));
    const decisionId = await decision('other');
    const done = await ok<AssetsOutputs['recordChange']>(
      P.cadreA,
      'recordChange',
      change({ kind: 'dispose', on: '2026-03-01', reason: '危房拆除', decisionId }),
    );
    expect(done.item.status).toBe('disposed');
    expect(done.changes.map((c) => c.kind)).toEqual(['acquire', 'revalue', 'changeUse', 'dispose']);
    const at = async (asOf: string) =>
      (await ok<AssetsOutputs['register']>(P.residentA, 'register', { asOf })).items.find(
        (i) => i.code === 'ZC-010',
      );
    expect(await at('2014-01-01')).toBeUndefined();
    expect(await at('2025-06-30')).toMatchObject({ valueFen: 80_000_000, status: 'idle' });
    expect(await at('2026-01-10')).toMatchObject({ valueFen: 60_000_000, status: 'idle' });
    expect(await at('2026-02-01')).toMatchObject({ valueFen: 60_000_000, status: 'inUse' });
    expect((await at('2026-03-15'))?.status).toBe('disposed');
  });

  test('the same request again registers once and answers the same', async () => {
    const input = pond();
    const a = await ok<RegisterItem>(P.cadreA, 'registerItem', input);
    const b = await ok<RegisterItem>(P.cadreA, 'registerItem', input);
    expect(b).toEqual(a);
    const reg = await ok<AssetsOutputs['register']>(P.cadreA, 'register', {});
    expect(reg.items).toHaveLength(1);
    const detail = await ok<AssetsOutputs['item']>(P.cadreA, 'item', { itemId: a.id });
    expect(detail.changes.map((c) => c.kind)).toEqual(['acquire']);
  });

  test('a pasted register: each bad row explained, nothing written; a good paste registers every row', async () => {
    const rows = [
      { ...pond(), requestId: undefined, villageId: undefined },
      { ...pond(), requestId: undefined, villageId: undefined, code: 'ZY-002', areaHundredths: -500 },
      {
        ...pond(),
        requestId: undefined,
        villageId: undefined,
        code: 'ZC-003',
        category: 'equipment',
        areaHundredths: null,
      },
    ];
    const message = await refused(
      P.cadreA,
      'importItems',
      { requestId: requestId(), villageId: VILLAGE_A, items: rows },
      'AREA_NEGATIVE',
    );
    expect(message).toContain('第2行');
    expect(message).toContain('第3行');
    const good = rows.map((r, i) => ({
      ...r,
      areaHundredths: i === 2 ? null : 800,
      valueFen: i === 2 ? 4_500_000 : 0,
    }));
    expect(
      await ok(P.cadreA, 'importItems', { requestId: requestId(), villageId: VILLAGE_A, items: good }),
    ).toEqual({
      created: 3,
      existing: 0,
    });
    // Pasted again with a changed area: nothing is overwritten (changes are entries with a reason).
    const changed = good.map((r, i) => (i === 0 ? { ...r, areaHundredths: 100 } : r));
    expect(
      await ok(P.cadreA, 'importItems', { requestId: requestId(), villageId: VILLAGE_A, items: changed }),
    ).toEqual({ created: 0, existing: 3 });
    const reg = await ok<AssetsOutputs['register']>(P.cadreA, 'register', {});
    expect(reg.items.find((i) => i.code === 'ZY-001')!.areaHundredths).toBe(800);
  });
});

describe('Excel export and paste import of the register', () => {
  test('the exported workbook, pasted back, gives the same items', async () => {
    const rows = [
      { ...pond(), requestId: undefined, villageId: undefined },
      {
        ...pond(),
        requestId: undefined,
        villageId: undefined,
        code: 'ZC-002',
        name: '拖拉机',
        category: 'equipment',
        areaHundredths: null,
        valueFen: 6_800_000,
        status: 'inUse',
      },
      {
        ...pond(),
        requestId: undefined,
        villageId: undefined,
        code: 'ZJ-001',
        name: '基本存款账户',
        category: 'account',
        areaHundredths: null,
        valueFen: 36_542_101,
        status: 'inUse',
      },
    ];
    await ok(P.cadreA, 'importItems', { requestId: requestId(), villageId: VILLAGE_A, items: rows });
    const file = await ok<AssetsOutputs['exportRegister']>(P.residentA, 'exportRegister', {});
    expect(file.fileName).toBe('甲村三资登记簿2026年3月15日.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const text: string[] = [];
    ws.eachRow((row) => {
      const values = (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v)));
      text.push(values.join('\t'));
    });
    const pasted = parseRegisterPaste(text.join('\n'));
    expect(pasted.map((r) => r.error)).toEqual([null, null, null]);
    const reg = await ok<AssetsOutputs['register']>(P.cadreA, 'register', {});
    const strip = (i: Record<string, unknown>) => ({
      code: i.code,
      name: i.name,
      category: i.category,
      location: i.location,
      acquiredOn: i.acquiredOn,
      valueFen: i.valueFen,
      areaHundredths: i.areaHundredths,
      status: i.status,
    });
    expect(pasted.map((r) => strip(r.item as unknown as Record<string, unknown>))).toEqual(
      reg.items.map((i) => strip(i as unknown as Record<string, unknown>)),
    );
  });
});

describe('refusals (each named, in Chinese, writing nothing)', () => {
  test('a land transfer without a decision', async () => {
    const land = await ok<RegisterItem>(
      P.cadreA,
      'registerItem',
      pond({ code: 'ZY-020', name: '村南耕地', category: 'land', areaHundredths: 12_000 }),
    );
    const msg = await refused(
      P.cadreA,
      'createContract',
      lease(land.id, {
        kind: 'landTransfer',
        amountFen: 30_000,
        schedule: [{ dueOn: '2026-03-31', amountFen: 30_000 }],
      }),
      'DECISION_REQUIRED',
    );
    expect(msg).toContain('土地流转');
  });

  test('a contract at or above the town threshold without a decision; below it none is needed', async () => {
    const item = await ok<RegisterItem>(P.cadreA, 'registerItem', pond());
    await ok(P.townAdmin, 'setThreshold', { thresholdFen: 3_000_000 });
    await refused(P.cadreA, 'createContract', lease(item.id), 'DECISION_REQUIRED');
    await ok(P.townAdmin, 'setThreshold', { thresholdFen: 5_000_000 });
    const c = await ok<ContractView>(P.cadreA, 'createContract', lease(item.id, { code: 'HT-2026-02' }));
    expect(c.decisionId).toBeNull();
    // The town lowers its threshold: the contract now shows as lacking a decision.
    await ok(P.townAdmin, 'setThreshold', { thresholdFen: 3_000_000 });
    const town = await ok<AssetsOutputs['townView']>(P.townAdmin, 'townView', {});
    expect(town.villages.find((v) => v.villageId === VILLAGE_A)!.withoutDecision).toBe(1);
  });

  test('a decision not yet passed, or of another village', async () => {
    const item = await ok<RegisterItem>(P.cadreA, 'registerItem', pond());
    await refused(
      P.cadreA,
      'createContract',
      lease(item.id, { decisionId: await decision('lease', false) }),
      'DECISION_NOT_PASSED',
    );
    await refused(
      P.cadreA,
      'createContract',
      lease(item.id, { decisionId: await decision('lease', true, VILLAGE_B) }),
      'DECISION_NOT_FOUND',
    );
  });

  test('a negative area, a negative value, a resource without area', async () => {
    await refused(P.cadreA, 'registerItem', pond({ areaHundredths: -100 }), 'AREA_NEGATIVE');
    await refused(P.cadreA, 'registerItem', pond({ areaHundredths: null }), 'AREA_REQUIRED');
    await refused(P.cadreA, 'registerItem', pond({ valueFen: -1 }), 'VALUE_NEGATIVE');
    await refused(P.cadreA, 'registerItem', pond({ acquiredOn: '2026-03-16' }), 'ASSET_DATE_IN_FUTURE');
  });

  test('a payment schedule that does not add up to the contract amount, or lies outside the term', async () => {
    const { item, decisionId } = await leasedPond();
    const base = { code: 'HT-2026-09', decisionId };
    await refused(
      P.cadreA,
      'createContract',
      lease(item.id, { ...base, amountFen: 3_600_001 }),
      'SCHEDULE_MISMATCH',
    );
    await refused(
      P.cadreA,
      'createContract',
      lease(item.id, { ...base, schedule: [{ dueOn: '2030-01-01', amountFen: 3_600_000 }] }),
      'SCHEDULE_OUT_OF_TERM',
    );
    await refused(
      P.cadreA,
      'createContract',
      lease(item.id, { ...base, endOn: '2026-02-01' }),
      'TERM_INVALID',
    );
  });

  test('edits in place: a registered item or a signed contract cannot be overwritten', async () => {
    const { item, decisionId } = await leasedPond();
    await refused(P.cadreA, 'registerItem', pond({ areaHundredths: 900 }), 'ITEM_EXISTS');
    await refused(
      P.cadreA,
      'createContract',
      lease(item.id, {
        decisionId,
        amountFen: 1_200_000,
        schedule: [{ dueOn: '2026-03-31', amountFen: 1_200_000 }],
      }),
      'CONTRACT_EXISTS',
    );
    // A change must say what changes, and why (the schema refuses a change without a reason).
    await refused(
      P.cadreA,
      'recordChange',
      {
        requestId: requestId(),
        itemId: item.id,
        kind: 'resize',
        on: '2026-03-01',
        reason: '重新测量',
        areaHundredths: 1250,
      },
      'CHANGE_EMPTY',
    );
    await refused(
      P.cadreA,
      'recordChange',
      {
        requestId: requestId(),
        itemId: item.id,
        kind: 'resize',
        on: '2026-03-01',
        reason: '',
        areaHundredths: 1300,
      },
      'BAD_INPUT',
    );
    await refused(
      P.cadreA,
      'recordChange',
      { requestId: requestId(), itemId: item.id, kind: 'dispose', on: '2026-03-01', reason: '出售' },
      'DECISION_REQUIRED',
    );
    await refused(
      P.cadreA,
      'recordChange',
      {
        requestId: requestId(),
        itemId: item.id,
        kind: 'resize',
        on: '2010-01-01',
        reason: '重新测量',
        areaHundredths: 1300,
      },
      'CHANGE_DATE_BEFORE_ACQUIRED',
    );
  });

  test('a payment of another amount; a funds account leased', async () => {
    const { contract } = await leasedPond();
    const pay = {
      requestId: requestId(),
      receivableId: contract.receivables[0]!.id,
      receivedOn: '2026-03-14',
      amountFen: 1_000_000,
      financeLine: { seriesId: 'fin-a-2026', version: 1, lineIndex: 0 },
    };
    await refused(P.cadreA, 'recordPayment', pay, 'AMOUNT_MISMATCH');
    await refused(
      P.cadreA,
      'recordPayment',
      { ...pay, amountFen: 1_200_000, receivedOn: '2026-03-16' },
      'ASSET_DATE_IN_FUTURE',
    );
    const account = await ok<RegisterItem>(
      P.cadreA,
      'registerItem',
      pond({
        code: 'ZJ-001',
        name: '基本存款账户',
        category: 'account',
        areaHundredths: null,
        valueFen: 12_345_600,
      }),
    );
    await refused(P.cadreA, 'createContract', lease(account.id, { code: 'HT-X' }), 'NOT_LEASABLE');
  });

  test('wrong role, other village, other town', async () => {
    const { item, contract } = await leasedPond();
    await refused(P.residentA, 'registerItem', pond({ code: 'ZY-099' }), 'FORBIDDEN_ROLE');
    await refused(P.supervisorA, 'createContract', lease(item.id, { code: 'HT-9' }), 'FORBIDDEN_ROLE');
    await refused(P.cadreB, 'registerItem', pond({ code: 'ZY-099' }), 'FORBIDDEN_VILLAGE');
    await refused(
      P.cadreB,
      'recordChange',
      {
        requestId: requestId(),
        itemId: item.id,
        kind: 'resize',
        on: '2026-03-01',
        reason: '重新测量',
        areaHundredths: 1300,
      },
      'FORBIDDEN_VILLAGE',
    );
    await refused(
      P.cadreB,
      'recordPayment',
      {
        requestId: requestId(),
        receivableId: contract.receivables[0]!.id,
        receivedOn: '2026-03-14',
        amountFen: 1_200_000,
        financeLine: { seriesId: 'fin-a-2026', version: 1, lineIndex: 0 },
      },
      'FORBIDDEN_VILLAGE',
    );
    await refused(P.residentB, 'contracts', { villageId: VILLAGE_A }, 'FORBIDDEN_VILLAGE');
    await refused(P.otherTownAdmin, 'register', { villageId: VILLAGE_A }, 'FORBIDDEN_VILLAGE');
    await refused(P.cadreA, 'townView', {}, 'FORBIDDEN_ROLE');
    await refused(P.cadreA, 'setThreshold', { thresholdFen: 1 }, 'FORBIDDEN_ROLE');
    await refused(P.cadreA, 'recordStocktake', VALID.recordStocktake, 'FORBIDDEN_ROLE');
  });
});

describe('stocktakes (账实相符) by the 村监委', () => {
  test('discrepancies reach the town; an item of another village is refused', async () => {
    const { item } = await leasedPond();
    await refused(
      P.supervisorA,
      'recordStocktake',
      { ...VALID.recordStocktake, checks: [{ itemId: `${VILLAGE_B}:ZY-001`, result: 'present' }] },
      'STOCKTAKE_UNKNOWN_ITEM',
    );
    const s = await ok<AssetsOutputs['recordStocktake']>(P.supervisorA, 'recordStocktake', {
      requestId: requestId(),
      villageId: VILLAGE_A,
      on: '2026-03-14',
      checks: [{ itemId: item.id, result: 'changed', note: '塘埂有一段被邻户占用', photos: PHOTO }],
    });
    expect(s).toMatchObject({ discrepancies: 1, checks: [{ itemName: '村东鱼塘' }] });
    const town = await ok<AssetsOutputs['townView']>(P.townAdmin, 'townView', {});
    expect(town.villages.find((v) => v.villageId === VILLAGE_A)).toMatchObject({
      discrepancies: 1,
      lastStocktakeOn: '2026-03-14',
    });
    await refused(
      P.supervisorA,
      'recordStocktake',
      { ...VALID.recordStocktake, requestId: requestId(), on: '2026-03-14' },
      'STOCKTAKE_RECORDED',
    );
  });
});

describe('the town view and what other contexts read', () => {
  test('expiring within 90 days and expired but still occupied; public.ts gives the same figures', async () => {
    const { item } = await leasedPond();
    // The earlier leases rest on a decision resolved before the first of them began.
    const decisionId = await decision('lease', true, VILLAGE_A, '2022-12');
    await ok(
      P.cadreA,
      'createContract',
      smallLease(item.id, decisionId, 'HT-OLD', '2023-01-01', '2025-12-31', '2023-01-31'),
    );
    await ok(
      P.cadreA,
      'createContract',
      smallLease(item.id, decisionId, 'HT-SOON', '2025-06-01', '2026-05-31', '2025-06-30'),
    );
    const page1 = await ok<AssetsOutputs['townView']>(P.townAdmin, 'townView', { limit: 1 });
    expect(page1.villages).toHaveLength(1);
    expect(page1.villages[0]).toMatchObject({
      villageId: VILLAGE_A,
      expiring: 1,
      expiredOccupied: 1,
      contracts: 3,
      overdue: { count: 2 },
    });
    const page2 = await ok<AssetsOutputs['townView']>(P.townAdmin, 'townView', {
      limit: 1,
      cursor: page1.nextCursor,
    });
    expect(page2.villages.map((v) => v.villageId)).toEqual([VILLAGE_B]);
    expect(page2.nextCursor).toBeNull();
    const figures = await assetFiguresOf(w.store, VILLAGE_A, TOWN, '2026-03-15');
    const { villageName: _n, ...row } = page1.villages[0]!;
    expect(figures).toEqual(row);
    await ok(P.cadreA, 'recordVacated', { contractId: `${VILLAGE_A}:HT-OLD`, on: '2026-01-05' });
    expect((await assetFiguresOf(w.store, VILLAGE_A, TOWN, '2026-03-15')).expiredOccupied).toBe(0);
    // Other contracts still hold the pond: it stays leased.
    expect((await ok<AssetsOutputs['item']>(P.cadreA, 'item', { itemId: item.id })).item.status).toBe(
      'leased',
    );
  });
});

describe('reminders by subscribe message', () => {
  test('a payment due within 7 days and a contract ending within 30 reach a subscribed cadre once', async () => {
    const { item } = await leasedPond();
    const decisionId = await decision('lease', true, VILLAGE_A, '2025-03');
    await ok(
      P.cadreA,
      'createContract',
      smallLease(item.id, decisionId, 'HT-END', '2025-04-01', '2026-04-10', '2025-04-30'),
    );
    const sub = {
      requestId: 'req-sub-00002',
      answers: [
        { kind: 'paymentDue', answer: 'accept' },
        { kind: 'contractExpiry', answer: 'accept' },
      ],
    };
    expect(await ok(P.cadreA, 'subscribeReminders', sub)).toEqual({
      credits: { paymentDue: 1, contractExpiry: 1 },
    });
    // The same tap again (a retry) grants nothing more; a resident cannot subscribe.
    expect(await ok(P.cadreA, 'subscribeReminders', sub)).toEqual({
      credits: { paymentDue: 1, contractExpiry: 1 },
    });
    await refused(
      P.residentA,
      'subscribeReminders',
      { ...sub, requestId: 'req-sub-00003' },
      'FORBIDDEN_ROLE',
    );

    const outbox = outboxSender(() => w.clock.now());
    const timerEnv = { ...w.env, services: { subscribeSender: outbox } };
    // 2026-03-20: the first payment (3月31日) is 11 days away: nothing yet; the contract ends in 21 days.
    w.clock.set('2026-03-20T01:00:00.000Z');
    expect(await runReminders(timerEnv)).toEqual({ sent: 1, waiting: 0 });
    expect(outbox.messages(P.cadreA)[0]!.data).toMatchObject({ date2: { value: '2026年4月10日' } });
    w.clock.set('2026-03-25T01:00:00.000Z');
    expect(await runReminders(timerEnv)).toEqual({ sent: 1, waiting: 0 });
    expect(outbox.messages(P.cadreA)[0]!.data).toMatchObject({
      date2: { value: '2026年3月31日' },
      amount3: { value: '¥12,000.00' },
    });
    // The next day: each was sent once; no grant is left anyway.
    w.clock.set('2026-03-26T01:00:00.000Z');
    expect(await runReminders(timerEnv)).toEqual({ sent: 0, waiting: 0 });
    expect(outbox.messages(P.cadreA)).toHaveLength(2);
    expect(outbox.messages(P.cadreB)).toHaveLength(0);
  });
});

describe('policy: the village rule beyond the per-context table', () => {
  // test/handler/policy.test.ts calls every action as each demo persona; its only person of
  // another village is a cadre. These rows add the other roles of village B and the towns.
  const villageA = { _id: VILLAGE_A, townId: TOWN };
  const villageC = { _id: 'v-c', townId: OTHER_TOWN };
  const of = (roles: Role[], villageId: string | null) => ({ roles, villageId, townId: TOWN });
  const rows: [string, ReturnType<typeof of>, Permission, typeof villageA, string | null][] = [
    [
      'a resident of village B reads village A',
      of(['resident'], VILLAGE_B),
      'read',
      villageA,
      'FORBIDDEN_VILLAGE',
    ],
    [
      'a 村监委 member of village B checks village A',
      of(['resident', 'supervisor'], VILLAGE_B),
      'stocktake',
      villageA,
      'FORBIDDEN_VILLAGE',
    ],
    [
      'the 村监委 of village A checks village A',
      of(['resident', 'supervisor'], VILLAGE_A),
      'stocktake',
      villageA,
      null,
    ],
    [
      'a cadre of village B keeps village A',
      of(['cadre'], VILLAGE_B),
      'manage',
      villageA,
      'FORBIDDEN_VILLAGE',
    ],
    ['the town admin reads a village of the town', of(['townAdmin'], null), 'read', villageA, null],
    ['the town admin keeps no register', of(['townAdmin'], null), 'manage', villageA, 'FORBIDDEN_ROLE'],
    [
      'a town admin reads no village of another town',
      of(['townAdmin'], null),
      'read',
      villageC,
      'FORBIDDEN_VILLAGE',
    ],
    [
      'a resident reads no village of another town',
      of(['resident'], VILLAGE_A),
      'read',
      villageC,
      'FORBIDDEN_VILLAGE',
    ],
  ];
  test.each(rows)('%s', (_label, user, permission, village, expected) => {
    expect(refusal(user, permission, village)).toBe(expected);
  });
  test('every action names its permission, and every permission is in the table', () => {
    expect(Object.keys(ACTION_PERMISSION).sort()).toEqual(Object.keys(assetsActions).sort());
    for (const p of Object.values(ACTION_PERMISSION)) expect(POLICY[p]).toBeDefined();
  });
});
