import { PAYOUT_CATEGORY_LABELS, type PayoutCategory } from '@common/contracts/payouts';
import { formatDate, formatMonth } from '@common/format';
import { formatYuan } from '@common/money';

/** How payout pages say things (never a code, an ISO date or a period key). */
export const categoryLabel = (c: PayoutCategory) => PAYOUT_CATEGORY_LABELS[c];
export const monthLabel = (key: string) => formatMonth(key);
export const dayLabel = (key: string) => formatDate(key);
export const yuanLabel = (fen: number) => formatYuan(fen);
export const listTitle = (l: { periodKey: string; category: PayoutCategory }) =>
  `${monthLabel(l.periodKey)} ${categoryLabel(l.category)}`;

export const PAYOUTS_URL = '/payouts/pages/index/index';
export const listUrl = (seriesId: string, version?: number) =>
  `/payouts/pages/list/index?seriesId=${seriesId}${version ? `&version=${version}` : ''}`;
export const editUrl = (seriesId?: string) =>
  `/payouts/pages/edit/index${seriesId ? `?seriesId=${seriesId}` : ''}`;
