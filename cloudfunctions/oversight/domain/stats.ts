import type { Rating } from '../../common/contracts/oversight';

/**
 * A village's figures kept on every write (so the town reads one record per village, however
 * many items there are), and the arithmetic on them. Recountable from the items.
 */
export interface VillageStats {
  total: number;
  closed: number;
  ratings: Record<Rating, number>;
  /** China-time days from raising to the first answer -> how many items. */
  answerDays: Record<string, number>;
  /** Open items by id: the deadline of their stage and whether they are with the town. */
  open: Record<string, { dueAt: string | null; escalated: boolean }>;
}

export function emptyStats(): VillageStats {
  return {
    total: 0,
    closed: 0,
    ratings: { satisfied: 0, basic: 0, unsatisfied: 0 },
    answerDays: {},
    open: {},
  };
}

/** The median of a histogram of whole days (lower median for an even count). */
export function medianOfHistogram(h: Record<string, number>): number | null {
  const entries = Object.entries(h)
    .map(([d, n]) => [Number(d), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (!total) return null;
  const target = Math.ceil(total / 2);
  let seen = 0;
  for (const [d, n] of entries) {
    seen += n;
    if (seen >= target) return d;
  }
  return null;
}

/** (满意 + 基本满意) / rated, or null before any rating. */
export function satisfactionOf(r: Record<Rating, number>): { rate: number | null; rated: number } {
  const rated = r.satisfied + r.basic + r.unsatisfied;
  return { rate: rated ? (r.satisfied + r.basic) / rated : null, rated };
}

export function overdueCount(open: VillageStats['open'], now: Date): number {
  return Object.values(open).filter(
    (o) => !o.escalated && o.dueAt !== null && now.getTime() >= Date.parse(o.dueAt),
  ).length;
}

export function escalatedCount(open: VillageStats['open']): number {
  return Object.values(open).filter((o) => o.escalated).length;
}
