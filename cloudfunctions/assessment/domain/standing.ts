import type { SheetState } from '../../common/contracts/assessment';
import { isBelow, tierRank, villageTarget, type ScoringScheme } from './scoring';

/**
 * Where a village stands on the town's board for a year, from its summary of the year and of the
 * year before (its target), and the order of the board: worst first. One rule for the rows the
 * dashboard shows and for the key each village keeps on write to page the board in that order.
 */

export interface StandingSummary {
  state: SheetState;
  total: number | null;
  tierKey: string | null;
  tierConfirmed: boolean;
  vetoes: string[];
}

export interface Standing {
  /** 'none' without a scored sheet. */
  state: SheetState | 'none';
  score: number | null;
  tierKey: string | null;
  target: string | null;
  belowTarget: boolean;
  vetoed: boolean;
}

export function standingOf(
  scheme: ScoringScheme,
  year: number,
  s: StandingSummary | null | undefined,
  previous: Pick<StandingSummary, 'tierKey' | 'tierConfirmed'> | null | undefined,
): Standing {
  const scored = !!s && s.total !== null;
  const tierKey = scored ? (s.tierKey ?? null) : null;
  const target = villageTarget(scheme, year, previous?.tierConfirmed ? previous.tierKey : null);
  return {
    state: scored ? s.state : 'none',
    score: scored ? s.total : null,
    tierKey,
    target,
    belowTarget: isBelow(scheme, tierKey, target),
    vetoed: (s?.vetoes.length ?? 0) > 0,
  };
}

const SCORE_SCALE = 100;
const SCORE_DIGITS = 8;

/**
 * The board's order as one string, ascending = worst first: below target first, then vetoed,
 * then the lower tier, then the lower score, then by village id (every key unique). Villages
 * without a scored sheet come after every scored one (they have nothing to rank by yet).
 */
export function standingKey(scheme: Pick<ScoringScheme, 'tiers'>, villageId: string, s: Standing): string {
  if (s.state === 'none' || s.score === null) return unscoredKey(villageId);
  const known = scheme.tiers.some((t) => t.key === s.tierKey);
  const worse = String(99 - Math.min(99, tierRank(scheme, known ? s.tierKey : null))).padStart(2, '0');
  const score = String(Math.max(0, Math.round(s.score * SCORE_SCALE))).padStart(SCORE_DIGITS, '0');
  return `0.${s.belowTarget ? 0 : 1}${s.vetoed ? 0 : 1}.${worse}.${score}.${villageId}`;
}

/** The key of a village with nothing scored: after every scored one, by village id. */
export const unscoredKey = (villageId: string) => `1.${villageId}`;
