import { monthIndex, monthKeyOf, quarterEndMonth, quarterOfMonth } from '../../common/periods';
import {
  coveredKey,
  DEFAULT_RULES,
  earliestMonth,
  routineDueOn,
  type CadenceRules,
  type Publication,
} from './cadence';

/**
 * The order of the town's disclosure overview: worst first, i.e. overdue first, by the earliest
 * due date. "Overdue" changes with the date without a write, so the order is kept as the due
 * date of the village's earliest routine period not yet published: it changes only when the
 * village publishes (or corrects), and compared with today it says whether the village is
 * overdue. A village whose earliest gap fell due longest ago is the most behind.
 */

/** Months looked at past the first one before giving up (100 years: never reached). */
const HORIZON = 1200;

/**
 * The due date of the earliest routine period (a finance month, or an affairs or party quarter)
 * with nothing published, from the first month the cadence weighs on `today` (tracking, window).
 * Periods not yet closed count too: a village that has published everything is next due when
 * the current period is.
 */
export function firstGapDueOn(
  trackingSince: string,
  today: string,
  published: readonly Pick<Publication, 'category' | 'periodKey' | 'major'>[],
  rules: CadenceRules = DEFAULT_RULES,
): string {
  const covered = new Set<string>();
  for (const p of published) {
    const key = coveredKey(p);
    if (key) covered.add(`${p.category}:${key}`);
  }
  const from = monthIndex(earliestMonth(trackingSince, today, rules));
  for (let i = from; i < from + HORIZON; i++) {
    const month = monthKeyOf(i);
    const q = quarterOfMonth(month);
    const quarterGap =
      quarterEndMonth(q) === month && (!covered.has(`affairs:${q}`) || !covered.has(`party:${q}`));
    // A quarter ending this month falls due with this month's finance: the same date.
    if (!covered.has(`finance:${month}`) || quarterGap) return routineDueOn('finance', month, rules);
  }
  return routineDueOn('finance', monthKeyOf(from + HORIZON), rules);
}

/** The kept key: ascending = worst first; the village id last makes every key unique. */
export function overviewKeyOf(villageId: string, gapDueOn: string): string {
  return `${gapDueOn}.${villageId}`;
}
