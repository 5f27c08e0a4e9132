import type { Store } from '../common/store/port';
import { formatYuan } from '../common/money';
import { periodLabel } from './domain/periods';
import { versionsOf } from './store';

/** What other contexts may read of one published disclosure version (no storage details). */
export interface DisclosureRef {
  villageId: string;
  townId: string;
  title: string;
  /** e.g. '2026年3月' */
  periodLabel: string;
  /** Each line item in a few words, by index: '支出 · 道路维修 · 1,200.00元'. */
  itemLabels: string[];
}

/** One published version of a series, or null when there is none. */
export async function disclosureVersionRef(
  store: Store,
  seriesId: string,
  version: number,
): Promise<DisclosureRef | null> {
  const v = await versionsOf(store).get(`${seriesId}.v${version}`);
  if (!v || v.seriesId !== seriesId) return null;
  return {
    villageId: v.villageId,
    townId: v.townId,
    title: v.title,
    periodLabel: periodLabel(v.periodKey),
    itemLabels: v.items.map(
      (i) =>
        `${i.direction === 'income' ? '收入' : '支出'} · ${i.category}${i.note ? ` · ${i.note}` : ''} · ${formatYuan(i.amountFen)}`,
    ),
  };
}
