import type { Collection, Doc, Store } from '../common/store/port';
import type { Indicator } from './domain/indicators';
import type { Tally } from './domain/tally';
import type { RoundSummary, SurveyIndicatorResult } from '../common/contracts/survey';

/**
 * The survey's collections, and what a copy of them can tell (the threat model, also in the
 * README).
 *
 * Someone holding a complete copy of the database (every collection, or the embedded store's
 * files) and the village roster can learn: the rounds, who was eligible for which indicators
 * (only by recomputing eligibility from the roster: entries are keyed by a keyed hash), the
 * totals per indicator and option, and how many paper ballots each supervisor keyed in.
 * They cannot learn what any one person answered, nor who voted:
 *
 * - Who voted is a `voted` flag on the eligibility entry created for each person when the round
 *   opened (`surveyVoters`): voting writes no new document, so the entries' order and their
 *   natural order in the database are those of the opening, not of the votes. The entries carry
 *   no time.
 * - An entry's key is an HMAC of the person under a secret that is configuration of the
 *   function (`SURVEY_VOTER_SECRET`), never stored in the database: without it the keys
 *   cannot be recomputed from `users` and `roster`, so the copy does not say who voted either.
 * - What was answered is stored per indicator (`surveyAnswers`), in slots created at opening
 *   (one per eligible person and indicator, random ids, empty). A ballot fills one randomly
 *   chosen empty slot per indicator it answers: no document is added in vote order, slot ids
 *   say nothing about the order they were filled in, and no document holds a person's whole
 *   answer sheet, so a rare role mix (which indicators someone answers) is no fingerprint.
 * - Tallies are counts per indicator and option; a copy holds their value, not their history.
 * - The embedded store keeps these collections' files order-free (`OrderFreeFile`): one line
 *   per document in _id order, every line padded to one width, a vote overwriting its lines in
 *   place and anything else rewriting the file in _id order, so its files never hold the order
 *   or the history of writes (an append-only file would).
 * - Slots are SLOTS_PER_VOTER per eligible person and indicator, so a ballot finds an empty one
 *   by drawing a slot number at random (an O(1) write by _id) and no query or file order
 *   depends on the ballots before it. A process draws among the numbers it has not yet seen
 *   filled (`SlotBook`: slot numbers only, in memory, nothing of a ballot or a voter), which
 *   keeps every empty slot equally likely and makes a fill one write where it knows them all.
 *
 * What this does not protect against: someone watching the live database or the function's
 * request logs while people vote (the time of a write is visible there), whoever holds both the
 * copy and the secret (they can tell who voted, still not what), and results of a group smaller
 * than the round's minimum group, which are withheld for that reason. Which indicators an entry
 * answers is sealed under the secret too: next to the roster, a readable role mix would single
 * out the entry (and so the turnout) of a person whose mix nobody else has.
 */
export interface RoundDoc extends Doc {
  /** `${villageId}:${periodKey}:${n}`: the n-th round of a village for a period. */
  villageId: string;
  townId: string;
  periodKey: string;
  /**
   * `preparing` (正在准备) from the town's request until its entries and slots all exist (see
   * opening.ts); ballots are refused until it is `open`.
   */
  status: 'preparing' | 'open' | 'closed';
  /** While preparing: what is left, the entries (then the counts are frozen) or the slots. */
  stage?: 'voters' | 'slots';
  /** The round's length in days, counted from when it opens (closesAt is set then). */
  days?: number;
  /** The indicator configuration in force when the round opened. */
  indicators: Indicator[];
  /**
   * Eligible voters per indicator at opening: the response rate's denominators (while the
   * round is being prepared, a first count; frozen when its entries are written).
   */
  eligible: Record<string, number>;
  /** Eligible people in all (a person may answer several indicators). */
  eligibleVoters: number;
  /** Results of a group with fewer answers stay hidden. */
  minGroup: number;
  openedAt: string;
  openedBy: string;
  /** When the round closes by itself (at least the town's minimum duration after opening). */
  closesAt?: string;
  /** Below this share of eligible voters taking part, a closed round is 无效 (0..1). */
  participationFloor?: number;
  closedAt: string | null;
  closedBy: string | null;
  /** Closed by the town before closesAt. */
  closedEarly?: boolean;
  /**
   * Set at close: false (无效) when participation was below the floor. An invalid round never
   * stands for its village in the index, the reports, the trend or the town comparison.
   * Absent on rounds closed before the rule existed: those count as valid.
   */
  valid?: boolean;
}

