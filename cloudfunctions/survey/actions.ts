import { requireSteward, requireTownAdmin } from './policy';
import { villageRoster } from '../account/public';
import { surveyInputs as I, type RoundSummary, type SurveyQuestion } from '../common/contracts/survey';
import { DomainError } from '../common/errors';
import { hasRole, requireUser, requireVillageRole, resolveVillage, users } from '../common/identity';
import { action } from '../common/router';
import { DuplicateKeyError, MAX_PAGE, type Store } from '../common/store/port';
import {
  castBallot,
  entriesOf,
  openIndicators,
  paperEntry,
  recountRound,
  refsOfRosterEntry,
  refsOfUser,
  voterKey,
} from './ballots';
import { FIVE_GOOD_INDICATORS, type Indicator } from './domain/indicators';
import { surveyPeriodSortKey } from './domain/periods';
import { compareTallies, recountStatement } from './domain/tally';
import { roundView, summaryOf, tallyOf, villageNameOf } from './read';
import { compareTown } from './compare';
import { byLatestClose, closeRound, countsForVillage, roundsOfVillage, settle } from './rounds';
import { openRounds } from './opening';
import { paperCountsOf, roundsOf, talliesOf, votersOf, type RoundDoc } from './store';

export { voterKey } from './ballots';

async function loadRound(store: Store, roundId: string, now: Date): Promise<RoundDoc> {
  const round = await roundsOf(store).get(roundId);
  if (!round) throw new DomainError('NOT_FOUND', '没有找到这一轮测评');
  return settle(store, round, now);
}

const questionOf = (i: Indicator): SurveyQuestion => ({
  indicatorId: i.id,
  name: i.name,
  question: i.question,
  options: i.options.map((o) => ({ key: o.key, label: o.label })),
});

