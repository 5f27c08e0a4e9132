import type { Collection, Doc, Store } from '../common/store/port';
import type { Answers, Indicator } from './domain/indicators';
import type { Tally } from './domain/tally';

/**
 * The survey's collections. Who voted (ledger) and what was answered (answers) live apart and
 * share nothing but the round: no openid, no roster entry and no time on an answer.
 */
export interface RoundDoc extends Doc {
  /** `${villageId}:${periodKey}`: one round per village and period. */
  villageId: string;
  townId: string;
  periodKey: string;
  status: 'open' | 'closed';
  /** The indicator configuration in force when the round opened. */
  indicators: Indicator[];
  /** Eligible voters per indicator at opening: the response rate's denominators. */
  eligible: Record<string, number>;
  /** Eligible people in all (a person may answer several indicators). */
  eligibleVoters: number;
  /** Results of a group with fewer answers stay hidden. */
  minGroup: number;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

/**
 * The roster snapshot taken at opening, one per eligible person: `${roundId}:${voterKey}`.
 * It holds which indicators the person answers, never who they are.
 */
export interface VoterDoc extends Doc {
  roundId: string;
  indicatorIds: string[];
}

/** Who has voted: `${roundId}:${voterKey}`, inserted before the answers (at most once). */
export interface LedgerDoc extends Doc {
  roundId: string;
}

/**
 * One ballot's answers: a random _id and the round, nothing else.
 *
 * Known limit: a sheet holds the indicators its voter answers, so its shape shows the voter's
 * role mix (a resident-supervisor's sheet lacks 村监委监督满意率, a party member's lacks
 * 党员先进性认同率). Someone reading the database next to the roster could tell the sheet of a
 * person whose role mix is unique in the village. Replies never show sheets: results are per
 * indicator and withheld below the round's minimum group, so the role groups a person belongs
 * to are only shown as aggregates of at least that many answers. Removing the shape from
 * storage would mean one document per indicator answer (five writes per ballot, and ballots no
 * longer recountable as sheets); that is a design change left for a decision.
 */
export interface AnswerDoc extends Doc {
  roundId: string;
  answers: Answers;
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
export const ledgerOf = (s: Store): Collection<LedgerDoc> => s.collection<LedgerDoc>('surveyLedger');
export const answersOf = (s: Store): Collection<AnswerDoc> => s.collection<AnswerDoc>('surveyAnswers');
export const talliesOf = (s: Store): Collection<TallyDoc> => s.collection<TallyDoc>('surveyTallies');
export const openLocksOf = (s: Store): Collection<OpenLockDoc> => s.collection<OpenLockDoc>('surveyOpen');
export const paperCountsOf = (s: Store): Collection<PaperCountDoc> =>
  s.collection<PaperCountDoc>('surveyPaperCounts');

/** Every collection the survey writes (for tests that inspect what is stored). */
export const SURVEY_COLLECTIONS = [
  'surveyRounds',
  'surveyVoters',
  'surveyLedger',
  'surveyAnswers',
  'surveyTallies',
  'surveyOpen',
  'surveyPaperCounts',
] as const;
