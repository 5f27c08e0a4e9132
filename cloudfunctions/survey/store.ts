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

/** One ballot's answers: a random _id and the round, nothing else. */
export interface AnswerDoc extends Doc {
  roundId: string;
  answers: Answers;
}

/** Kept tallies of a round: _id is the round id. */
export interface TallyDoc extends Doc, Tally {
  roundId: string;
}

export const roundsOf = (s: Store): Collection<RoundDoc> => s.collection<RoundDoc>('surveyRounds');
export const votersOf = (s: Store): Collection<VoterDoc> => s.collection<VoterDoc>('surveyVoters');
export const ledgerOf = (s: Store): Collection<LedgerDoc> => s.collection<LedgerDoc>('surveyLedger');
export const answersOf = (s: Store): Collection<AnswerDoc> => s.collection<AnswerDoc>('surveyAnswers');
export const talliesOf = (s: Store): Collection<TallyDoc> => s.collection<TallyDoc>('surveyTallies');

/** Every collection the survey writes (for tests that inspect what is stored). */
export const SURVEY_COLLECTIONS = [
  'surveyRounds',
  'surveyVoters',
  'surveyLedger',
  'surveyAnswers',
  'surveyTallies',
] as const;
