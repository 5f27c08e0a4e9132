import { chinaMonthKey } from '../common/clock';
import {
  RECONCILIATION_MONTHS,
  type FundsAccountView,
  type MonthReconciliation,
} from '../common/contracts/assets';
import { addMonths } from '../common/periods';
import { findAll, type Store } from '../common/store/port';
import { financeDisclosures } from '../disclosure/public';
import { monthsUpTo, reconcile } from './domain/funds';
import { changesOf, itemsOf } from './store';

/**
 * A village's funds reconciled with its 财务公开 over the last months: its accounts, their
 * entries, and the disclosures' totals, read through the disclosure context's public reads.
 */
export async function reconciliationOf(
  store: Store,
  villageId: string,
  now: Date,
): Promise<{ accounts: FundsAccountView[]; months: MonthReconciliation[] }> {
  const months = monthsUpTo(chinaMonthKey(now), RECONCILIATION_MONTHS);
  const first = months[0] ?? chinaMonthKey(now);
  const accounts = await findAll(itemsOf(store), { villageId, kind: 'funds' }, { sort: { code: 1 } });
  if (!accounts.length) return { accounts: [], months: [] };
  const [changes, disclosed] = await Promise.all([
    findAll(changesOf(store), { villageId, itemId: { $in: accounts.map((a) => a._id) } }),
    financeDisclosures(store, villageId, [addMonths(first, -1), ...months]),
  ]);
  const histories = accounts.map((a) => ({ id: a._id, changes: changes.filter((c) => c.itemId === a._id) }));
  const checked = reconcile(
    histories,
    disclosed.map((d) => ({
      periodKey: d.periodKey,
      seriesId: d.seriesId,
      version: d.version,
      title: d.title,
      incomeFen: d.totals.incomeFen,
      expenseFen: d.totals.expenseFen,
    })),
    months,
  );
  return {
    accounts: accounts.map((a) => ({
      id: a._id,
      code: a.code,
      name: a.name,
      balanceFen: a.valueFen,
      months: months.filter((m) =>
        changes.some((c) => c.itemId === a._id && c.kind === 'balance' && c.on.startsWith(m)),
      ),
    })),
    months: checked.reverse(),
  };
}