function requireOpen(round: RoundDoc) {
  if (round.status === 'preparing') throw new DomainError('ROUND_PREPARING');
  if (round.status !== 'open') throw new DomainError('ROUND_CLOSED');
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
    const all = await roundsOfVillage(ctx.store, user.villageId, ctx.clock.now());
    // A round being prepared shows as such (正在准备), with nothing to answer yet.
    const open = all.find((r) => r.status !== 'closed') ?? null;
    const closed = all.filter(countsForVillage).sort(byLatestClose)[0] ?? null;
    let round: RoundSummary | null = null;
    let eligible = false;
    let voted = false;
    let questions: SurveyQuestion[] = [];
    if (open) round = summaryOf(open, villageName, await tallyOf(ctx.store, open));
    if (open?.status === 'open') {
      const entries = await entriesOf(
        ctx.store,
        open._id,
        await refsOfUser(ctx.store, user.villageId, user._id),
      );
      eligible = entries.length > 0;
      voted = entries.some((e) => e.voted);
      const mine = entries[0] ? openIndicators(entries[0].sealed) : [];
      questions = open.indicators.filter((i) => mine.includes(i.id)).map(questionOf);
    }
    const latestClosed = closed ? summaryOf(closed, villageName, await tallyOf(ctx.store, closed)) : null;
    return { villageId: user.villageId, villageName, round, eligible, voted, questions, latestClosed };
  }),

  vote: action(I.vote, async (input, ctx) => {
    const user = requireUser(ctx.principal);
    const villageId = user.villageId;
    // The round and who the voter is in it are read side by side (the refs of a person of
    // another village are never used: the village check below refuses first).
    const [round, refs] = await Promise.all([
      loadRound(ctx.store, input.roundId, ctx.clock.now()),
      villageId ? refsOfUser(ctx.store, villageId, user._id) : Promise.resolve([]),
    ]);
    if (round.villageId !== villageId) {
      throw new DomainError('FORBIDDEN_VILLAGE', '这是其他村的测评，您只能参加本村的满意度测评');
    }
    requireOpen(round);
    await castBallot(ctx, round, refs, input.answers, 'self');
    return { roundId: round._id, counted: true as const };
  }),

  rounds: action(I.rounds, async (input, ctx) => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const list = await roundsOfVillage(ctx.store, village._id, ctx.clock.now());
    const steward = hasRole(ctx.principal, 'cadre', 'townAdmin');
    const rounds = await Promise.all(
      list.map(async (r) => {
        const summary = summaryOf(r, village.name, await tallyOf(ctx.store, r));
        return steward ? { ...summary, paperBy: await paperByOf(ctx.store, r._id) } : summary;
      }),
    );
    return { villageId: village._id, villageName: village.name, rounds };
  }),

  openRound: action(I.openRound, (input, ctx) => openRounds(input, ctx)),

  closeRound: action(I.closeRound, async (input, ctx) => {
    const admin = requireTownAdmin(ctx.principal, '结束');
    const round = await loadRound(ctx.store, input.roundId, ctx.clock.now());
    const { village } = await requireVillageRole(ctx.store, ctx.principal, round.villageId, 'townAdmin');
    const closed = await closeRound(ctx.store, round, ctx.clock.now(), admin._id);
    return summaryOf(closed, village.name, await tallyOf(ctx.store, closed));
  }),

  results: action(I.results, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId, ctx.clock.now());
    const village = await resolveVillage(ctx.store, ctx.principal, round.villageId);
    const view = await roundView(ctx.store, round, village.name);
    if (hasRole(ctx.principal, 'cadre', 'townAdmin')) {
      view.round = { ...view.round, paperBy: await paperByOf(ctx.store, round._id) };
    }
    return { ...view, published: round.status === 'closed' };
  }),

  recount: action(I.recount, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId, ctx.clock.now());
    await requireSteward(ctx.store, ctx.principal, round);
    const [kept, stored] = await Promise.all([tallyOf(ctx.store, round), recountRound(ctx.store, round)]);
    const differences = compareTallies(kept, stored.tally);
    const closed = round.status === 'closed';
    // Once closed nothing adds to the tally, so the recount can replace it safely.
    const repaired = closed && differences.length > 0;
    if (repaired) {
      await talliesOf(ctx.store).update(round._id, {
        set: { ballots: stored.tally.ballots, counts: stored.tally.counts },
      });
    }
    const check = recountStatement({
      kept: kept.ballots,
      recounted: stored.tally.ballots,
      ledger: stored.voted,
      tallyDiffers: differences.length > 0,
      open: !closed,
      repaired,
    });
    return {
      roundId: round._id,
      kept: kept.ballots,
      recounted: stored.tally.ballots,
      ledger: stored.voted,
      lost: check.lost,
      statement: check.statement,
      consistent: check.consistent,
      differences: closed ? differences : [],
      repaired,
    };
  }),

  paperRoster: action(I.paperRoster, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId, ctx.clock.now());
    await requireVillageRole(ctx.store, ctx.principal, round.villageId, 'supervisor');
    const roster = await villageRoster(ctx.store, round.villageId);
    // The entries of the round, read by pages of keys (one query per page, not one per person).
    const keyOf = new Map(roster.map((e) => [voterKey(round._id, { kind: 'roster', id: e.id }), e]));
    const keys = [...keyOf.keys()];
    const entries: { rosterId: string; name: string; phoneTail: string; indicatorIds: string[] }[] = [];
    for (let i = 0; i < keys.length; i += MAX_PAGE) {
      const page = await votersOf(ctx.store).find(
        { _id: { $in: keys.slice(i, i + MAX_PAGE) } },
        { limit: MAX_PAGE, fields: ['sealed'] },
      );
      for (const voter of page) {
        const e = keyOf.get(voter._id) as (typeof roster)[number];
        entries.push({
          rosterId: e.id,
          name: e.name,
          phoneTail: e.phoneLast4,
          indicatorIds: openIndicators(voter.sealed),
        });
      }
    }
    entries.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.phoneTail.localeCompare(b.phoneTail));
    return { roundId: round._id, questions: round.indicators.map(questionOf), entries };
  }),

  paperBallot: action(I.paperBallot, async (input, ctx) => {
    const round = await loadRound(ctx.store, input.roundId, ctx.clock.now());
    const { user } = await requireVillageRole(ctx.store, ctx.principal, round.villageId, 'supervisor');
    requireOpen(round);
    const entry = await paperEntry(ctx.store, round, input.rosterId);
    await castBallot(ctx, round, await refsOfRosterEntry(entry.id, entry.claimedBy), input.answers, 'paper');
    // A trace of who keyed in how many (not whom): the counted ballot stands even if this fails.
    await countPaperBallot(ctx.store, round._id, user._id).catch((e) =>
      ctx.log?.('paper ballot count not kept', e),
    );
    return { roundId: round._id, counted: true as const };
  }),

  compare: action(I.compare, (input, ctx) => compareTown(input, ctx)),

  trend: action(I.trend, async (input, ctx) => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const all = (await roundsOfVillage(ctx.store, village._id, ctx.clock.now())).filter(countsForVillage);
    // One point per period, its latest valid round, in time order.
    const perPeriod = new Map<string, RoundDoc>();
    for (const r of [...all].sort(byLatestClose))
      if (!perPeriod.has(r.periodKey)) perPeriod.set(r.periodKey, r);
    const ordered = [...perPeriod.values()].sort((a, b) =>
      surveyPeriodSortKey(a.periodKey) < surveyPeriodSortKey(b.periodKey) ? -1 : 1,
    );
    const rounds = await Promise.all(ordered.map((r) => roundView(ctx.store, r, village.name)));
    return { villageId: village._id, villageName: village.name, rounds };
  }),
};
