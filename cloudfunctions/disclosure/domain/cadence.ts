import type { CadenceState, Category, Gap, LateMajor } from '../../common/contracts/disclosure';
import {
  addMonths,
  monthIndex,
  monthKeyOf,
  quarterEndMonth,
  quarterOf,
  quarterOfMonth,
} from '../../common/periods';

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

/**
 * What a disclosure covers of the routine cadence: a finance month, or the quarter of an affairs
 * or party disclosure. A major matter is its own duty (at once) and covers no routine period.
 */
export function coveredKey(d: { category: Category; periodKey: string; major: boolean }): string | null {
  if (d.major) return null;
  return d.category === 'finance' ? d.periodKey : quarterOf(d.periodKey);
}

/** A disclosure as the cadence weighs it: what it is for and when it first went up. */
export interface Publication {
  category: Category;
  periodKey: string;
  major: boolean;
  /**
   * China date of the first publication ('YYYY-MM-DD'); null when only the fact that it was
   * disclosed is known (the stored coverage counter): it then counts as on time.
   */
  firstPublishedOn: string | null;
}

export type PeriodState = 'onTime' | 'late' | 'missing' | 'pending';

/** One routine period the cadence asks for, and what became of it. */
export interface PeriodReading extends Gap {
  /** First routine publication for the period (China date), if any by `today`. */
  firstPublishedOn: string | null;
  /**
   * onTime / late: published by / after its due date; missing: past due and not published;
   * pending: not yet due and not yet published.
   */
  state: PeriodState;
  /** Its due date has passed (only such periods are counted as required). */
  due: boolean;
}

export interface CadenceEvaluation extends CadenceResult {
  /** First and last month weighed ('YYYY-MM'), after tracking and the window are applied. */
  from: string;
  to: string;
  /** Every routine period of the window, oldest due date first. */
  periods: PeriodReading[];
  /** Of the periods past their due date: how many, on time, late, missing. */
  counts: { due: number; onTime: number; late: number; missing: number };
}

/** What the evaluation weighs of one village: its publications and its major matters. */
export interface CadenceSources {
  published: Publication[];
  majors: NonNullable<CadenceInput['majors']>[number][];
}

export interface EvaluationInput {
  /** First month the village is accountable for ('YYYY-MM'). */
  trackingSince: string;
  /** The China date the reading is taken on: later publications are not seen. */
  today: string;
  /** Every disclosure of the village that may weigh, majors included (they never cover a period). */
  published: readonly Publication[];
  majors?: CadenceInput['majors'];
  /**
   * Months weighed ('YYYY-MM', both included); default: the rolling window up to last month.
   * Months not yet closed on `today` are never asked for.
   */
  window?: { from: string; to: string };
  rules?: CadenceRules;
}

/**
 * The one evaluation of the routine cadence: which periods were due, which went up on time,
 * late or not at all. Every reader (the village status, the town overview, the monthly report,
 * the index) gets its answer from here through the disclosure context's public surface.
 */
export function evaluateCadence(input: EvaluationInput): CadenceEvaluation {
  const rules = input.rules ?? DEFAULT_RULES;
  const thisMonth = input.today.slice(0, 7);
  const from = input.window
    ? monthKeyOf(Math.max(monthIndex(input.window.from), monthIndex(input.trackingSince)))
    : earliestMonth(input.trackingSince, input.today, rules);
  const lastClosed = monthIndex(thisMonth) - 1;
  const to = monthKeyOf(input.window ? Math.min(monthIndex(input.window.to), lastClosed) : lastClosed);

  // The first routine publication of each period (a correction keeps the first date).
  const first = new Map<string, string | null>();
  for (const p of input.published) {
    const key = coveredKey(p);
    if (!key) continue;
    if (p.firstPublishedOn !== null && p.firstPublishedOn > input.today) continue;
    const k = `${p.category}:${key}`;
    const prev = first.get(k);
    if (prev === undefined) first.set(k, p.firstPublishedOn);
    else if (prev !== null && (p.firstPublishedOn === null || p.firstPublishedOn < prev))
      first.set(k, p.firstPublishedOn);
  }

  const periods: PeriodReading[] = [];
  const read = (category: Category, periodKey: string, lastMonth: string) => {
    const dueOn = dueDate(addMonths(lastMonth, 1), rules.dueDay);
    const due = input.today > dueOn;
    const k = `${category}:${periodKey}`;
    const on = first.has(k) ? (first.get(k) as string | null) : undefined;
    const state: PeriodState =
      on === undefined ? (due ? 'missing' : 'pending') : on === null || on <= dueOn ? 'onTime' : 'late';
    periods.push({ category, periodKey, dueOn, firstPublishedOn: on ?? null, state, due });
  };
  for (let i = monthIndex(from); i <= monthIndex(to); i++) read('finance', monthKeyOf(i), monthKeyOf(i));
  // Affairs and party: every quarter that ends within the weighed months.
  for (const category of ['affairs', 'party'] as const) {
    for (let i = monthIndex(from); i <= monthIndex(to); i++) {
      const month = monthKeyOf(i);
      const q = quarterOfMonth(month);
      if (quarterEndMonth(q) === month) read(category, q, month);
    }
  }

  const lateMajor: LateMajor[] = [];
  for (const m of input.majors ?? []) {
    // Only major matters published within the window weigh (as only its gaps do).
    if (m.publishedOn.slice(0, 7) < from || m.publishedOn > input.today) continue;
    const days = daysBetween(m.occurredOn, m.publishedOn);
    if (days > rules.majorDays) lateMajor.push({ ...m, daysLate: days - rules.majorDays });
  }

  const byDue = (a: Gap, b: Gap) => a.dueOn.localeCompare(b.dueOn) || a.category.localeCompare(b.category);
  periods.sort(byDue);
  const gap = (p: PeriodReading): Gap => ({ category: p.category, periodKey: p.periodKey, dueOn: p.dueOn });
  const overdue = periods.filter((p) => p.state === 'missing').map(gap);
  const dueSoon = periods.filter((p) => p.state === 'pending').map(gap);
  lateMajor.sort(
    (a, b) => a.publishedOn.localeCompare(b.publishedOn) || a.seriesId.localeCompare(b.seriesId),
  );
  const counted = periods.filter((p) => p.due);
  const state: CadenceState = overdue.length ? 'overdue' : lateMajor.length ? 'late' : 'onTime';
  return {
    state,
    overdue,
    dueSoon,
    lateMajor,
    from,
    to,
    periods,
    counts: {
      due: counted.length,
      onTime: counted.filter((p) => p.state === 'onTime').length,
      late: counted.filter((p) => p.state === 'late').length,
      missing: counted.filter((p) => p.state === 'missing').length,
    },
  };
}

/** The cadence from the stored coverage (which periods were disclosed, without dates). */
export function cadenceStatus(input: CadenceInput): CadenceResult {
  const published: Publication[] = [];
  for (const category of ['finance', 'affairs', 'party'] as const)
    for (const periodKey of input.coverage[category])
      published.push({ category, periodKey, major: false, firstPublishedOn: null });
  const r = evaluateCadence({
    trackingSince: input.trackingSince,
    today: input.today,
    published,
    majors: input.majors,
    rules: input.rules,
  });
  return { state: r.state, overdue: r.overdue, dueSoon: r.dueSoon, lateMajor: r.lateMajor };
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
