import type { MissingRecord } from '@/features/shared/StateViews';
/** Dates and periods as a person reads them (never 2026-03-08 or 2026-Q1). */
export function dateLabel(dateKey: string | null | undefined): string {
  if (!dateKey) return '';
  const [y, m, d] = dateKey.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export function periodLabel(periodKey: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(periodKey);
  return m ? `${m[1]}年${Number(m[2])}月` : periodKey;
}

/** Beside a meeting of record entered after its period: 补录（3月15日录入）. */
export function lateEntryLabel(enteredOn: string): string {
  const [, m, d] = enteredOn.split('-');
  return `补录（${Number(m)}月${Number(d)}日录入）`;
}

/** Today as a China date key, for form defaults (the server checks again). */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A whole number typed into a field; '' stays missing so the schema names the field. */
export const num = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v));

export const ITEM_URL = (id: string, version?: number) =>
  `/decisions/pages/item/index?id=${encodeURIComponent(id)}${version ? `&version=${version}` : ''}`;
/** A decision or a power-list item that cannot be found: said so, with the way back to its list. */
export const MISSING_DECISION: MissingRecord = {
  title: '找不到这件事项',
  backLabel: '返回事项列表',
  backUrl: '/decisions/pages/decisions/index',
};
export const MISSING_ITEM: MissingRecord = {
  title: '找不到这项权力事项',
  backLabel: '返回小微权力清单',
  backUrl: '/decisions/pages/list/index',
};
export const DECISION_URL = (id: string) => `/decisions/pages/decision/index?id=${encodeURIComponent(id)}`;
