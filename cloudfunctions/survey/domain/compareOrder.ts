/**
 * The town comparison's order, worst first: by the lowest approval rate of the village's five
 * indicators in the period (the one that most needs attention), then by village id. A round
 * whose rates are all withheld (too few answers) comes after every rated one. One string, kept
 * with the village's comparison summary, so the town's villages are read a page at a time in
 * this order.
 */
export function compareSortKey(
  villageId: string,
  indicators: readonly { approvalRate: number | null }[],
): string {
  const rates = indicators.map((i) => i.approvalRate).filter((r): r is number => r !== null);
  if (!rates.length) return `1.${villageId}`;
  const lowest = Math.round(Math.min(...rates) * 10_000);
  return `0.${String(Math.max(0, lowest)).padStart(5, '0')}.${villageId}`;
}
