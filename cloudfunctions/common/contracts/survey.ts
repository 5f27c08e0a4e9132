import { z } from 'zod';
import { Id, MAX_YEAR, MIN_YEAR } from './shared';
import { KeyCursor, townPageInput, type TownPage } from './paging';

/** A survey round's period: a quarter (2025-Q4), a month (2025-10) or a whole year (2025). */
export const SurveyPeriod = z
  .string({ error: '请选择测评期间' })
  .trim()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, '请选择测评期间：某月、某季度或某年')
  .refine((key) => {
    const y = Number(key.slice(0, 4));
    return y >= MIN_YEAR && y <= MAX_YEAR;
  }, `测评期间的年份应在 ${MIN_YEAR} 至 ${MAX_YEAR} 年之间`);

const IndicatorKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/, '题目编号格式不正确');
const OptionKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/, '选项格式不正确');

/** indicatorId -> chosen option key, e.g. { openAffairs: 'satisfied' } */
export const BallotAnswers = z
  .record(IndicatorKey, OptionKey, { error: '请先作答' })
  .refine((a) => Object.keys(a).length >= 1, '请先作答')
  .refine((a) => Object.keys(a).length <= 20, '题目过多');

/** The smallest group whose results may be shown (issue: default 5; nobody may set less). */
export const MIN_GROUP_FLOOR = 5;
/** A round runs at least this many days; the town sets more (default 7). */
export const MIN_ROUND_DAYS = 3;
export const DEFAULT_ROUND_DAYS = 7;
/** Percent of eligible voters a round needs to be valid, unless the town sets another. */
export const DEFAULT_PARTICIPATION_FLOOR = 30;

export const surveyInputs = {
  /** The indicator configuration new rounds open with. */
  indicators: z.object({}),
  /** For a voter: the open round of their village, whether they may and did answer, the questions. */
  current: z.object({}),
  /** One online ballot by the caller. */
  vote: z.object({ roundId: Id, answers: BallotAnswers }),
  /** Rounds of a village, newest first, with participation (for cadres: nothing more). */
  rounds: z.object({ villageId: Id.optional() }),
  /**
   * Town admins only: opens a round for a period in the villages named (all of the town when
   * none are). The period must have begun and ended at most a year ago.
   */
  openRound: z.object({
    villageIds: z.array(Id).min(1, '请至少选择一个村').max(500).optional(),
    periodKey: SurveyPeriod,
    /** The round closes by itself this many days after opening; the town may close it earlier. */
    days: z
      .number({ error: '测评天数必须是数字' })
      .int('测评天数必须是整数')
      .min(MIN_ROUND_DAYS, `测评至少进行 ${MIN_ROUND_DAYS} 天`)
      .max(90, '测评最多进行 90 天')
      .default(DEFAULT_ROUND_DAYS),
    /** Percent of eligible voters below which a closed round is 无效. */
    participationFloor: z
      .number({ error: '有效参与率必须是数字' })
      .int('有效参与率必须是整数')
      .min(10, '有效参与率不能低于 10%')
      .max(100, '有效参与率不能高于 100%')
      .default(DEFAULT_PARTICIPATION_FLOOR),
    /**
     * Results of a group with fewer answers stay hidden. 5 is both the default and the floor:
     * below it a group's answers could be told apart.
     */
    minGroup: z
      .number({ error: '最少公布人数必须是数字' })
      .int('最少公布人数必须是整数')
      .min(MIN_GROUP_FLOOR, `最少公布人数不能少于 ${MIN_GROUP_FLOOR}`)
      .max(50, '最少公布人数不能多于 50')
      .default(MIN_GROUP_FLOOR),
  }),
  /** Town admins only: closes a round now (before its planned end, if need be). */
  closeRound: z.object({ roundId: Id }),
  /** Participation while open; rates, intervals and statuses once closed. */
  results: z.object({ roundId: Id }),
  /** Rebuilds the tallies from the stored answers and reports any difference. */
  recount: z.object({ roundId: Id }),
  /** For a supervisor: the roster entries of the round's snapshot, to key paper ballots against. */
  paperRoster: z.object({ roundId: Id }),
  /** One paper ballot keyed in by a supervisor against a roster entry. */
  paperBallot: z.object({ roundId: Id, rosterId: Id, answers: BallotAnswers }),
  /**
   * Town admins: a page of the town's villages for one period (default: the latest with
   * results), from the per-village summaries kept when a round closes.
   */
  compare: z.object({
    periodKey: SurveyPeriod.optional(),
    ...townPageInput(20, 20),
    cursor: KeyCursor.optional(),
  }),
  /** A village's closed rounds in period order. */
  trend: z.object({ villageId: Id.optional() }),
} as const;

export type SurveyInputs = { [K in keyof typeof surveyInputs]: z.input<(typeof surveyInputs)[K]> };

export type SurveyStatus = 'met' | 'notMet' | 'insufficient';

export interface SurveyOption {
  key: string;
  label: string;
  approves: boolean;
}

export interface SurveyIndicator {
  id: string;
  name: string;
  question: string;
  roles: string[];
  excludeRoles: string[];
  options: SurveyOption[];
  threshold: number;
}

