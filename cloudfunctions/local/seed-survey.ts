import { fixedClock } from '../common/clock';
import { addMonths, quarterEndMonth } from '../common/periods';
import { DEMO_REFERENCE_NOW, demoCalendar, type DemoCalendar } from './demo-calendar';
import { sequentialIds } from '../common/ids';
import { createRouter } from '../common/router';
import type { Store } from '../common/store/port';
import { surveyActions } from '../survey/actions';
import { FIVE_GOOD_INDICATORS, type Answers } from '../survey/domain/indicators';
import { recount } from '../survey/domain/tally';
import { answerSlots, sealIndicators, voterKey } from '../survey/ballots';
import { answersOf, roundsOf, talliesOf, votersOf } from '../survey/store';
import { recountComparison } from '../survey/comparison';

/**
 * The survey part of the demo town: an open round in 东岭村 that the demo personas may answer,
 * and closed past rounds in a few villages so results, trend and town comparison have data.
 * The open round goes through the real action; past rounds' ballots are written straight
 * into the store (villagers of the demo town are not all users), as they would stand after
 * voting: eligibility entries marked as voted, filled answer slots and a tally equal to their
 * recount. The open round is opened by the town admin, as only the town opens rounds.
 */
interface PastRound {
  villageId: string;
  periodKey: string;
  closedAt: string;
  residents: number;
  representatives: number;
  /** Ballots of residents and of representatives (who answer every indicator). */
  residentBallots: number;
  representativeBallots: number;
  /** Chance of an approving answer, per indicator. */
  approval: Record<string, number>;
}

const BASE = {
  partyVanguard: 0.95,
  cadreIntegrity: 0.93,
  openAffairs: 0.94,
  supervision: 0.92,
  harmony: 0.95,
};

/** Past rounds: last quarter's (Q-1) closed early this quarter, 东岭村's of Q-2 before. */
function pastRounds(cal: DemoCalendar): PastRound[] {
  const q1 = cal.quarterOffset(-1);
  const q2 = cal.quarterOffset(-2);
  const closed = (quarter: string, day: string) => cal.at(`${addMonths(quarterEndMonth(quarter), 1)}-${day}`);
  return [
    {
      villageId: 'v-dongling',
      periodKey: q2,
      closedAt: closed(q2, '05'),
      residents: 140,
      representatives: 18,
      residentBallots: 96,
      representativeBallots: 14,
      approval: { ...BASE, openAffairs: 0.86, harmony: 0.9 },
    },
    {
      villageId: 'v-dongling',
      periodKey: q1,
      closedAt: closed(q1, '08'),
      residents: 142,
      representatives: 18,
      residentBallots: 104,
      representativeBallots: 15,
      approval: { ...BASE, openAffairs: 0.92 },
    },
    {
      villageId: 'v-xihe',
      periodKey: q1,
      closedAt: closed(q1, '09'),
      residents: 120,
      representatives: 15,
      residentBallots: 88,
      representativeBallots: 11,
      approval: { ...BASE, openAffairs: 0.8, supervision: 0.85 },
    },
    {
      villageId: 'v-nanwan',
      periodKey: q1,
      closedAt: closed(q1, '10'),
      residents: 90,
      representatives: 9,
      residentBallots: 41,
      representativeBallots: 4,
      approval: { ...BASE, harmony: 0.9 },
    },
    {
      villageId: 'v-beipo',
      periodKey: q1,
      closedAt: closed(q1, '10'),
      residents: 110,
      representatives: 12,
      residentBallots: 93,
      representativeBallots: 12,
      approval: { ...BASE, partyVanguard: 0.98, openAffairs: 0.97 },
    },
  ];
}

async function inBatches<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

