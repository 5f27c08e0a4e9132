import { createHash } from 'node:crypto';
import { rosterOf } from '../account/store';
import { surveyInputs as I, type RoundSummary, type SurveyQuestion } from '../common/contracts/survey';
import { DomainError } from '../common/errors';
import {
  requireUser,
  requireVillageRole,
  resolveVillage,
  users,
  villages,
  type Principal,
} from '../common/identity';
import { action, type Ctx } from '../common/router';
import { randomIds } from '../common/ids';
import { DuplicateKeyError, findAll, MAX_PAGE, type Store } from '../common/store/port';
import {
  checkAnswers,
  FIVE_GOOD_INDICATORS,
  indicatorsFor,
  type Answers,
  type Indicator,
} from './domain/indicators';
import { surveyPeriodLabel, surveyPeriodSortKey } from './domain/periods';
import { ballotIncrements, compareTallies, emptyTally, recount, type Tally } from './domain/tally';
import { roundView, summaryOf, tallyOf, villageNameOf } from './read';
import { answersOf, ledgerOf, roundsOf, talliesOf, votersOf, type RoundDoc, type VoterDoc } from './store';

/**
 * A person as the ledger knows them: by roster entry when they have one (so an online vote
 * and a paper ballot of the same person collide), otherwise by their WeChat account.
 */
type VoterRef = { kind: 'roster'; id: string } | { kind: 'user'; id: string };

/** The ledger and snapshot key of a person in a round: a one-way hash, never the id itself. */
export function voterKey(roundId: string, ref: VoterRef): string {
  const h = createHash('sha256').update(`${roundId}\n${ref.kind}:${ref.id}`).digest('hex').slice(0, 32);
  return `${roundId}:${h}`;
}

/** The roster entry this account claimed, if any. */
async function voterRefOf(store: Store, villageId: string, openid: string): Promise<VoterRef> {
  const claimed = await rosterOf(store).find({ villageId, claimedBy: openid }, { limit: 1, fields: ['_id'] });
  return claimed[0] ? { kind: 'roster', id: claimed[0]._id } : { kind: 'user', id: openid };
}

async function loadRound(store: Store, roundId: string): Promise<RoundDoc> {
  const round = await roundsOf(store).get(roundId);
  if (!round) throw new DomainError('NOT_FOUND', '没有找到这一轮测评');
  return round;
}

