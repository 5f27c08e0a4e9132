import { formatMu } from '@common/contracts/assets';
import { formatYuan } from '@common/money';

/** Dates as a person reads them (never 2026-03-08). */
export function dateLabel(dateKey: string | null | undefined): string {
  if (!dateKey) return '';
  const [y, m, d] = dateKey.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** Today as a China date key, for form defaults (the server checks again). */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const muLabel = (hundredths: number | null) =>
  hundredths === null ? '' : `${formatMu(hundredths)} 亩`;
export const yuanLabel = (fen: number) => formatYuan(fen);

export const ASSETS_URL = (villageId?: string) =>
  `/village-assets/pages/index/index${villageId ? `?villageId=${encodeURIComponent(villageId)}` : ''}`;

export { formatMonth as monthLabel } from '@common/format';

/** The page of one item of the register: its facts and every change entry. */
export const ITEM_URL = (itemId: string) =>
  `/village-assets/pages/item/index?itemId=${encodeURIComponent(itemId)}`;