/**
 * One per eligible person, created when the round opens: `${roundId}:${hmac}`. It holds which
 * indicators the person answers, sealed (encrypted under the configured secret, padded to one
 * length, so an entry shows no role mix), and whether they voted; never who they are or when.
 */
export interface VoterDoc extends Doc {
  roundId: string;
  /** The indicator ids the person answers, sealed: see sealIndicators in ballots.ts. */
  sealed: string;
  voted: boolean;
}

/**
 * One answer slot: created empty at opening (random _id), filled by one ballot with the option
 * chosen for this indicator. Nothing on it says which ballot filled it, or when: its fill tag
 * is random per write (see newFillTag in slots.ts).
 */
export interface AnswerDoc extends Doc {
  roundId: string;
  indicatorId: string;
  option: string | null;
  tag?: string | null;
}

/**
 * Kept tallies of a round: _id is the round id. `closed` is set by closeRound before anything
 * else, and a ballot is only counted by an increment conditional on `closed: false`: the
 * tally at close is final, whatever was in flight.
 */
export interface TallyDoc extends Doc, Tally {
  roundId: string;
  closed: boolean;
}

/**
 * One per village (`_id` = villageId): the round that is open, or null. Claimed by a
 * conditional write when a round opens and freed when it closes, so two rounds of different
 * periods can never be open at once, however the calls interleave.
 */
export interface OpenLockDoc extends Doc {
  roundId: string | null;
  /** The open round's period, for the message a second opening gets. */
  periodKey: string | null;
}

/**
 * Paper ballots keyed in per supervisor and round (`${roundId}:${supervisorId}`): a count,
 * nothing about the ballots or the people they were keyed for.
 */
export interface PaperCountDoc extends Doc {
  roundId: string;
  supervisorId: string;
  ballots: number;
}

export const roundsOf = (s: Store): Collection<RoundDoc> => s.collection<RoundDoc>('surveyRounds');
export const votersOf = (s: Store): Collection<VoterDoc> => s.collection<VoterDoc>('surveyVoters');
export const answersOf = (s: Store): Collection<AnswerDoc> => s.collection<AnswerDoc>('surveyAnswers');
export const talliesOf = (s: Store): Collection<TallyDoc> => s.collection<TallyDoc>('surveyTallies');
export const openLocksOf = (s: Store): Collection<OpenLockDoc> => s.collection<OpenLockDoc>('surveyOpen');
export const paperCountsOf = (s: Store): Collection<PaperCountDoc> =>
  s.collection<PaperCountDoc>('surveyPaperCounts');

/**
 * What the town comparison shows of a village for a period (`${villageId}:${periodKey}`): the
 * view of its latest valid round, kept when a round closes (the tally is final then) and
 * recountable from the rounds and their tallies (comparison.ts). Counts only, like the tally.
 */
export interface ComparisonDoc extends Doc {
  townId: string;
  villageId: string;
  periodKey: string;
  roundId: string;
  round: RoundSummary;
  indicators: SurveyIndicatorResult[];
  /** The village's place in the town comparison of the period, worst first (domain/compareOrder.ts). */
  sortKey?: string;
}

/** The periods with at least one valid closed round in a town (`_id` = townId). */
export interface TownPeriodsDoc extends Doc {
  periods: string[];
}

export const comparisonsOf = (s: Store): Collection<ComparisonDoc> =>
  s.collection<ComparisonDoc>('surveyComparisons');
export const townPeriodsOf = (s: Store): Collection<TownPeriodsDoc> =>
  s.collection<TownPeriodsDoc>('surveyTownPeriods');

/** Every collection the survey writes (for tests that inspect what is stored). */
export const SURVEY_COLLECTIONS = [
  'surveyRounds',
  'surveyVoters',
  'surveyAnswers',
  'surveyTallies',
  'surveyOpen',
  'surveyPaperCounts',
  'surveyComparisons',
  'surveyTownPeriods',
] as const;
