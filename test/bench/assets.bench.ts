/**
 * The town's view of 三资 (assets.townView) at 66 villages (a town) and 2,000 villages (a
 * district): the whole town read a page at a time, as the page does. Per size: the calls it
 * takes, store operations per call and in all, reply size, latency per call; and the cost of one
 * recorded payment, which keeps the village summary current. Every village has a register of
 * 12 items, 6 contracts with 3 payments each (some overdue, one expired, one expiring).
 * In-memory embedded store: in the cloud every store operation is a network round trip, so
 * operations per call is the figure to watch (goal: constant in villages; 5 = the caller, the
 * town, its threshold, a page of villages, their summaries).
 */
import { assetsActions } from '../../cloudfunctions/assets';
import {
  contractsOf,
  itemsOf,
  receivablesOf,
  type ContractDoc,
  type ItemDoc,
} from '../../cloudfunctions/assets/store';
import { refreshVillage } from '../../cloudfunctions/assets/summary';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { AssetsOutputs, ItemCategory } from '../../cloudfunctions/common/contracts/assets';
import { KIND_OF_CATEGORY } from '../../cloudfunctions/common/contracts/assets';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { countingStore, type Doc } from '../../cloudfunctions/common/store/port';
import {
  benchTown,
  printGoalTable,
  printTable,
  readTownView,
  townViewRows,
  type TownViewFigures,
} from './lib';

const NOW = '2026-11-23T02:00:00.000Z';
const ITEMS = 12;
const CONTRACTS = 6;
const CATEGORIES: ItemCategory[] = ['pond', 'land', 'building', 'equipment', 'forest', 'account'];

async function town(n: number) {
  const { store: inner, townId, villageIds } = await benchTown(n, NOW);
  const now = new Date(NOW);
  for (const [i, villageId] of villageIds.entries()) {
    for (let k = 0; k < ITEMS; k++) {
      const category = CATEGORIES[k % CATEGORIES.length]!;
      const kind = KIND_OF_CATEGORY[category];
      const item: ItemDoc = {
        _id: `${villageId}:Z-${k}`,
        villageId,
        townId,
        requestId: `r-${villageId}-${k}`,
        code: `Z-${k}`,
        name: `第${k + 1}项`,
        kind,
        category,
        location: '',
        acquiredOn: '2015-01-01',
        photos: [],
        note: '',
        valueFen: kind === 'resources' ? 0 : 1_000_000 * (k + 1),
        areaHundredths: kind === 'resources' ? 1000 * (k + 1) : null,
        status: 'inUse',
        updatedAt: NOW,
      };
      await itemsOf(inner).insert(item);
    }
    for (let c = 0; c < CONTRACTS; c++) {
      const id = `${villageId}:HT-${c}`;
      const endOn = c === 0 ? '2026-06-30' : c === 1 ? '2027-01-31' : '2029-12-31';
      const contract: ContractDoc = {
        _id: id,
        villageId,
        townId,
        requestId: `rc-${id}`,
        code: `HT-${c}`,
        kind: c % 2 ? 'lease' : 'landTransfer',
        itemId: `${villageId}:Z-${c}`,
        itemName: `第${c + 1}项`,
        counterparty: { kind: 'person', name: '王建国' },
        startOn: '2024-01-01',
        endOn,
        amountFen: 3_000_000,
        depositFen: 0,
        decisionId: c === 3 ? null : `m-${id}`,
        decisionTitle: null,
        note: '',
        vacatedOn: null,
        by: { openid: 'cadre', name: '测试' },
        at: NOW,
      };
      await contractsOf(inner).insert(contract);
      for (let p = 1; p <= 3; p++)
        await receivablesOf(inner).insert({
          _id: `${id}.${p}`,
          villageId,
          contractId: id,
          index: p,
          dueOn: `${2023 + p * 1}-12-31`,
          amountFen: 1_000_000,
          receivedOn: p === 1 || (p === 2 && (i + c) % 3 !== 0) ? '2025-01-05' : null,
          financeLine: null,
          paymentRequestId: null,
          waiver: null,
          settledBy: null,
          settledAt: null,
        });
    }
    await refreshVillage(inner, villageId, townId, now);
  }
  return { store: countingStore(inner), townId };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

export default async function run(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  const figures: TownViewFigures[] = [];
  for (const n of [66, 2000]) {
    const { store, townId } = await town(n);
    const env = { store, clock: fixedClock(NOW), ids: sequentialIds('b') };
    const handle = createRouter(assetsActions);
    const call = async <T>(who: string, action: string, input: unknown) => {
      const r = await handle({ action, input }, who, env);
      if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
      return r.data as T;
    };
    await call('admin', 'townView', {});
    let overdue = 0;
    const f = await readTownView(store, n, async (cursor) => {
      const page: AssetsOutputs['townView'] = await call('admin', 'townView', cursor ? { cursor } : {});
      overdue += page.villages.reduce((k, v) => k + v.overdue.count, 0);
      return { reply: page, villages: page.villages.length, next: page.nextCursor };
    });
    figures.push(f);
    if (overdue === 0) throw new Error('no overdue receivable seen: the bench data is wrong');
    // The payment is shown against an income line of the village's 财务公开.
    await store.collection<Doc & Record<string, unknown>>('disclosureVersions').insert({
      _id: 'fin-a-2026.v1',
      seriesId: 'fin-a-2026',
      version: 1,
      villageId: `${townId}-v0000`,
      townId,
      title: '2026年10月财务收支公开',
      periodKey: '2026-10',
      items: [{ direction: 'income', category: '发包及上交收入', amountFen: 1_000_000, note: '租金' }],
    });
    store.reset();
    await call('cadre', 'recordPayment', {
      requestId: 'bench-payment-1',
      receivableId: `${townId}-v0000:HT-0.3`,
      receivedOn: '2026-11-20',
      amountFen: 1_000_000,
      financeLine: { seriesId: 'fin-a-2026', version: 1, lineIndex: 0 },
    });
    rows.push({
      villages: n,
      'p50 ms/call': pct(f.ms, 50),
      'p95 ms/call': pct(f.ms, 95),
      'ops: record payment': store.ops(),
    });
  }
  console.log(`\nassets.townView, ${ITEMS} items and ${CONTRACTS} contracts (3 payments each) per village`);
  printGoalTable(townViewRows('assets town view', figures[0]!, figures[1]!));
  printTable(rows);
}
