/**
 * 三资 as an attacker tries it: rent marked received against a 财务公开 line that is not there,
 * belongs to another village or is an expense, so an unpaid rent leaves the town's overdue list
 * with nothing in the village's accounts behind it.
 */
import { assetsActions } from '../../cloudfunctions/assets';
import type { ContractView, RegisterItem } from '../../cloudfunctions/common/contracts/assets';
import { decisionsActions } from '../../cloudfunctions/decisions';
import type { DecisionDetail } from '../../cloudfunctions/common/contracts/decisions';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { P, VILLAGE_B, okData } from './builders';
import { unanimousMeeting, villageFinance, villagePond } from './inputs';
import { okOf, refusedOf, twoTownsEach } from './world';

const w = twoTownsEach({
  collections: [
    'assetItems',
    'assetChanges',
    'assetContracts',
    'assetReceivables',
    'assetVillages',
    'assetSettings',
    'decisions',
    'decisionSteps',
  ],
});
const call = w.caller(assetsActions);
const disclose = w.caller(disclosureActions);
const ok = okOf(call);
const refused = refusedOf(w, call);
const MINUTES = [{ fileId: '/files/minutes01.jpg', name: '会议记录', kind: 'image' }];
let rid = 0;
const requestId = () => `req-aa-${String(++rid).padStart(6, '0')}`;

const LINES = [
  { direction: 'income', category: '发包及上交收入', amountFen: 300_000, note: '村西林地承包费' },
  { direction: 'expense', category: '管理费用', amountFen: 150_000, note: '办公用品' },
];

/** 甲村's February 财务公开 (line 0 income, line 1 expense) and a small lease of its pond. */
async function setUp() {
  const fin = okData<{ seriesId: string }>(
    await disclose(P.cadreA, 'publish', villageFinance(requestId(), '2026-02', LINES)),
  );
  const other = okData<{ seriesId: string }>(
    await disclose(P.cadreB, 'publish', {
      ...villageFinance(requestId(), '2026-02', LINES),
      villageId: VILLAGE_B,
      title: '乙村2026年2月财务收支公开',
    }),
  );
  const item = await ok<RegisterItem>(P.cadreA, 'registerItem', villagePond(requestId(), []));
  const contract = await ok<ContractView>(P.cadreA, 'createContract', {
    requestId: requestId(),
    villageId: item.id.split(':')[0],
    code: 'HT-2026-09',
    kind: 'lease',
    itemId: item.id,
    counterparty: { kind: 'person', name: '王建国' },
    startOn: '2026-03-01',
    endOn: '2027-02-28',
    amountFen: 100_000,
    schedule: [{ dueOn: '2026-03-10', amountFen: 100_000 }],
  });
  const receivableId = contract.receivables[0]!.id;
  const pay = (seriesId: string, lineIndex: number, version = 1) => ({
    requestId: requestId(),
    receivableId,
    receivedOn: '2026-03-10',
    amountFen: 100_000,
    financeLine: { seriesId, version, lineIndex },
  });
  return { fin: fin.seriesId, other: other.seriesId, pay };
}

test('a payment names an income line of its own village’s 财务公开, or is refused with nothing written', async () => {
  const { fin, other, pay } = await setUp();
  await refused(P.cadreA, 'recordPayment', pay('fin-made-up', 0), 'FINANCE_LINE_INVALID');
  await refused(P.cadreA, 'recordPayment', pay(fin, 0, 2), 'FINANCE_LINE_INVALID');
  await refused(P.cadreA, 'recordPayment', pay(fin, 7), 'FINANCE_LINE_INVALID');
  await refused(P.cadreA, 'recordPayment', pay(fin, 1), 'FINANCE_LINE_INVALID');
  await refused(P.cadreA, 'recordPayment', pay(other, 0), 'FINANCE_LINE_INVALID');
  const paid = await ok<ContractView>(P.cadreA, 'recordPayment', pay(fin, 0));
  expect(paid.receivables[0]).toMatchObject({
    state: 'received',
    financeLine: { seriesId: fin, lineIndex: 0 },
  });
});

/** 甲村's decision to lease the pond, resolved by the 村民代表会议 on `resolvedOn`. */
async function leaseDecision(resolvedOn: string): Promise<string> {
  const decide = w.caller(decisionsActions);
  const d = okData<DecisionDetail>(
    await decide(P.cadreA, 'propose', {
      requestId: requestId(),
      villageId: 'v-a',
      title: '村东鱼塘对外出租',
      category: 'lease',
      proposer: '村党支部',
      proposedOn: '2026-02-02',
      resolutionBody: 'representatives',
    }),
  );
  const meeting = (step: string, heldOn: string, entitled: number) =>
    unanimousMeeting({ requestId: requestId(), decisionId: d.id, step, heldOn, entitled, minutes: MINUTES });
  okData(await decide(P.cadreA, 'recordMeeting', meeting('committee', '2026-02-03', 7)));
  okData(await decide(P.cadreA, 'recordMeeting', meeting('partyCongress', '2026-02-05', 30)));
  okData(await decide(P.cadreA, 'recordMeeting', meeting('resolution', resolvedOn, 30)));
  return d.id;
}

test('a lease that began before its resolution, or a disposal before it, is not covered by it afterwards', async () => {
  const decisionId = await leaseDecision('2026-03-12');
  const item = await ok<RegisterItem>(P.cadreA, 'registerItem', villagePond(requestId(), []));
  const lease = (startOn: string) => ({
    requestId: requestId(),
    villageId: 'v-a',
    code: 'HT-2026-10',
    kind: 'landTransfer',
    itemId: item.id,
    counterparty: { kind: 'person', name: '王建国' },
    startOn,
    endOn: '2029-02-28',
    amountFen: 100_000,
    schedule: [{ dueOn: '2026-03-31', amountFen: 100_000 }],
    decisionId,
  });
  await refused(P.cadreA, 'createContract', lease('2026-03-01'), 'DECISION_AFTER_ACT');
  const dispose = (on: string) => ({
    requestId: requestId(),
    itemId: item.id,
    kind: 'dispose',
    on,
    reason: '鱼塘填平后改作晒场',
    decisionId,
  });
  await refused(P.cadreA, 'recordChange', dispose('2026-03-11'), 'DECISION_AFTER_ACT');
  const signed = await ok<ContractView>(P.cadreA, 'createContract', lease('2026-03-12'));
  expect(signed.decisionId).toBe(decisionId);
});

test('a stocktake that lists the same item twice (present and missing) is refused, nothing written', async () => {
  const item = await ok<RegisterItem>(P.cadreA, 'registerItem', villagePond(requestId(), []));
  const check = (result: string) => ({ itemId: item.id, result, note: result === 'present' ? '' : '未找到' });
  const message = await refused(
    P.supervisorA,
    'recordStocktake',
    {
      requestId: requestId(),
      villageId: 'v-a',
      on: '2026-03-14',
      checks: [check('present'), check('missing')],
    },
    'BAD_INPUT',
  );
  expect(message).toContain('同一项目');
});
