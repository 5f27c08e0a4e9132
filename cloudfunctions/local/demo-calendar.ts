import { chinaDateKey, chinaDayStart, chinaMonthKey } from '../common/clock';
import { addMonths, quarterEndMonth, quarterOfMonth } from '../common/periods';

/**
 * The demo town is generated relative to its "today" (China time), so a demo started in any
 * month is alive: last month's finance published, a survey round open, last month's reports
 * drafted. The tests pin this date; the local runtime passes its clock's now.
 */
export const DEMO_REFERENCE_NOW = '2026-11-23T02:00:00.000Z';

const DAY_MS = 86_400_000;
/** Seeded events happen at the latest this long before the demo's "today". */
const BEFORE_NOW_MS = 60_000;

export interface DemoCalendar {
  /** The demo's "today", ISO. */
  now: string;
  /** The China month of today, 'YYYY-MM'. */
  month: string;
  /** The China year of today. */
  year: number;
  /** The quarter today falls in, 'YYYY-Qn'. */
  quarter: string;
  /** The month `n` months from today's (negative: before). */
  monthOffset(n: number): string;
  /** The quarter `n` quarters from today's (negative: before). */
  quarterOffset(n: number): string;
  /** A China date `n` days from today, 'YYYY-MM-DD'. */
  dayOffset(n: number): string;
  /** The instant of a China wall-clock time ('2026-10-08', '09:30'), never later than today. */
  at(dateKey: string, time?: string): string;
  /** `at` of the China date `n` days before today. */
  daysAgo(n: number, time?: string): string;
  /** Whether a China wall-clock time has passed. */
  passed(dateKey: string, time?: string): boolean;
}

/** Month and quarter arithmetic for the demo seed, from its "today". Pure. */
export function demoCalendar(nowIso: string): DemoCalendar {
  const now = new Date(nowIso);
  const month = chinaMonthKey(now);
  const quarter = quarterOfMonth(month);
  const latest = now.getTime() - BEFORE_NOW_MS;
  const wall = (dateKey: string, time: string) => {
    const [h = 0, m = 0] = time.split(':').map(Number);
    return chinaDayStart(dateKey).getTime() + (h * 60 + m) * 60_000;
  };
  const dayOffset = (n: number) => chinaDateKey(now.getTime() + n * DAY_MS);
  const at = (dateKey: string, time = '10:00') =>
    new Date(Math.min(wall(dateKey, time), latest)).toISOString();
  return {
    now: now.toISOString(),
    month,
    year: Number(month.slice(0, 4)),
    quarter,
    monthOffset: (n) => addMonths(month, n),
    quarterOffset: (n) => quarterOfMonth(addMonths(quarterEndMonth(quarter), 3 * n)),
    dayOffset,
    at,
    daysAgo: (n, time) => at(dayOffset(-n), time),
    passed: (dateKey, time = '10:00') => wall(dateKey, time) <= latest,
  };
}

/** '2026-08' -> 8 */
export const monthNumber = (monthKey: string): number => Number(monthKey.slice(5));
