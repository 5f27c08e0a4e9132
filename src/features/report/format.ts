import { formatYuan } from '@common/money';
import type { Totals } from '@common/contracts/disclosure';
import type { MissingRecord } from '@/features/shared/StateViews';

/** A report or notice that cannot be found: said so, with the way back to its list. */
export const MISSING_REPORT: MissingRecord = {
  title: '找不到这份月报',
  backLabel: '返回月报列表',
  backUrl: '/report/pages/index/index',
};
export const MISSING_NOTICE: MissingRecord = {
  title: '找不到这条通知',
  backLabel: '返回通知列表',
  backUrl: '/report/pages/notices/index',
};

export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
}

/** '+¥1,234.00' / '-¥5.00' / '持平' */
export function changeText(fen: number): string {
  if (fen === 0) return '持平';
  return fen > 0 ? `增加 ${formatYuan(fen)}` : `减少 ${formatYuan(-fen)}`;
}

export function balanceText(t: Totals): string {
  return t.balanceFen >= 0 ? `结余 ${formatYuan(t.balanceFen)}` : `超支 ${formatYuan(-t.balanceFen)}`;
}

export function percent(rate: number | null): string {
  return rate === null ? '样本不足' : `${(rate * 100).toFixed(1)}%`;
}

export function reportUrl(reportId: string): string {
  return `/report/pages/view/index?id=${encodeURIComponent(reportId)}`;
}
export function noticeUrl(noticeId: string): string {
  return `/report/pages/notice/index?id=${encodeURIComponent(noticeId)}`;
}

/** The share card of a notice: its title (marked when withdrawn) and the page that opens it. */
export function noticeShare(
  noticeId: string,
  notice?: { title: string; withdrawn: boolean } | null,
): { title: string; path: string } {
  return {
    title: notice ? `${notice.withdrawn ? '【已撤回】' : ''}${notice.title}` : '通知公告',
    path: noticeUrl(noticeId),
  };
}

/** The share card of a monthly report: 东岭村2026年10月村情月报, opening the report page. */
export function reportShare(
  reportId: string,
  report?: { month: string; content: { villageName: string } } | null,
): { title: string; path: string } {
  return {
    title: report ? `${report.content.villageName}${monthLabel(report.month)}村情月报` : '村情月报',
    path: reportUrl(reportId),
  };
}

/** A China date for people: '2026-11-30' → 2026年11月30日. */
export function dateLabel(dateKey: string): string {
  const [y, m, d] = dateKey.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
