import { addMonths, isQuarterKey, quarterEndMonth } from '../../common/periods';

/**
 * What may be published when (China dates): each rule returns the problem to tell the cadre, or
 * null when the disclosure may go up.
 */

/** A period that has not started yet cannot be disclosed (it would pre-empt its cadence). */
export function futureProblem(periodKey: string, occurredOn: string | null, today: string): string | null {
  const firstMonth = isQuarterKey(periodKey) ? addMonths(quarterEndMonth(periodKey), -2) : periodKey;
  if (firstMonth > today.slice(0, 7)) return '不能公开尚未开始的期间，请检查公开期间';
  if (occurredOn && occurredOn > today) return '重大事项的发生日期不能晚于今天';
  return null;
}

/**
 * A month's accounts can only be disclosed once the month has closed (China time): otherwise one
 * line on the 1st would mark the whole month disclosed. A major matter is exempt: it is due at
 * once and covers no routine month. Quarterly affairs and party disclosures may go up during
 * their quarter (often posted at its end); futureProblem keeps out quarters not yet begun.
 */
export function openMonthProblem(
  d: { category: string; periodKey: string; major: boolean },
  today: string,
): string | null {
  if (d.category === 'finance' && !d.major && !isQuarterKey(d.periodKey) && d.periodKey >= today.slice(0, 7))
    return '财务公开须在该月结束后进行，请在下月初公开本月收支';
  return null;
}

/** A correction keeps its category's shape: finance by month with line items, others without. */
export function correctionProblem(category: string, periodKey: string, items: unknown[]): string | null {
  if (category === 'finance' && !/^\d{4}-\d{2}$/.test(periodKey)) return '财务公开按月进行，请选择月份';
  if (category === 'finance' && items.length === 0) return '财务公开至少需要一条收支明细';
  if (category !== 'finance' && items.length > 0) return '只有财务公开可以填写收支明细';
  return null;
}
