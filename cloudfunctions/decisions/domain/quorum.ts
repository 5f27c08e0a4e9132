import type { MeetingKind, Outcome } from '../../common/contracts/decisions';

/**
 * Quorum and outcome of a meeting vote (票决), by the kind of meeting. Pure arithmetic on whole
 * numbers: no fractions, so "exactly two thirds" and "exactly half" fall on the side the law says.
 *
 *  - 村民代表会议 (村民委员会组织法 Art. 26): at least two thirds of the members present; a decision
 *    needs more than half of those present.
 *  - 村民会议 (Art. 22): more than half of the adult villagers present, or representatives of at
 *    least two thirds of the households; a decision needs more than half of those present.
 *  - 党员大会: more than half of the members entitled to vote present; a decision needs more than
 *    half of those entitled to vote (not merely of those present).
 *  - 两委联席会议 (两委商议): no statute fixes it; the product asks what the 党员大会 asks of those
 *    present (more than half present) and decides by more than half of those present.
 */

export interface Tally {
  /** 应到: members entitled to attend and vote (for a 村民会议, adult villagers). */
  entitled: number;
  /** 实到 */
  present: number;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  /** 村民会议 only: households of the village and households represented. */
  households?: { entitled: number; present: number } | null;
}

/** Why a tally cannot be true; each is a named refusal of the contract. */
export type TallyProblem = 'PRESENT_ABOVE_ENTITLED' | 'VOTES_ABOVE_PRESENT' | 'HOUSEHOLDS_INVALID';

export interface Evaluation {
  quorum: boolean;
  outcome: Outcome;
}

/** Impossible numbers, in the order a person would fix them; empty when the tally is possible. */
export function tallyProblems(kind: MeetingKind, t: Tally): TallyProblem[] {
  const out: TallyProblem[] = [];
  if (t.present > t.entitled) out.push('PRESENT_ABOVE_ENTITLED');
  if (t.votesFor + t.votesAgainst + t.abstentions > t.present) out.push('VOTES_ABOVE_PRESENT');
  const h = t.households;
  if (kind === 'villagers' && h && (h.present > h.entitled || h.entitled < 1)) out.push('HOUSEHOLDS_INVALID');
  if (kind !== 'villagers' && h) out.push('HOUSEHOLDS_INVALID');
  return out;
}

/** More than half of `of`: 2x > of (exactly half is not more than half). */
export const moreThanHalf = (x: number, of: number) => 2 * x > of;
/** At least two thirds of `of`: 3x >= 2·of (exactly two thirds is enough). */
export const atLeastTwoThirds = (x: number, of: number) => 3 * x >= 2 * of;

export function hasQuorum(kind: MeetingKind, t: Tally): boolean {
  if (t.entitled < 1) return false;
  switch (kind) {
    case 'representatives':
      return atLeastTwoThirds(t.present, t.entitled);
    case 'villagers': {
      const byHouseholds = !!t.households && atLeastTwoThirds(t.households.present, t.households.entitled);
      return moreThanHalf(t.present, t.entitled) || byHouseholds;
    }
    case 'partyCongress':
    case 'committee':
      return moreThanHalf(t.present, t.entitled);
  }
}

/** Whether the votes carry the motion, given a quorum. */
export function carries(kind: MeetingKind, t: Tally): boolean {
  // A 党员大会 decides by more than half of all members entitled to vote.
  return kind === 'partyCongress'
    ? moreThanHalf(t.votesFor, t.entitled)
    : moreThanHalf(t.votesFor, t.present);
}

/** The outcome the numbers support. Call only with a tally free of tallyProblems. */
export function evaluate(kind: MeetingKind, t: Tally): Evaluation {
  const quorum = hasQuorum(kind, t);
  if (!quorum) return { quorum, outcome: 'noQuorum' };
  return { quorum, outcome: carries(kind, t) ? 'passed' : 'rejected' };
}

/** The fewest present for a quorum and the fewest votes for to pass, for the form's hints. */
export function thresholds(
  kind: MeetingKind,
  entitled: number,
  present: number,
): { present: number; votesFor: number } {
  const minPresent =
    kind === 'representatives' ? Math.ceil((2 * entitled) / 3) : Math.floor(entitled / 2) + 1;
  const basis = kind === 'partyCongress' ? entitled : present;
  return { present: minPresent, votesFor: Math.floor(basis / 2) + 1 };
}
