import { addMonths, isQuarterKey, quarterEndMonth } from '../../common/periods';
import type { DISCLOSURE_REFUSALS } from '../../common/contracts/disclosure-refusals';

/**
 * What may be published when (China dates): each rule returns the named refusal (with, for a
 * correction, the problem to tell the cadre), or null when the disclosure may go up.
 */
export interface Problem {
  code: keyof typeof DISCLOSURE_REFUSALS;
  message?: string;
}

/** A period that has not started yet cannot be disclosed (it would pre-empt its cadence). */
export function futureProblem(periodKey: string, occurredOn: string | null, today: string): Problem | null {
  const firstMonth = isQuarterKey(periodKey) ? addMonths(quarterEndMonth(periodKey), -2) : periodKey;
  if (firstMonth > today.slice(0, 7)) return { code: 'PERIOD_NOT_STARTED' };
  if (occurredOn && occurredOn > today) return { code: 'OCCURRED_IN_FUTURE' };
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
): Problem | null {
  if (d.category === 'finance' && !d.major && !isQuarterKey(d.periodKey) && d.periodKey >= today.slice(0, 7))
    return { code: 'MONTH_NOT_ENDED' };
  return null;
}

/** A correction keeps its category's shape: finance by month with line items, others without. */
export function correctionProblem(category: string, periodKey: string, items: unknown[]): Problem | null {
  const invalid = (message: string): Problem => ({ code: 'CORRECTION_INVALID', message });
  if (category === 'finance' && !/^\d{4}-\d{2}$/.test(periodKey))
    return invalid('财务公开按月进行，请选择月份');
  if (category === 'finance' && items.length === 0) return invalid('财务公开至少需要一条收支明细');
  if (category !== 'finance' && items.length > 0) return invalid('只有财务公开可以填写收支明细');
  return null;
}

/**
 * A correction that moves a disclosure to another period keeps the series' first publication
 * date, so that period reads as disclosed on that day: it may only move to a period that could
 * have gone up then (closed, or a quarter begun, on `firstPublishedOn`), never onto a later one
 * that was missed.
 */
export function movedPeriodProblem(
  d: { category: string; major: boolean },
  periodKey: string,
  firstPublishedOn: string,
): Problem | null {
  const early =
    futureProblem(periodKey, null, firstPublishedOn) ??
    openMonthProblem({ ...d, periodKey }, firstPublishedOn);
  if (!early) return null;
  const [y, m, day] = firstPublishedOn.split('-').map(Number);
  return {
    code: 'CORRECTION_INVALID',
    message: `这条公开首次发布于${y}年${m}月${day}日，当时该期尚未结束，不能改到该期；请另行发布该期公开`,
  };
}