/** Runs `fn` over items with at most `width` in flight (bounded work per step). */
async function inBatches<T>(
  items: readonly T[],
  width: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

/**
 * The roster snapshot of a new round: everyone bound to the village, and every roster entry
 * nobody has claimed yet (they can vote on paper), with the indicators their roles answer.
 */
async function eligibleVoters(
  store: Store,
  roundId: string,
  villageId: string,
  indicators: readonly Indicator[],
): Promise<VoterDoc[]> {
  const [members, roster] = await Promise.all([
    findAll(users(store), { villageId }),
    findAll(rosterOf(store), { villageId }),
  ]);
  const rosterOfUser = new Map(roster.filter((e) => e.claimedBy).map((e) => [e.claimedBy as string, e._id]));
  const memberIds = new Set(members.map((m) => m._id));
  const byKey = new Map<string, VoterDoc>();
  const add = (ref: VoterRef, roles: Indicator['roles']) => {
    const ids = indicatorsFor(indicators, roles).map((i) => i.id);
    const key = voterKey(roundId, ref);
    if (ids.length && !byKey.has(key)) byKey.set(key, { _id: key, roundId, indicatorIds: ids });
  };
  for (const m of members) {
    const rosterId = rosterOfUser.get(m._id);
    add(rosterId ? { kind: 'roster', id: rosterId } : { kind: 'user', id: m._id }, m.roles);
  }
  for (const e of roster) {
    if (!e.claimedBy || !memberIds.has(e.claimedBy)) add({ kind: 'roster', id: e._id }, e.roles);
  }
  return [...byKey.values()];
}

/**
 * Records one ballot: the ledger entry first (its deterministic _id makes a second ballot of
 * the same person fail however the calls interleave), then the answers under a random id,
 * then the tally increments. The answers carry the round and nothing else.
 */
async function castBallot(ctx: Ctx, round: RoundDoc, ref: VoterRef, answers: Answers, who: 'self' | 'paper') {
  const key = voterKey(round._id, ref);
  const voter = await votersOf(ctx.store).get(key);
  if (!voter) {
    throw new DomainError(
      'NOT_ELIGIBLE',
      who === 'paper' ? '该村民不在本轮测评的参评名单中（名单在测评开始时确定）' : undefined,
    );
  }
  const allowed = round.indicators.filter((i) => voter.indicatorIds.includes(i.id));
  const problem = checkAnswers(allowed, answers);
  if (problem) throw new DomainError('BAD_INPUT', problem);
  try {
    await ledgerOf(ctx.store).insert({ _id: key, roundId: round._id });
  } catch (e) {
    if (e instanceof DuplicateKeyError) {
      throw new DomainError(
        'ALREADY_VOTED',
        who === 'paper' ? '该村民已经参加过本轮测评（线上或纸质），不能重复录入' : undefined,
      );
    }
    throw e;
  }
  const stored: Answers = {};
  for (const i of allowed) stored[i.id] = answers[i.id];
  // Always random, whatever id generator the host injects: a sequential id would give away
  // the order of the ballots and so, next to the ledger, who answered what.
  await answersOf(ctx.store).insert({ _id: randomIds.next(), roundId: round._id, answers: stored });
  await talliesOf(ctx.store).update(round._id, { inc: ballotIncrements(stored) });
}

const questionOf = (i: Indicator): SurveyQuestion => ({
  indicatorId: i.id,
  name: i.name,
  question: i.question,
  options: i.options.map((o) => ({ key: o.key, label: o.label })),
});

function requireOpen(round: RoundDoc) {
  if (round.status !== 'open') throw new DomainError('ROUND_CLOSED');
}

/** Every stored answer sheet of a round, paged by _id (random, so the order says nothing). */
async function* storedAnswers(store: Store, roundId: string): AsyncGenerator<Answers> {
  let after = '';
  for (;;) {
    const page = await answersOf(store).find(after ? { roundId, _id: { $gt: after } } : { roundId }, {
      sort: { _id: 1 },
      limit: MAX_PAGE,
    });
    for (const a of page) yield a.answers;
    if (page.length < MAX_PAGE) return;
    after = page[page.length - 1]._id;
  }
}

async function recountRound(store: Store, round: RoundDoc): Promise<Tally> {
  const sheets: Answers[] = [];
  for await (const a of storedAnswers(store, round._id)) sheets.push(a);
  return recount(round.indicators, sheets);
}

/** Rounds of one village, newest period first. */
async function roundsOfVillage(store: Store, villageId: string): Promise<RoundDoc[]> {
  const list = await findAll(roundsOf(store), { villageId });
  return list.sort((a, b) => (surveyPeriodSortKey(b.periodKey) > surveyPeriodSortKey(a.periodKey) ? 1 : -1));
}

/** Cadres of the village, its supervisors and the town's admins look after a round. */
async function requireSteward(store: Store, p: Principal, round: RoundDoc) {
  return requireVillageRole(store, p, round.villageId, 'cadre', 'supervisor', 'townAdmin');
}

export const surveyActions = {
  indicators: action(I.indicators, async () => ({
    indicators: FIVE_GOOD_INDICATORS.map((i) => ({
      ...i,
      roles: [...i.roles],
      excludeRoles: [...i.excludeRoles],
    })),
  })),

  current: action(I.current, async (_input, ctx) => {
    const user = requireUser(ctx.principal);
    if (!user.villageId) throw new DomainError('NOT_FOUND', '请先绑定本村后再参加满意度测评');
    const villageName = await villageNameOf(ctx.store, user.villageId);
    const all = await roundsOfVillage(ctx.store, user.villageId);
    const open = all.find((r) => r.status === 'open') ?? null;
    const closed = all.find((r) => r.status === 'closed') ?? null;
    let round: RoundSummary | null = null;
    let eligible = false;
    let voted = false;
    let questions: SurveyQuestion[] = [];
    if (open) {
      round = summaryOf(open, villageName, await tallyOf(ctx.store, open));
      const key = voterKey(open._id, await voterRefOf(ctx.store, user.villageId, user._id));
      const [voter, ledger] = await Promise.all([votersOf(ctx.store).get(key), ledgerOf(ctx.store).get(key)]);
      eligible = !!voter;
      voted = !!ledger;
      questions = open.indicators.filter((i) => voter?.indicatorIds.includes(i.id)).map(questionOf);
    }
    const latestClosed = closed ? summaryOf(closed, villageName, await tallyOf(ctx.store, closed)) : null;
    return { villageId: user.villageId, villageName, round, eligible, voted, questions, latestClosed };
  }),

  vote: action(I.vote, async (input, ctx) => {
    const user = requireUser(ctx.principal);
    const round = await loadRound(ctx.store, input.roundId);
    if (round.villageId !== user.villageId) {
      throw new DomainError('FORBIDDEN_VILLAGE', '这是其他村的测评，您只能参加本村的满意度测评');
    }
    requireOpen(round);
    await castBallot(
      ctx,
      round,
      await voterRefOf(ctx.store, round.villageId, user._id),
      input.answers,
      'self',
    );
    return { roundId: round._id, counted: true as const };
  }),

  rounds: action(I.rounds, async (input, ctx) => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const list = await roundsOfVillage(ctx.store, village._id);
    const rounds = await Promise.all(
      list.map(async (r) => summaryOf(r, village.name, await tallyOf(ctx.store, r))),
    );
    return { villageId: village._id, villageName: village.name, rounds };
  }),

  openRound: action(I.openRound, async (input, ctx) => {
    const { user, village } = await requireVillageRole(
      ctx.store,
      ctx.principal,
      input.villageId,
      'cadre',
      'townAdmin',
    );
    const roundId = `${village._id}:${input.periodKey}`;
    const existing = await roundsOf(ctx.store).get(roundId);
    if (existing) {
      if (existing.status === 'open')
        return summaryOf(existing, village.name, await tallyOf(ctx.store, existing));
      throw new DomainError('ROUND_EXISTS', '本村这一期的测评已经结束，不能重新开启');
    }
    const running = await roundsOf(ctx.store).find({ villageId: village._id, status: 'open' }, { limit: 1 });
    if (running[0]) {
      throw new DomainError(
        'ROUND_EXISTS',
        `本村${surveyPeriodLabel(running[0].periodKey)}的测评还在进行，请先结束它`,
      );
    }
    const indicators = FIVE_GOOD_INDICATORS;
    const voters = await eligibleVoters(ctx.store, roundId, village._id, indicators);
    if (voters.length === 0) throw new DomainError('NO_ELIGIBLE_VOTERS');
    const eligible: Record<string, number> = Object.fromEntries(indicators.map((i) => [i.id, 0]));
    for (const v of voters) for (const id of v.indicatorIds) eligible[id] += 1;
    // Snapshot first, round last: a retry after a failure finds no round and redoes the work.
    await inBatches(voters, 20, async (v) => {
      try {
        await votersOf(ctx.store).insert(v);
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
      }
    });
    try {
      await talliesOf(ctx.store).insert({ _id: roundId, roundId, ...emptyTally(indicators) });
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
    const round: RoundDoc = {
      _id: roundId,
      villageId: village._id,
      townId: village.townId,
      periodKey: input.periodKey,
      status: 'open',
      indicators,
      eligible,
      eligibleVoters: voters.length,
      minGroup: input.minGroup,
      openedAt: ctx.clock.now().toISOString(),
      openedBy: user._id,
      closedAt: null,
      closedBy: null,
    };
    try {
      await roundsOf(ctx.store).insert(round);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      const other = await loadRound(ctx.store, roundId);
      return summaryOf(other, village.name, await tallyOf(ctx.store, other));
    }
    return summaryOf(round, village.name, emptyTally(indicators));
  }),

  closeRound: action(I.closeRound, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId);
    const { user, village } = await requireVillageRole(
      ctx.store,
      ctx.principal,
      round.villageId,
      'cadre',
      'townAdmin',
    );
    if (round.status === 'open') {
      await roundsOf(ctx.store).updateWhere(
        { _id: round._id, status: 'open' },
        { set: { status: 'closed', closedAt: ctx.clock.now().toISOString(), closedBy: user._id } },
      );
    }
    const closed = await loadRound(ctx.store, round._id);
    return summaryOf(closed, village.name, await tallyOf(ctx.store, closed));
  }),

  results: action(I.results, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId);
    const village = await resolveVillage(ctx.store, ctx.principal, round.villageId);
    const view = await roundView(ctx.store, round, village.name);
    return { ...view, published: round.status === 'closed' };
  }),

  recount: action(I.recount, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId);
    await requireSteward(ctx.store, ctx.principal, round);
    const [kept, recounted, ledger] = await Promise.all([
      tallyOf(ctx.store, round),
      recountRound(ctx.store, round),
      ledgerOf(ctx.store).count({ roundId: round._id }),
    ]);
    const differences = compareTallies(kept, recounted);
    const consistent = differences.length === 0;
    const closed = round.status === 'closed';
    // Once closed nothing adds to the tally, so the recount can replace it safely.
    if (closed && !consistent) {
      await talliesOf(ctx.store).update(round._id, {
        set: { ballots: recounted.ballots, counts: recounted.counts },
      });
    }
    return {
      roundId: round._id,
      kept: kept.ballots,
      recounted: recounted.ballots,
      ledger,
      consistent,
      differences: closed ? differences : [],
      repaired: closed && !consistent,
    };
  }),

  paperRoster: action(I.paperRoster, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId);
    await requireVillageRole(ctx.store, ctx.principal, round.villageId, 'supervisor');
    const roster = await findAll(rosterOf(ctx.store), { villageId: round.villageId }, { sort: { name: 1 } });
    const entries: { rosterId: string; name: string; phoneTail: string; indicatorIds: string[] }[] = [];
    await inBatches(roster, 50, async (e) => {
      const voter = await votersOf(ctx.store).get(voterKey(round._id, { kind: 'roster', id: e._id }));
      if (voter)
        entries.push({
          rosterId: e._id,
          name: e.name,
          phoneTail: e.phoneLast4,
          indicatorIds: voter.indicatorIds,
        });
    });
    entries.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.phoneTail.localeCompare(b.phoneTail));
    return { roundId: round._id, questions: round.indicators.map(questionOf), entries };
  }),

  paperBallot: action(I.paperBallot, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId);
    await requireVillageRole(ctx.store, ctx.principal, round.villageId, 'supervisor');
    requireOpen(round);
    const entry = await rosterOf(ctx.store).get(input.rosterId);
    if (!entry || entry.villageId !== round.villageId)
      throw new DomainError('NOT_FOUND', '本村名册中没有这位村民');
    await castBallot(ctx, round, { kind: 'roster', id: entry._id }, input.answers, 'paper');
    return { roundId: round._id, counted: true as const };
  }),

  compare: action(I.compare, async (input, ctx) => {
    const admin = requireUser(ctx.principal);
    if (!admin.roles.includes('townAdmin'))
      throw new DomainError('FORBIDDEN_ROLE', '只有镇管理员可以比较各村的测评结果');
    const [townVillages, closed] = await Promise.all([
      findAll(villages(ctx.store), { townId: admin.townId }, { sort: { name: 1 } }),
      findAll(roundsOf(ctx.store), { townId: admin.townId, status: 'closed' }),
    ]);
    const periods = [...new Set(closed.map((r) => r.periodKey))].sort((a, b) =>
      surveyPeriodSortKey(b) > surveyPeriodSortKey(a) ? 1 : -1,
    );
    const periodKey = input.periodKey ?? periods[0] ?? null;
    const rows = await Promise.all(
      townVillages.map(async (v) => {
        const round = closed.find((r) => r.villageId === v._id && r.periodKey === periodKey);
        if (!round) return { villageId: v._id, villageName: v.name, round: null, indicators: [] };
        const view = await roundView(ctx.store, round, v.name);
        return { villageId: v._id, villageName: v.name, ...view };
      }),
    );
    return { periods, periodKey, rows };
  }),

  trend: action(I.trend, async (input, ctx) => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const closed = (await roundsOfVillage(ctx.store, village._id))
      .filter((r) => r.status === 'closed')
      .reverse();
    const rounds = await Promise.all(closed.map((r) => roundView(ctx.store, r, village.name)));
    return { villageId: village._id, villageName: village.name, rounds };
  }),
};
