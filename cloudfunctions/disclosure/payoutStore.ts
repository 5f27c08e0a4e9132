import type { PayoutCategory, VillagePayoutFlags } from '../common/contracts/payouts';
import type { Collection, Doc, Store } from '../common/store/port';
import type { StoredRow } from './domain/payouts';

/**
 * The payout lists' collections (private to the disclosure context). One series per village,
 * category and month: `_id = pay.${villageId}.${category}.${month}`.
 */

/** One immutable published version. _id = `${seriesId}.v${version}`. */
export interface PayoutVersionDoc extends Doc {
  seriesId: string;
  version: number;
  requestId: string;
  villageId: string;
  townId: string;
  category: PayoutCategory;
  periodKey: string;
  basis: string;
  rows: StoredRow[];
  count: number;
  amountFen: number;
  reason: string | null;
  publishedAt: string;
  publisher: { openid: string; name: string };
}

/** The head of a series: what lists show (no rows). Derivable from its versions. */
export interface PayoutHeadDoc extends Doc {
  villageId: string;
  townId: string;
  category: PayoutCategory;
  periodKey: string;
  basis: string;
  version: number;
  count: number;
  amountFen: number;
  firstPublishedAt: string;
  publishedAt: string;
}

/**
 * A household's rows in one series as of its current version: _id = `${householdId}|${seriesId}`,
 * written with each version (emptied when a correction takes the household off), so
 * 我家领了什么 is one query whatever the number of lists.
 */
export interface HouseholdRowsDoc extends Doc {
  villageId: string;
  householdId: string;
  seriesId: string;
  version: number;
  category: PayoutCategory;
  periodKey: string;
  rows: { index: number; recipient: string; amountFen: number; note: string }[];
}

/** The village's flags as of the last write (the town view reads these only). _id = villageId. */
export interface PayoutFlagsDoc extends Doc, Omit<VillagePayoutFlags, 'villageId'> {
  townId: string;
}

export const payoutVersionsOf = (s: Store): Collection<PayoutVersionDoc> =>
  s.collection<PayoutVersionDoc>('payoutVersions');
export const payoutHeadsOf = (s: Store): Collection<PayoutHeadDoc> =>
  s.collection<PayoutHeadDoc>('payoutLists');
export const householdRowsOf = (s: Store): Collection<HouseholdRowsDoc> =>
  s.collection<HouseholdRowsDoc>('payoutHouseholds');
export const payoutFlagsOf = (s: Store): Collection<PayoutFlagsDoc> =>
  s.collection<PayoutFlagsDoc>('payoutFlags');

export const payoutSeriesId = (villageId: string, category: PayoutCategory, month: string) =>
  `pay.${villageId}.${category}.${month}`;
export const payoutVersionId = (seriesId: string, version: number) => `${seriesId}.v${version}`;
