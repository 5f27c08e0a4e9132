import type { Category, Gap } from '@common/contracts/disclosure';
import { periodLabel } from '../../../cloudfunctions/disclosure/domain/periods';

export const CATEGORY_SHORT: Record<Category, string> = { party: '党务', affairs: '村务', finance: '财务' };

/** '2026-11-10' -> '11月10日' */
export function shortDate(dateKey: string): string {
  const [, m, d] = dateKey.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** '2026-11-10' -> '2026年11月10日' */
export function longDate(dateKey: string): string {
  const [y] = dateKey.split('-');
  return `${y}年${shortDate(dateKey)}`;
}

/** e.g. "财务 2026年10月 逾期，应于11月10日前公开" */
export function gapText(gap: Gap, overdue: boolean): string {
  const what = `${CATEGORY_SHORT[gap.category]} ${periodLabel(gap.periodKey)}`;
  return overdue
    ? `${what} 逾期，应于${shortDate(gap.dueOn)}前公开`
    : `${what} 待公开，请于${shortDate(gap.dueOn)}前公开`;
}

export { periodLabel };
