import { chinaDateKey } from '../common/clock';
import { DomainError } from '../common/errors';
import { villages, type VillageDoc } from '../common/identity';
import type { RoundSummary, SurveyOutputs } from '../common/contracts/survey';
import { SURVEY_REFUSALS } from '../common/contracts/survey-refusals';
import type { Ctx } from '../common/router';
import { requireTownAdmin } from './policy';
import { summaryOf, tallyOf } from './read';
import { addMany, DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { keepRoundFeed } from './homeFeed';
import { openIndicators } from './ballots';
import { answerSlots } from './slots';
import { FIVE_GOOD_INDICATORS } from './domain/indicators';
import { roundPeriodProblem, surveyPeriodLabel } from './domain/periods';
import { emptyTally } from './domain/tally';
import { claimOpenLock, eligibleVoters, releaseOpenLock } from './rounds';
import { answersOf, roundsOf, talliesOf, votersOf, type RoundDoc } from './store';

/*
 * Opening a round, in two parts, so that a town-wide opening (tens of thousands of eligibility
 * entries, hundreds of thousands of answer slots) never has to fit in one call:
 *
 * 1. Asked for (`requestRound`): the village's open lock and the round, status `preparing`
 *    (正在准备): a few store operations per village, all villages in the open call.
 * 2. Prepared (`prepareRound`), in two stages the round records, each finished by one
 *    conditional write:
 *    - `voters`: the eligibility entries from the roster as it is now, reconciled with any a
 *      failed attempt left (entries of people no longer eligible removed, changed ones
 *      resealed, missing ones added), then the round's eligible counts frozen (stage `slots`);
 *    - `slots`: SLOTS_PER_VOTER empty answer slots per eligible person and indicator (their ids
 *      follow from the frozen counts) and the empty tally, then the round opens: status `open`,
 *      its days counted from now.
 *    The open call prepares as many rounds as its budget allows; the survey's timer (and the
 *    same opening asked again) goes on with the rest. Ballots are refused (ROUND_PREPARING)
 *    until the round is open, so no ballot meets a round whose slots are not all there.
 *
 * Every write is idempotent by _id, or conditional on the stage it finishes: a retry after a
 * failure anywhere, or two preparers at once (the timer and a repeated opening), finish the
 * same round with exactly SLOTS_PER_VOTER x eligible slots per indicator.
 */

const DAY_MS = 86_400_000;
const NO_VOTERS = SURVEY_REFUSALS.NO_ELIGIBLE_VOTERS;

/** What the open call itself prepares, from its start: the rest is left to the timer. */
export const OPEN_CALL_BUDGET_MS = 30_000;
/** What one tick of the survey's timer spends preparing rounds (WeChat's limit is 60 s). */
export const OPEN_TICK_BUDGET_MS = 40_000;
/** Villages whose rounds the open call asks for at once. */
const REQUESTS_IN_FLIGHT = 8;
/** Rounds a tick looks at. */
const ROUNDS_PER_TICK = 200;

export interface OpenSettings {
  periodKey: string;
  days: number;
  /** Percent. */
  participationFloor: number;
  minGroup: number;
}

const insertOnce = async <T extends { _id: string }>(write: (doc: T) => Promise<void>, doc: T) => {
  try {
    await write(doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
};

/**
 * Why a round of this period cannot be opened in the village now, or the round to open:
 * `${villageId}:${periodKey}:${n}`, the n-th for the period (a new one only after 无效 ones),
 * or the round of this period being prepared or open, on a retry.
 */
async function planRound(
  store: Store,
  village: VillageDoc,
  periodKey: string,
): Promise<{ existing: RoundDoc } | { roundId: string }> {
  const rounds = await findAll(roundsOf(store), { villageId: village._id });
  const running = rounds.find((r) => r.status !== 'closed');
  if (running?.periodKey === periodKey) return { existing: running };
  if (running) {
    const label = surveyPeriodLabel(running.periodKey);
    throw new DomainError(
      'ROUND_EXISTS',
      running.status === 'open' ? `${label}的测评还在进行` : `${label}的测评正在准备`,
    );
  }
  const same = rounds.filter((r) => r.periodKey === periodKey);
  if (same.some((r) => r.valid !== false)) {
    throw new DomainError('ROUND_EXISTS', `${surveyPeriodLabel(periodKey)}已有有效的测评结果，不能重复测评`);
  }
  return { roundId: `${village._id}:${periodKey}:${same.length + 1}` };
}

/**
 * Part 1: the village's round, `preparing`, or the round of this period already there. Refuses
 * a village where nobody may answer (NO_ELIGIBLE_VOTERS) before anything is written.
 */
export async function requestRound(
  store: Store,
  now: Date,
  openedBy: string,
  village: VillageDoc,
  settings: OpenSettings,
): Promise<RoundDoc> {
  const problem = roundPeriodProblem(settings.periodKey, chinaDateKey(now));
  if (problem) throw new DomainError('PERIOD_NOT_OPENABLE', problem);
  const plan = await planRound(store, village, settings.periodKey);
  if ('existing' in plan) {
    // A retry: the home's part is recounted in case the first attempt stopped just before it.
    if (plan.existing.status === 'open') await keepRoundFeed(store, village._id);
    return plan.existing;
  }
  const { roundId } = plan;
  const indicators = FIVE_GOOD_INDICATORS;
  // Who may answer is taken again when the round is prepared; here only whether anybody may.
  const { voters, eligible } = await eligibleVoters(store, roundId, village._id, indicators);
  if (voters.length === 0) throw new DomainError('NO_ELIGIBLE_VOTERS');
  await claimOpenLock(store, village._id, roundId, settings.periodKey);
  const round: RoundDoc = {
    _id: roundId,
    villageId: village._id,
    townId: village.townId,
    periodKey: settings.periodKey,
    status: 'preparing',
    stage: 'voters',
    days: settings.days,
    indicators,
    eligible,
    eligibleVoters: voters.length,
    minGroup: settings.minGroup,
    openedAt: now.toISOString(),
    openedBy,
    participationFloor: settings.participationFloor / 100,
    closedAt: null,
    closedBy: null,
  };
  try {
    await insertOnce((d) => roundsOf(store).insert(d), round);
  } catch (e) {
    if (!(await roundsOf(store).get(roundId))) await releaseOpenLock(store, village._id, roundId);
    throw e;
  }
  return (await roundsOf(store).get(roundId)) as RoundDoc;
}

/** Stage `voters`: the entries exactly as the roster says now, then the counts frozen. */
async function prepareVoters(store: Store, round: RoundDoc): Promise<void> {
  const { voters, eligible } = await eligibleVoters(store, round._id, round.villageId, round.indicators);
  const col = votersOf(store);
  const wanted = new Map(voters.map((v) => [v._id, v]));
  // What a failed attempt left (nothing on a first attempt): one query per 1,000 entries.
  const stored = await findAll(col, { roundId: round._id }, { fields: ['sealed'] });
  for (const s of stored) {
    const want = wanted.get(s._id);
    if (!want) await col.remove(s._id);
    else if (openIndicators(s.sealed).join(',') !== openIndicators(want.sealed).join(','))
      await col.update(s._id, { set: { sealed: want.sealed } });
  }
  await addMany(col, voters);
  await roundsOf(store).updateWhere(
    { _id: round._id, status: 'preparing', stage: 'voters' },
    { set: { stage: 'slots', eligible, eligibleVoters: voters.length } },
  );
}

/** Stage `slots`: the empty slots and tally of the frozen counts, then the round opens. */
async function prepareSlots(store: Store, round: RoundDoc, now: Date): Promise<void> {
  await addMany(answersOf(store), answerSlots(round._id, round.eligible));
  await insertOnce((d) => talliesOf(store).insert(d), {
    _id: round._id,
    roundId: round._id,
    ...emptyTally(round.indicators),
    closed: false,
  });
  const days = round.days ?? 0;
  await roundsOf(store).updateWhere(
    { _id: round._id, status: 'preparing', stage: 'slots' },
    {
      set: {
        status: 'open',
        openedAt: now.toISOString(),
        closesAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
      },
      unset: ['stage'],
    },
  );
  await keepRoundFeed(store, round.villageId);
}

/**
 * Part 2: prepares a round as far as it goes (nothing for an open or closed one); resolves to the
 * round as stored after. A round whose village has nobody eligible any more by now is given up
 * (removed, its lock freed): nothing was written for it but the round.
 */
export async function prepareRound(store: Store, round: RoundDoc, now: () => Date): Promise<RoundDoc> {
  let current: RoundDoc | null = round;
  if (current.status === 'preparing' && current.stage === 'voters') {
    await prepareVoters(store, current);
    current = await roundsOf(store).get(round._id);
    if (current && current.eligibleVoters === 0) {
      await roundsOf(store).remove(round._id);
      await releaseOpenLock(store, round.villageId, round._id);
      throw new DomainError('NO_ELIGIBLE_VOTERS');
    }
  }
  if (current?.status === 'preparing' && current.stage === 'slots') {
    await prepareSlots(store, current, now());
    current = await roundsOf(store).get(round._id);
  }
  return current ?? round;
}

/**
 * Prepares the rounds given, in order, while time is left before `deadline` (a round under way
 * is finished: one village is a few seconds at most). Resolves to each round as stored after,
 * and the ids of rounds given up for lack of eligible people.
 */
export async function prepareRounds(
  store: Store,
  rounds: readonly RoundDoc[],
  now: () => Date,
  deadline: number,
): Promise<{ rounds: Map<string, RoundDoc>; givenUp: Set<string> }> {
  const out = new Map<string, RoundDoc>();
  const givenUp = new Set<string>();
  for (const r of rounds) {
    if (r.status !== 'preparing' || now().getTime() >= deadline) {
      out.set(r._id, r);
      continue;
    }
    try {
      out.set(r._id, await prepareRound(store, r, now));
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'NO_ELIGIBLE_VOTERS') throw e;
      givenUp.add(r._id);
    }
  }
  return { rounds: out, givenUp };
}

/**
 * The survey timer's work: rounds still being prepared, oldest request first, as far as the
 * budget goes. Resolves to how many opened and how many still wait.
 */
export async function continueOpenings(
  store: Store,
  now: () => Date,
  budgetMs = OPEN_TICK_BUDGET_MS,
): Promise<{ opened: number; waiting: number }> {
  const deadline = now().getTime() + budgetMs;
  const waiting = await roundsOf(store).find(
    { status: 'preparing' },
    { sort: { openedAt: 1 }, limit: ROUNDS_PER_TICK },
  );
  const { rounds } = await prepareRounds(store, waiting, now, deadline);
  const opened = [...rounds.values()].filter((r) => r.status === 'open').length;
  return { opened, waiting: [...rounds.values()].filter((r) => r.status === 'preparing').length };
}

/**
 * The town's opening of a period in the villages named (all of the town when none are): every
 * round asked for at once, then prepared as far as OPEN_CALL_BUDGET_MS allows; the reply lists
 * each village's round (open, or 正在准备 with the timer going on) and the villages refused.
 * Asking again for the same period is a retry: it refuses nothing already asked for and
 * prepares what is left.
 */
export async function openRounds(
  input: OpenSettings & { villageIds?: string[] | undefined },
  ctx: Ctx,
): Promise<SurveyOutputs['openRound']> {
  const admin = requireTownAdmin(ctx.principal, '开启');
  const now = () => ctx.clock.now();
  const deadline = now().getTime() + OPEN_CALL_BUDGET_MS;
  const town = await findAll(villages(ctx.store), { townId: admin.townId }, { sort: { name: 1 } });
  const byId = new Map(town.map((v) => [v._id, v]));
  const wanted = input.villageIds ? [...new Set(input.villageIds)] : town.map((v) => v._id);
  // A period that may not be opened is the same answer for every village: say it once.
  const problem = roundPeriodProblem(input.periodKey, chinaDateKey(now()));
  if (problem) throw new DomainError('PERIOD_NOT_OPENABLE', problem);
  const asked: { village: VillageDoc; round: RoundDoc }[] = [];
  const refused: SurveyOutputs['openRound']['refused'] = [];
  type Answer =
    | { village: VillageDoc; round: RoundDoc }
    | { id: string; village?: VillageDoc; reason: string };
  const ask = async (id: string): Promise<Answer> => {
    const village = byId.get(id);
    if (!village) return { id, reason: '不是本镇的村' };
    try {
      return { village, round: await requestRound(ctx.store, now(), admin._id, village, input) };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return { id, village, reason: e.message };
    }
  };
  // A few villages at once (each a handful of store operations), in the order asked.
  for (let i = 0; i < wanted.length; i += REQUESTS_IN_FLIGHT) {
    for (const r of await Promise.all(wanted.slice(i, i + REQUESTS_IN_FLIGHT).map(ask))) {
      if ('round' in r) asked.push(r);
      else refused.push({ villageId: r.id, villageName: r.village?.name ?? '', reason: r.reason });
    }
  }
  const { rounds, givenUp } = await prepareRounds(
    ctx.store,
    asked.map((a) => a.round),
    now,
    deadline,
  );
  const opened: RoundSummary[] = [];
  for (const { village, round } of asked) {
    if (givenUp.has(round._id)) {
      refused.push({ villageId: village._id, villageName: village.name, reason: NO_VOTERS });
      continue;
    }
    const r = rounds.get(round._id) ?? round;
    opened.push(summaryOf(r, village.name, await tallyOf(ctx.store, r)));
  }
  return {
    periodKey: input.periodKey,
    periodLabel: surveyPeriodLabel(input.periodKey),
    opened,
    refused,
    preparing: opened.filter((r) => r.status === 'preparing').length,
  };
}