/** Deterministic pseudo-random numbers so every demo town is the same. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function ballotFor(r: () => number, approval: Record<string, number>, representative: boolean): Answers {
  const a: Answers = {};
  for (const i of FIVE_GOOD_INDICATORS) {
    if (i.roles.includes('representative') && !representative) continue;
    const approves = r() < (approval[i.id] ?? 0.9);
    const choices = i.options.filter((o) => o.approves === approves);
    const choice = choices[Math.floor(r() * choices.length)];
    if (choice) a[i.id] = choice.key;
  }
  return a;
}

async function seedPastRound(store: Store, p: PastRound, townId: string, n: number): Promise<void> {
  const roundId = `${p.villageId}:${p.periodKey}:1`;
  if (await roundsOf(store).get(roundId)) return;
  const r = rng(1000 + n);
  const ballots: Answers[] = [];
  for (let i = 0; i < p.representativeBallots; i++) ballots.push(ballotFor(r, p.approval, true));
  for (let i = 0; i < p.residentBallots; i++) ballots.push(ballotFor(r, p.approval, false));
  const eligible = Object.fromEntries(
    FIVE_GOOD_INDICATORS.map((i) => [
      i.id,
      i.roles.includes('representative') ? p.representatives : p.residents,
    ]),
  );
  // Written in batches: the store rewrites a survey collection's file once per batch.
  await inBatches(
    ballots.map((answers, i) => ({ answers, i })),
    200,
    ({ answers, i }) =>
      votersOf(store).insert({
        _id: voterKey(roundId, { kind: 'roster', id: `seed-${i}` }),
        roundId,
        sealed: sealIndicators(Object.keys(answers)),
        voted: true,
      }),
  );
  // Slots are in random-looking id order: filling them in that order stores no ballot order.
  const slots = answerSlots(roundId, eligible);
  const options = new Map<string, string[]>();
  for (const b of ballots)
    for (const [id, o] of Object.entries(b)) options.set(id, [...(options.get(id) ?? []), o]);
  const filled = slots.map((slot) => ({ ...slot, option: options.get(slot.indicatorId)?.pop() ?? null }));
  await inBatches(filled, 200, (doc) => answersOf(store).insert(doc));
  const tally = recount(FIVE_GOOD_INDICATORS, ballots);
  await talliesOf(store).insert({ _id: roundId, roundId, ...tally, closed: true });
  const opened = new Date(new Date(p.closedAt).getTime() - 14 * 86_400_000).toISOString();
  await roundsOf(store).insert({
    _id: roundId,
    villageId: p.villageId,
    townId,
    periodKey: p.periodKey,
    status: 'closed',
    indicators: FIVE_GOOD_INDICATORS,
    eligible,
    eligibleVoters: p.residents,
    minGroup: 5,
    openedAt: opened,
    openedBy: 'seed',
    closesAt: p.closedAt,
    participationFloor: 0.3,
    closedAt: p.closedAt,
    closedBy: 'seed',
    closedEarly: false,
    valid: ballots.length / p.residents >= 0.3,
  });
  // Stored directly, not closed through the survey: its comparison summary is recounted here.
  await recountComparison(store, townId, p.villageId, p.periodKey);
}

/**
 * `now` is the demo's "today": the open round of 东岭村 (this quarter's) opens then. This is
 * the one place the demo seed calls survey actions.
 */
export async function seedSurveyDemo(
  store: Store,
  now = DEMO_REFERENCE_NOW,
  townId = 'town-qinghe',
): Promise<void> {
  const cal = demoCalendar(now);
  for (const [n, p] of pastRounds(cal).entries()) await seedPastRound(store, p, townId, n);
  const clock = fixedClock(now);
  const survey = createRouter(surveyActions);
  const reply = await survey(
    { action: 'openRound', input: { villageIds: ['v-dongling'], periodKey: cal.quarter, days: 14 } },
    'dev-town',
    { store, clock, ids: sequentialIds('seed-survey') },
  );
  if (!reply.ok) throw new Error(`seed survey round failed: ${reply.code} ${reply.message}`);
}
