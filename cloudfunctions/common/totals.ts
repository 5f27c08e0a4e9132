import type { LineItem, Totals } from './contracts/disclosure';

/** Income, expense and balance of a finance disclosure, in integer fen. */
export function totalsOf(items: readonly Pick<LineItem, 'direction' | 'amountFen'>[]): Totals {
  let incomeFen = 0;
  let expenseFen = 0;
  for (const i of items) {
    if (i.direction === 'income') incomeFen += i.amountFen;
    else expenseFen += i.amountFen;
  }
  return { incomeFen, expenseFen, balanceFen: incomeFen - expenseFen };
}

/** Subtotals by account heading, largest first: what a villager scans for. */
export function byCategory(
  items: readonly Pick<LineItem, 'direction' | 'amountFen' | 'category'>[],
): { direction: 'income' | 'expense'; category: string; amountFen: number; count: number }[] {
  const map = new Map<
    string,
    { direction: 'income' | 'expense'; category: string; amountFen: number; count: number }
  >();
  for (const i of items) {
    const k = `${i.direction}:${i.category}`;
    const row = map.get(k) ?? { direction: i.direction, category: i.category, amountFen: 0, count: 0 };
    row.amountFen += i.amountFen;
    row.count += 1;
    map.set(k, row);
  }
  return [...map.values()].sort((a, b) => b.amountFen - a.amountFen);
}
