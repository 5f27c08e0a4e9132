import { chinaDateKey, chinaDayStart, inChina } from '../../common/clock';
import type { Deadlines } from '../../common/contracts/oversight';

/**
 * Deadlines count whole days on China's wall clock: "within 3 days" of something done on
 * 15 March (any hour) ends when 18 March ends in China (19 March 00:00 UTC+8).
 */
export function dueAfter(fromIso: string, days: number): string {
  const day = inChina(fromIso)
    .startOf('day')
    .add(days + 1, 'day');
  return chinaDayStart(day.format('YYYY-MM-DD')).toISOString();
}

/** Whole China-time days from one instant's date to another's (0 on the same day). */
export function chinaDaysBetween(fromIso: string, toIso: string): number {
  const a = chinaDayStart(chinaDateKey(fromIso)).getTime();
  const b = chinaDayStart(chinaDateKey(toIso)).getTime();
  return Math.round((b - a) / 86_400_000);
}

export function isPast(dueIso: string | null, now: Date): boolean {
  return dueIso !== null && now.getTime() >= new Date(dueIso).getTime();
}

export function validDeadlines(d: Partial<Deadlines> | null | undefined, fallback: Deadlines): Deadlines {
  return {
    acceptDays: d?.acceptDays ?? fallback.acceptDays,
    answerDays: d?.answerDays ?? fallback.answerDays,
    rateDays: d?.rateDays ?? fallback.rateDays,
  };
}
