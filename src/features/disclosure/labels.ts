import type { CadenceState, CadenceStatus, Category, Gap, LateMajor } from '@common/contracts/disclosure';
import { formatDate, formatPeriod, formatShortDate } from '@common/format';

export const CATEGORY_SHORT: Record<Category, string> = { party: '党务', affairs: '村务', finance: '财务' };

/** '2026-11-10' -> '11月10日' */
export const shortDate = formatShortDate;

/** '2026-11-10' -> '2026年11月10日' */
export const longDate = formatDate;

/** '2026-10' -> '2026年10月'; '2026-Q3' -> '2026年第三季度' */
export const periodLabel = formatPeriod;

/** e.g. "财务 2026年10月 逾期，应于11月10日前公开" */
export function gapText(gap: Gap, overdue: boolean): string {
  const what = `${CATEGORY_SHORT[gap.category]} ${periodLabel(gap.periodKey)}`;
  return overdue
    ? `${what} 逾期，应于${shortDate(gap.dueOn)}前公开`
    : `${what} 待公开，请于${shortDate(gap.dueOn)}前公开`;
}

/** CSS modifier of a village's state: status-ontime, status-late, status-overdue. */
export const STATE_CLASS: Record<CadenceState, string> = {
  onTime: 'ontime',
  late: 'late',
  overdue: 'overdue',
};

/** The headline of a village's state, e.g. 有2项逾期 / 有重大事项迟报 / 按时公开. */
export function stateHeadline(s: Pick<CadenceStatus, 'state' | 'overdue' | 'lateMajor'>): string {
  if (s.state === 'overdue') return `有${s.overdue.length}项逾期`;
  if (s.state === 'late') return '有重大事项迟报';
  return '按时公开';
}

/** The short badge of a town row, e.g. 2项逾期 / 重大事项迟报 / 按时公开. */
export function stateBadge(s: Pick<CadenceStatus, 'state' | 'overdue' | 'lateMajor'>): string {
  if (s.state === 'overdue') return `${s.overdue.length}项逾期`;
  if (s.state === 'late') return '重大事项迟报';
  return '按时公开';
}

/** e.g. "重大事项《土地流转》晚公开19天" */
export function lateMajorText(m: LateMajor): string {
  return `重大事项《${m.title}》晚公开${m.daysLate}天`;
}
