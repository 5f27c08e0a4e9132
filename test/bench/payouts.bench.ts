/**
 * The town's view of 惠民资金 flags (disclosure.payoutTown) at 66 villages (a town) and 2,000
 * villages (a district): the whole town read a page at a time, as the page does. Per size: the
 * calls it takes, store operations per call and in all, reply size, latency per call; and the
 * store operations of one publish, which keeps the village's summary current. Every village
 * has 12 months of a 低保 list (8 rows) and a 特困 list (2 rows); every tenth village pays a
 * cadre's declared relative and lists one recipient twice. In-memory embedded store: in the
 * cloud every store operation is a network round trip, so operations per call is the figure to
 * watch (goal: constant in villages; 2 = the caller and a page of summaries). The cadre's
 * relatives of village 0 live in its own lists' store; the others' summaries are made by the same
 * refresh on a store of their own and copied.
 */
import { performance } from 'node:perf_hooks';
import { rosterOf } from '../../cloudfunctions/account/store';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { PayoutOutputs } from '../../cloudfunctions/common/contracts/payouts';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { villages } from '../../cloudfunctions/common/identity';
import { addMonths } from '../../cloudfunctions/common/periods';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { countingStore, type Doc } from '../../cloudfunctions/common/store/port';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { refreshPayoutFlags } from '../../cloudfunctions/disclosure/payoutFlags';
import {
  payoutFlagsOf,
  payoutHeadsOf,
  payoutSeriesId,
  payoutVersionId,
  payoutVersionsOf,
} from '../../cloudfunctions/disclosure/payoutStore';
import { HOUSEHOLDS } from '../../cloudfunctions/local/seed-payouts';
import { benchTown, printTable } from './lib';

const NOW = '2026-11-23T02:00:00.000Z';
const MONTHS = 12;
const NAMES = HOUSEHOLDS;

async function town(n: number) {
  const { store: inner, townId, villageIds } = await benchTown(n, NOW);
  for (const [i, villageId] of villageIds.entries()) {
    // Each village's lists are written and summarised on a store of its own (the embedded store
    // has no indexes, and the summary reads one village only); its summary is then copied over.
    // Village 0 keeps its lists in the town's store: the measured publish goes there.
    const own = i === 0 ? inner : nedbStore();
    const village = await villages(inner).get(villageId);
    if (own !== inner && village) await villages(own).insert(village);
    for (const [k, name] of NAMES.entries())
      await rosterOf(own).insert({
        _id: `${villageId}:r${k}`,
        villageId,
        name,
        phoneLast4: String(1000 + k),
        roles: ['resident'],
        claimedBy: null,
        importedAt: NOW,
      });
    if (i % 10 === 0) {
      await own.collection<Doc & Record<string, unknown>>('relatives').insert({
        _id: `${villageId}:cadre-${i}`,
        villageId,
        townId,
        openid: `cadre-${i}`,
        declarer: '李明华',
        roles: ['cadre'],
        version: 1,
        relatives: [{ name: '赵红', relation: 'sibling' }],
        ever: [{ name: '赵红', relation: 'sibling' }],
        declaredAt: NOW,
      });
    }
    for (let m = 0; m < MONTHS; m++) {
      const periodKey = addMonths('2025-11', m);
      for (const [category, size] of [
        ['subsistence', 8],
        ['destitute', 2],
      ] as const) {
        const seriesId = payoutSeriesId(villageId, category, periodKey);
        const rows = NAMES.slice(
          category === 'subsistence' ? 0 : 8,
          category === 'subsistence' ? size : 10,
        ).map((name, k) => ({
          recipient: name,
          householdId: `${villageId}:r${category === 'subsistence' ? k : 8 + k}`,
          household: name,
          amountFen: 65_000,
          note: '',
        }));
        if (i % 10 === 0 && m === MONTHS - 1 && category === 'subsistence' && rows[0])
          rows.push({ ...rows[0] });
        const amountFen = rows.reduce((s, r) => s + r.amountFen, 0);
        const publishedAt = `${addMonths(periodKey, 1)}-05T02:00:00.000Z`;
        const base = {
          villageId,
          townId,
          category,
          periodKey,
          basis: '县民政局审批表',
          version: 1,
          count: rows.length,
          amountFen,
          publishedAt,
        };
        await payoutVersionsOf(own).insert({
          ...base,
          _id: payoutVersionId(seriesId, 1),
          seriesId,
          requestId: `r-${seriesId}`,
          rows,
          reason: null,
          publisher: { openid: 'cadre', name: '李明华' },
        });
        await payoutHeadsOf(own).insert({ ...base, _id: seriesId, firstPublishedAt: publishedAt });
      }
    }
    const summary = await refreshPayoutFlags(own, villageId);
    if (own !== inner && summary) await payoutFlagsOf(inner).insert(summary);
  }
  return { store: countingStore(inner), townId };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

export default async function run(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const n of [66, 2000]) {
    const { store, townId } = await town(n);
    const env = { store, clock: fixedClock(NOW), ids: sequentialIds('b') };
    const handle = createRouter(disclosureActions);
    const call = async <T>(who: string, action: string, input: unknown) => {
      const r = await handle({ action, input }, who, env);
      if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
      return r.data as T;
    };
    await call('admin', 'payoutTown', {});
    store.reset();
    let calls = 0;
    let bytes = 0;
    let firstPage = 0;
    let seen = 0;
    let relatives = 0;
    const times: number[] = [];
    let cursor: string | null = null;
    do {
      const t0 = performance.now();
      const page: PayoutOutputs['payoutTown'] = await call('admin', 'payoutTown', cursor ? { cursor } : {});
      times.push(performance.now() - t0);
      const size = Buffer.byteLength(JSON.stringify(page));
      if (calls === 0) firstPage = size;
      bytes += size;
      calls++;
      seen += page.villages.length;
      relatives += page.villages.reduce((k, v) => k + v.relatives.length, 0);
      cursor = page.next;
    } while (cursor);
    if (seen !== n) throw new Error(`payoutTown paged ${seen} villages of ${n}`);
    if (relatives === 0) throw new Error('no relative flag seen: the bench data is wrong');
    const ops = store.ops();
    store.reset();
    await call('cadre', 'payoutPublish', {
      requestId: 'bench-publish-1',
      villageId: `${townId}-v0000`,
      category: 'relief',
      periodKey: '2026-11',
      basis: '镇临时救助审批表',
      rows: [{ recipient: '王大山', householdId: `${townId}-v0000:r0`, amountFen: 150_000, note: '' }],
    });
    rows.push({
      villages: n,
      'calls (goal ≤ ⌈n/50⌉)': `${calls} (≤ ${Math.ceil(n / 50)})`,
      'store ops/call (goal ≤ 2)': ops / calls,
      'store ops total': ops,
      'reply KB, first page': firstPage / 1024,
      'reply KB, all pages': bytes / 1024,
      'p50 ms/call': pct(times, 50),
      'p95 ms/call': pct(times, 95),
      'relative flags seen': relatives,
      'ops: one publish': store.ops(),
    });
  }
  console.log(`\ndisclosure.payoutTown, ${MONTHS} months of 2 lists per village`);
  printTable(rows);
}
