import { createHash } from 'node:crypto';
import { rosterOf } from '../account/store';
import { surveyInputs as I, type RoundSummary, type SurveyQuestion } from '../common/contracts/survey';
import { DomainError } from '../common/errors';
import {
  hasRole,
  requireUser,
  requireVillageRole,
  resolveVillage,
  users,
  villages,
  type Principal,
  type VillageDoc,
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
import {
  ballotIncrements,
  compareTallies,
  emptyTally,
  recount,
  recountStatement,
  type Tally,
} from './domain/tally';
import { roundView, summaryOf, tallyOf, villageNameOf } from './read';
import {
  answersOf,
  ledgerOf,
  openLocksOf,
  paperCountsOf,
  roundsOf,
  talliesOf,
  votersOf,
  type RoundDoc,
  type VoterDoc,
} from './store';

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
 * Records one ballot in three writes: the ledger entry, the answer sheet, the tally increment.
 *
 * - The ledger entry comes first: its deterministic _id makes a second ballot of the same
 *   person fail however the calls interleave.
 * - The answer sheet has a random id and carries the round and nothing else.
 * - The tally increment is the commit: it is conditional on the tally not being closed, and
 *   closeRound closes the tally before anything else. A ballot that loses that race is taken
 *   back (sheet, then ledger entry) and refused with ROUND_CLOSED, so the ballots counted are
 *   exactly those in the tally when results were published.
 * - A sheet insert that fails with an error is taken back the same way, so the voter can
 *   simply try again (the sheet is removed by its id even if the failed insert landed).
 *
 * What no anonymous design here can do is finish a ballot after the process dies between the
 * ledger entry and the sheet: finishing it would need to know whether this person's sheet was
 * stored, i.e. a link from the ledger to the sheet (a ballot id on the ledger, or a sheet id
 * derived from the person), which is exactly what anonymity forbids. Writing the sheet first
 * does not help either: a death before the ledger entry would leave an orphan sheet, and the
 * voter's retry would add a second one (a vote counted twice is worse than one lost). So such a
 * ballot is lost, the voter's retry is told they voted, and recount reports the ledger entries
 * without a sheet to the cadres and the town as lost ballots, without saying whose.
 */
async function castBallot(
  ctx: Ctx,
  round: RoundDoc,
  ref: VoterRef,
  answers: Answers,
  who: 'self' | 'paper',
): Promise<void> {
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
  const sheetId = randomIds.next();
  try {
    await answersOf(ctx.store).insert({ _id: sheetId, roundId: round._id, answers: stored });
  } catch (e) {
    await takeBack(ctx.store, key, sheetId, e);
    throw e;
  }
  // An error here is ambiguous (the increment may have landed): the sheet and ledger entry
  // stay, the voter is told to retry and hears they voted, and a recount after close counts
  // the sheet if the increment was lost.
  const counted = await talliesOf(ctx.store).updateWhere(
    { _id: round._id, closed: { $ne: true } },
    { inc: ballotIncrements(stored) },
  );
  if (counted === 0) {
    await takeBack(ctx.store, key, sheetId, null);
    throw new DomainError(
      'ROUND_CLOSED',
      who === 'paper' ? '本轮测评已经结束，这张纸质选票没有计入' : '本轮测评已经结束，您的答卷没有计入',
    );
  }
}

/**
 * Takes back a ballot that was not counted: its sheet first, then its ledger entry (so a
 * failure in between leaves a ledger entry without a sheet, which recount reports, never a
 * sheet without a ledger entry, which would let the person vote twice).
 */
async function takeBack(store: Store, key: string, sheetId: string, cause: unknown): Promise<void> {
  try {
    await answersOf(store).remove(sheetId);
    await ledgerOf(store).remove(key);
  } catch (e) {
    if (cause === null) throw e;
    // Keep the first error: that is what the caller needs to hear about.
  }
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

/**
 * Takes the village's open lock for `roundId` (see OpenLockDoc): a conditional write, so of
 * two openings at the same moment exactly one wins. A lock left by a round that closed without
 * freeing it (a close that died midway) is taken over; a lock of a round still being opened,
 * or open, refuses with ROUND_EXISTS.
 */
async function claimOpenLock(store: Store, villageId: string, roundId: string, periodKey: string) {
  const locks = openLocksOf(store);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await locks.insert({ _id: villageId, roundId, periodKey });
      return;
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
    const lock = await locks.get(villageId);
    if (!lock) continue;
    if (lock.roundId === roundId) return; // a retry of this very opening
    if (lock.roundId !== null) {
      const holder = await roundsOf(store).get(lock.roundId);
      if (!holder || holder.status === 'open') {
        const label = surveyPeriodLabel(lock.periodKey ?? holder?.periodKey ?? '');
        throw new DomainError(
          'ROUND_EXISTS',
          holder
            ? `本村${label}的测评还在进行，请先结束它`
            : `本村${label}的测评正在开启；如果开启没有完成，请重新开启${label}后再结束它`,
        );
      }
    }
    // Free, or held by a round whose close did not get to free it: take it if nobody else did.
    const won = await locks.updateWhere(
      { _id: villageId, roundId: lock.roundId },
      { set: { roundId, periodKey } },
    );
    if (won === 1) return;
  }
  throw new DomainError('ROUND_EXISTS', '本村正在开启另一期测评，请稍后再试');
}

/** Frees the village's open lock if `roundId` holds it (idempotent). */
async function releaseOpenLock(store: Store, villageId: string, roundId: string) {
  await openLocksOf(store).updateWhere(
    { _id: villageId, roundId },
    { set: { roundId: null, periodKey: null } },
  );
}

/** Counts one paper ballot for the supervisor who keyed it in (a count, nothing else). */
async function countPaperBallot(store: Store, roundId: string, supervisorId: string) {
  const counts = paperCountsOf(store);
  const id = `${roundId}:${supervisorId}`;
  if (await counts.update(id, { inc: { ballots: 1 } })) return;
  try {
    await counts.insert({ _id: id, roundId, supervisorId, ballots: 1 });
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    await counts.update(id, { inc: { ballots: 1 } });
  }
}

/** Paper ballots per supervisor in a round, by name (a village has a handful of supervisors). */
async function paperByOf(
  store: Store,
  roundId: string,
): Promise<{ supervisorName: string; ballots: number }[]> {
  const counts = await paperCountsOf(store).find({ roundId }, { limit: MAX_PAGE });
  if (counts.length === 0) return [];
  const people = await users(store).find(
    { _id: { $in: counts.map((c) => c.supervisorId) } },
    { fields: ['name'], limit: MAX_PAGE },
  );
  const names = new Map(people.map((u) => [u._id, u.name]));
  return counts
    .map((c) => ({
      supervisorName: names.get(c.supervisorId) ?? '（已解绑的村监委成员）',
      ballots: c.ballots,
    }))
    .sort((a, b) => b.ballots - a.ballots || a.supervisorName.localeCompare(b.supervisorName, 'zh-CN'));
}

/**
 * Opens a round once the village's open lock is held: the roster snapshot first, then the tally,
 * the round last, so a retry after a failure finds no round and redoes the work.
 */
async function openClaimed(
  ctx: Ctx,
  userId: string,
  village: VillageDoc,
  roundId: string,
  periodKey: string,
  minGroup: number,
): Promise<RoundSummary> {
  // Rounds opened before the lock existed hold none: they still block a second round.
  const running = (
    await roundsOf(ctx.store).find({ villageId: village._id, status: 'open' }, { limit: 2 })
  ).find((r) => r._id !== roundId);
  if (running) {
    throw new DomainError(
      'ROUND_EXISTS',
      `本村${surveyPeriodLabel(running.periodKey)}的测评还在进行，请先结束它`,
    );
  }
  const indicators = FIVE_GOOD_INDICATORS;
  const voters = await eligibleVoters(ctx.store, roundId, village._id, indicators);
  if (voters.length === 0) throw new DomainError('NO_ELIGIBLE_VOTERS');
  const eligible: Record<string, number> = Object.fromEntries(indicators.map((i) => [i.id, 0]));
  for (const v of voters) for (const id of v.indicatorIds) eligible[id] += 1;
  await inBatches(voters, 20, async (v) => {
    try {
      await votersOf(ctx.store).insert(v);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
  });
  try {
    await talliesOf(ctx.store).insert({ _id: roundId, roundId, ...emptyTally(indicators), closed: false });
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
  const round: RoundDoc = {
    _id: roundId,
    villageId: village._id,
    townId: village.townId,
    periodKey,
    status: 'open',
    indicators,
    eligible,
    eligibleVoters: voters.length,
    minGroup,
    openedAt: ctx.clock.now().toISOString(),
    openedBy: userId,
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
    const steward = hasRole(ctx.principal, 'cadre', 'townAdmin');
    const rounds = await Promise.all(
      list.map(async (r) => {
        const summary = summaryOf(r, village.name, await tallyOf(ctx.store, r));
        return steward ? { ...summary, paperBy: await paperByOf(ctx.store, r._id) } : summary;
      }),
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
    await claimOpenLock(ctx.store, village._id, roundId, input.periodKey);
    try {
      return await openClaimed(ctx, user._id, village, roundId, input.periodKey, input.minGroup);
    } catch (e) {
      // The round was not created: free the village for another opening.
      if (!(await roundsOf(ctx.store).get(roundId))) await releaseOpenLock(ctx.store, village._id, roundId);
      throw e;
    }
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
    // The tally closes first: from here no ballot is counted, so the tally read below is final.
    // Every step is idempotent, so a retry after a failure finishes the close.
    await talliesOf(ctx.store).updateWhere(
      { _id: round._id, closed: { $ne: true } },
      { set: { closed: true } },
    );
    if (round.status === 'open') {
      await roundsOf(ctx.store).updateWhere(
        { _id: round._id, status: 'open' },
        { set: { status: 'closed', closedAt: ctx.clock.now().toISOString(), closedBy: user._id } },
      );
    }
    await releaseOpenLock(ctx.store, round.villageId, round._id);
    const closed = await loadRound(ctx.store, round._id);
    return summaryOf(closed, village.name, await tallyOf(ctx.store, closed));
  }),

  results: action(I.results, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId);
    const village = await resolveVillage(ctx.store, ctx.principal, round.villageId);
    const view = await roundView(ctx.store, round, village.name);
    if (hasRole(ctx.principal, 'cadre', 'townAdmin')) {
      view.round = { ...view.round, paperBy: await paperByOf(ctx.store, round._id) };
    }
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
    const closed = round.status === 'closed';
    // Once closed nothing adds to the tally, so the recount can replace it safely.
    const repaired = closed && differences.length > 0;
    if (repaired) {
      await talliesOf(ctx.store).update(round._id, {
        set: { ballots: recounted.ballots, counts: recounted.counts },
      });
    }
    const check = recountStatement({
      kept: kept.ballots,
      recounted: recounted.ballots,
      ledger,
      tallyDiffers: differences.length > 0,
      open: !closed,
      repaired,
    });
    return {
      roundId: round._id,
      kept: kept.ballots,
      recounted: recounted.ballots,
      ledger,
      lost: check.lost,
      statement: check.statement,
      consistent: check.consistent,
      differences: closed ? differences : [],
      repaired,
    };
  }),

  paperRoster: action(I.paperRoster, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId);
    await requireVillageRole(ctx.store, ctx.principal, round.villageId, 'supervisor');
    const roster = await findAll(rosterOf(ctx.store), { villageId: round.villageId });
    // The snapshot entries of the roster, read by pages of keys (one query per page, not one
    // read per person).
    const keyOf = new Map(roster.map((e) => [voterKey(round._id, { kind: 'roster', id: e._id }), e]));
    const keys = [...keyOf.keys()];
    const entries: { rosterId: string; name: string; phoneTail: string; indicatorIds: string[] }[] = [];
    for (let i = 0; i < keys.length; i += MAX_PAGE) {
      const page = await votersOf(ctx.store).find(
        { _id: { $in: keys.slice(i, i + MAX_PAGE) } },
        { limit: MAX_PAGE, fields: ['indicatorIds'] },
      );
      for (const voter of page) {
        const e = keyOf.get(voter._id) as (typeof roster)[number];
        entries.push({
          rosterId: e._id,
          name: e.name,
          phoneTail: e.phoneLast4,
          indicatorIds: voter.indicatorIds,
        });
      }
    }
    entries.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.phoneTail.localeCompare(b.phoneTail));
    return { roundId: round._id, questions: round.indicators.map(questionOf), entries };
  }),

  paperBallot: action(I.paperBallot, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId);
    const { user } = await requireVillageRole(ctx.store, ctx.principal, round.villageId, 'supervisor');
    requireOpen(round);
    const entry = await rosterOf(ctx.store).get(input.rosterId);
    if (!entry || entry.villageId !== round.villageId)
      throw new DomainError('NOT_FOUND', '本村名册中没有这位村民');
    await castBallot(ctx, round, { kind: 'roster', id: entry._id }, input.answers, 'paper');
    // A trace of who keyed in how many (not whom): the counted ballot stands even if this fails.
    await countPaperBallot(ctx.store, round._id, user._id).catch((e) =>
      ctx.log?.('paper ballot count not kept', e),
    );
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
