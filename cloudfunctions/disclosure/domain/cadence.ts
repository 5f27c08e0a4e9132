import type { CadenceState, Category, Gap, LateMajor } from '../../common/contracts/disclosure';
import { addMonths, monthIndex, monthKeyOf, quarterEndMonth, quarterOfMonth } from './periods';

/**
 * Disclosure cadence (村民委员会组织法 Art. 30; the 五好 standard's 阳光村务):
 *  - finance: every month, due by `dueDay` of the following month;
 *  - village affairs and party affairs: at least every quarter, due by `dueDay` of the month
 *    after the quarter ends (a monthly disclosure counts for its quarter);
 *  - major matters: at once, i.e. within `majorDays` of the date they occurred or were decided.
 *
 * A village is overdue while a routine disclosure is past due; otherwise it is late (有迟报)
 * when a major matter published within the window went up later than the rule.
 */
export interface CadenceRules {
  dueDay: number;
  majorDays: number;
  /** How far back gaps are reported, in months. */
  windowMonths: number;
}

export const DEFAULT_RULES: CadenceRules = { dueDay: 10, majorDays: 7, windowMonths: 24 };

/** Which periods a village has disclosed, per category (finance: months; others: quarters). */
export interface Coverage {
  finance: readonly string[];
  affairs: readonly string[];
  party: readonly string[];
}

export interface CadenceInput {
  /** First month the village is accountable for ('YYYY-MM'). */
  trackingSince: string;
  /** Today's date in China ('YYYY-MM-DD'). */
  today: string;
  coverage: Coverage;
  majors?: readonly { seriesId: string; title: string; occurredOn: string; publishedOn: string }[];
  rules?: CadenceRules;
}

export interface CadenceResult {
  state: CadenceState;
  overdue: Gap[];
  dueSoon: Gap[];
  lateMajor: LateMajor[];
}

/** The first month whose disclosures (and major matters) count: the window, from tracking on. */
export function earliestMonth(
  trackingSince: string,
  today: string,
  rules: CadenceRules = DEFAULT_RULES,
): string {
  const thisMonth = today.slice(0, 7);
  return monthKeyOf(Math.max(monthIndex(trackingSince), monthIndex(thisMonth) - rules.windowMonths));
}

/**
 * The first month of the window for any village (tracking aside): reading major matters
 * published from its first day on gives the domain everything it weighs.
 */
export function windowStartMonth(today: string, rules: CadenceRules = DEFAULT_RULES): string {
  return addMonths(today.slice(0, 7), -rules.windowMonths);
}

function dueDate(monthAfter: string, day: number): string {
  return `${monthAfter}-${String(day).padStart(2, '0')}`;
}

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

export function cadenceStatus(input: CadenceInput): CadenceResult {
  const rules = input.rules ?? DEFAULT_RULES;
  const thisMonth = input.today.slice(0, 7);
  const earliest = earliestMonth(input.trackingSince, input.today, rules);
  const overdue: Gap[] = [];
  const dueSoon: Gap[] = [];
  const place = (gap: Gap) => (input.today > gap.dueOn ? overdue : dueSoon).push(gap);

  // Finance: every closed month from `earliest` to last month.
  const financeDone = new Set(input.coverage.finance);
  for (let i = monthIndex(earliest); i < monthIndex(thisMonth); i++) {
    const month = monthKeyOf(i);
    if (!financeDone.has(month)) {
      place({ category: 'finance', periodKey: month, dueOn: dueDate(addMonths(month, 1), rules.dueDay) });
    }
  }

  // Affairs and party: every closed quarter that starts on or after `earliest`'s quarter.
  const quarterly: Category[] = ['affairs', 'party'];
  for (const category of quarterly) {
    const done = new Set(input.coverage[category]);
    const seen = new Set<string>();
    for (let i = monthIndex(earliest); i < monthIndex(thisMonth); i++) {
      const q = quarterOfMonth(monthKeyOf(i));
      const end = quarterEndMonth(q);
      if (seen.has(q) || monthIndex(end) >= monthIndex(thisMonth)) continue;
      seen.add(q);
      if (!done.has(q)) place({ category, periodKey: q, dueOn: dueDate(addMonths(end, 1), rules.dueDay) });
    }
  }

  const lateMajor: LateMajor[] = [];
  for (const m of input.majors ?? []) {
    // Only major matters published within the window weigh (as only its gaps do).
    if (m.publishedOn.slice(0, 7) < earliest) continue;
    const days = daysBetween(m.occurredOn, m.publishedOn);
    if (days > rules.majorDays) lateMajor.push({ ...m, daysLate: days - rules.majorDays });
  }

  const byDue = (a: Gap, b: Gap) => a.dueOn.localeCompare(b.dueOn) || a.category.localeCompare(b.category);
  overdue.sort(byDue);
  dueSoon.sort(byDue);
  lateMajor.sort(
    (a, b) => a.publishedOn.localeCompare(b.publishedOn) || a.seriesId.localeCompare(b.seriesId),
  );
  const state: CadenceState = overdue.length ? 'overdue' : lateMajor.length ? 'late' : 'onTime';
  return { state, overdue, dueSoon, lateMajor };
}

/**
 * The China date a routine disclosure of `periodKey` fell due: a finance month by `dueDay` of
 * the next month; a quarter (or a month of village or party affairs, which counts for its
 * quarter) by `dueDay` of the month after the quarter.
 */
export function routineDueOn(
  category: Category,
  periodKey: string,
  rules: CadenceRules = DEFAULT_RULES,
): string {
  const endMonth =
    category === 'finance' && !/Q/.test(periodKey) ? periodKey : quarterEndMonth(quarterOfKey(periodKey));
  return dueDate(addMonths(endMonth, 1), rules.dueDay);
}

function quarterOfKey(periodKey: string): string {
  return /^\d{4}-Q[1-4]$/.test(periodKey) ? periodKey : quarterOfMonth(periodKey);
}

/**
 * Days a published disclosure went up after the rule allowed (0 when on time), by the same
 * cadence as the status: a major matter against its date plus `majorDays`, a routine one
 * against its period's due date.
 */
export function publishedDaysLate(
  d: {
    category: Category;
    periodKey: string;
    major: boolean;
    occurredOn: string | null;
    publishedOn: string;
  },
  rules: CadenceRules = DEFAULT_RULES,
): number {
  if (d.major) {
    if (!d.occurredOn) return 0;
    return Math.max(0, daysBetween(d.occurredOn, d.publishedOn) - rules.majorDays);
  }
  return Math.max(0, daysBetween(routineDueOn(d.category, d.periodKey, rules), d.publishedOn));
}