export interface SurveyQuestion {
  indicatorId: string;
  name: string;
  question: string;
  options: { key: string; label: string }[];
}

export interface RoundSummary {
  id: string;
  villageId: string;
  villageName: string;
  periodKey: string;
  /** 2025年第四季度 */
  periodLabel: string;
  /** 'preparing' (正在准备): asked for, not yet open for answers (its entries and slots are being written). */
  status: 'preparing' | 'open' | 'closed';
  openedAt: string;
  /** When the round closes by itself; null for rounds opened before rounds had an end. */
  closesAt: string | null;
  closedAt: string | null;
  /** Closed by the town before closesAt. */
  closedEarly: boolean;
  /**
   * 'invalid' (无效): closed with participation below the floor; such a round never stands for
   * the village in the index, reports, trend or comparison.
   */
  validity: 'preparing' | 'open' | 'valid' | 'invalid';
  /** 正在准备 / 进行中 / 有效 / 无效（参与率低于 30%） */
  validityLabel: string;
  /** Share of eligible voters a round needs to be valid (0..1). */
  participationFloor: number;
  /** People on the roster snapshot taken at opening. */
  eligibleVoters: number;
  /** Ballots received so far (online and paper). */
  ballots: number;
  /** ballots / eligibleVoters, null when nobody was eligible. */
  participation: number | null;
  minGroup: number;
  /**
   * Paper ballots each supervisor keyed in this round (a count per supervisor, nothing about
   * whom). Only for the village's cadres and the town admins; absent for anyone else.
   */
  paperBy?: { supervisorName: string; ballots: number }[];
}

export interface SurveyIndicatorResult {
  indicatorId: string;
  name: string;
  threshold: number;
  eligible: number;
  answers: number;
  responseRate: number | null;
  /** null when withheld: fewer answers than the round's minimum group size. */
  approvalRate: number | null;
  approvals: number | null;
  interval: { lower: number; upper: number } | null;
  /** By the point rate (what the index counts); the label below says whether it is settled. */
  status: SurveyStatus;
  /** 'uncertain' when the 95% interval straddles the threshold: no page says 达标 then. */
  certainty: 'certain' | 'uncertain' | 'withheld';
  /** 达标 / 未达标 / 还说不准 / 人数太少 */
  statusLabel: string;
  /** For the town: the figure with its 95% interval, e.g. that it straddles 90%. */
  statement: string;
  /** For villagers: rate, how many answered, met or not, in plain words (no interval). */
  plain: string;
  options: { key: string; label: string; approves: boolean; count: number | null }[];
}

export interface RoundResultsView {
  round: RoundSummary;
  /** false while the round is open: only participation is shown then. */
  published: boolean;
  indicators: SurveyIndicatorResult[];
}

export interface SurveyOutputs {
  indicators: { indicators: SurveyIndicator[] };
  current: {
    villageId: string;
    villageName: string;
    round: RoundSummary | null;
    /** On this round's roster snapshot. */
    eligible: boolean;
    voted: boolean;
    questions: SurveyQuestion[];
    /** The latest valid closed round, to link to its results. */
    latestClosed: RoundSummary | null;
  };
  vote: { roundId: string; counted: true };
  rounds: { villageId: string; villageName: string; rounds: RoundSummary[] };
  openRound: {
    periodKey: string;
    periodLabel: string;
    /** Rounds opened (or already open for this period, on a retry). */
    opened: RoundSummary[];
    /** Villages where no round was opened, and why. */
    refused: { villageId: string; villageName: string; reason: string }[];
    /** Of `opened`, the rounds still being prepared (正在准备): the timer opens them shortly. */
    preparing: number;
  };
  closeRound: RoundSummary;
  results: RoundResultsView;
  recount: {
    roundId: string;
    /** Ballots the kept tally counts. */
    kept: number;
    /** Answer sheets found in storage. */
    recounted: number;
    /** People the ledger marks as having voted. */
    ledger: number;
    /**
     * Ledger entries without an answer sheet: ballots lost in a failed write (the person is
     * marked as voted but their answers were not stored). Never says whose.
     */
    lost: number;
    /** The check in plain words for the cadre or town admin. */
    statement: string;
    consistent: boolean;
    /** Field-level differences; only after close (while open they would reveal partial results). */
    differences: { field: string; kept: number; recounted: number }[];
    /** The kept tally was replaced by the recount. */
    repaired: boolean;
  };
  paperRoster: {
    roundId: string;
    /** Every question of the round; an entry answers those listed in its indicatorIds. */
    questions: SurveyQuestion[];
    entries: { rosterId: string; name: string; phoneTail: string; indicatorIds: string[] }[];
  };
  paperBallot: { roundId: string; counted: true };
  compare: {
    /** Periods with at least one valid closed round in the town, newest first. */
    periods: string[];
    periodKey: string | null;
    rows: {
      villageId: string;
      villageName: string;
      round: RoundSummary | null;
      indicators: SurveyIndicatorResult[];
    }[];
  } & TownPage;
  trend: {
    villageId: string;
    villageName: string;
    rounds: { round: RoundSummary; indicators: SurveyIndicatorResult[] }[];
  };
}
