import { DEFAULT_DECISION_THRESHOLD_FEN } from '../common/contracts/assets';
import type { Store } from '../common/store/port';
import { findAll } from '../common/store/port';
import { reconciliationOf } from './reconcile';
import {
  contractsOf,
  itemsOf,
  receivablesOf,
  settingsOf,
  stocktakesOf,
  summariesOf,
  upsert,
  type AssetSummaryDoc,
} from './store';

/**
 * A village's summary, rebuilt from its items, contracts, open receivables and last stocktake on
 * every write (bounded: one village), so a write that stopped half-way is repaired by the next.
 */
export async function refreshVillage(
  store: Store,
  villageId: string,
  townId: string,
  now: Date,
): Promise<AssetSummaryDoc> {
  const [items, contracts, open, last, funds] = await Promise.all([
    findAll(itemsOf(store), { villageId }, { fields: ['kind', 'valueFen', 'areaHundredths', 'status'] }),
    findAll(
      contractsOf(store),
      { villageId },
      { fields: ['kind', 'amountFen', 'endOn', 'vacatedOn', 'decisionId'] },
    ),
    findAll(
      receivablesOf(store),
      { villageId, receivedOn: null, waiver: null },
      { fields: ['dueOn', 'amountFen'], sort: { dueOn: 1 } },
    ),
    stocktakesOf(store).find({ villageId }, { sort: { on: -1 }, limit: 1, fields: ['on', 'discrepancies'] }),
    reconciliationOf(store, villageId, now),
  ]);
  const held = items.filter((i) => i.status !== 'disposed');
  const doc: AssetSummaryDoc = {
    _id: villageId,
    townId,
    items: held.length,
    assetValueFen: held.filter((i) => i.kind === 'assets').reduce((n, i) => n + i.valueFen, 0),
    fundsFen: held.filter((i) => i.kind === 'funds').reduce((n, i) => n + i.valueFen, 0),
    resourceAreaHundredths: held
      .filter((i) => i.kind === 'resources')
      .reduce((n, i) => n + (i.areaHundredths ?? 0), 0),
    contracts: contracts.map((c) => ({
      id: c._id,
      kind: c.kind,
      amountFen: c.amountFen,
      endOn: c.endOn,
      vacatedOn: c.vacatedOn,
      decided: !!c.decisionId,
    })),
    open: open.map((r) => ({ id: r._id, dueOn: r.dueOn, amountFen: r.amountFen })),
    discrepancies: last[0]?.discrepancies ?? 0,
    lastStocktakeOn: last[0]?.on ?? null,
    fundsMismatches: funds.months.filter((m) => m.state === 'mismatch').map((m) => m.month),
    updatedAt: now.toISOString(),
  };
  await upsert(summariesOf(store), doc);
  return doc;
}

/** The amount from which the town wants a decision for a contract. */
export async function thresholdOf(store: Store, townId: string): Promise<number> {
  return (await settingsOf(store).get(townId))?.thresholdFen ?? DEFAULT_DECISION_THRESHOLD_FEN;
}
