import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountActions } from '../../cloudfunctions/account/actions';
import { rosterOf } from '../../cloudfunctions/account/store';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { createRouter } from '../../cloudfunctions/common/router';
import type { Role } from '../../cloudfunctions/common/contracts/shared';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import {
  countingStore,
  findAll,
  type Collection,
  type Doc,
  type Store,
} from '../../cloudfunctions/common/store/port';
import { surveyActions, voterKey } from '../../cloudfunctions/survey/actions';
import { requireSecret } from '../../cloudfunctions/survey/index';
import { latestSurveyResults } from '../../cloudfunctions/survey/public';
import { answersOf, roundsOf, talliesOf, votersOf } from '../../cloudfunctions/survey/store';
import { at, must } from '../must';

/**
 * A town with two villages. 甲村 has 50 residents (the first 5 also representatives), a cadre,
 * a supervisor, a resident bound through a roster claim and two roster entries nobody has
 * claimed (paper voters). 乙村 has one resident. Another town has one village.
 */
const NOW = '2026-11-23T02:00:00.000Z';
const RES = Array.from({ length: 50 }, (_, i) => `res-${String(i + 1).padStart(2, '0')}`);

interface World {
  store: Store;
  /** Every collection the handlers touched, for inspecting what is stored. */
  touched: Set<string>;
  clock: ReturnType<typeof fixedClock>;
  as: (
    openid: string,
  ) => <A extends keyof SurveyOutputs>(action: A, input?: unknown) => Promise<Reply<SurveyOutputs[A]>>;
}
type Reply<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

async function world(dir?: string): Promise<World & { close(): Promise<void> }> {
  const inner = nedbStore(dir);
  const touched = new Set<string>();
  const store: Store = {
    collection: <T extends Doc>(name: string) => {
      touched.add(name);
      return inner.collection<T>(name);
    },
  };
  await towns(store).insert({ _id: 't1', name: '清河镇' });
  await towns(store).insert({ _id: 't2', name: '白水镇' });
  await villages(store).insert({ _id: 'vA', name: '甲村', townId: 't1', trackingSince: '2025-11' });
  await villages(store).insert({ _id: 'vB', name: '乙村', townId: 't1', trackingSince: '2025-11' });
  await villages(store).insert({ _id: 'vC', name: '丙村', townId: 't2', trackingSince: '2025-11' });
  const user = (
    id: string,
    villageId: string | null,
    roles: Role[],
    townId = 't1',
    via: 'seed' | 'roster' = 'seed',
  ) => users(store).insert({ _id: id, name: `名${id}`, townId, villageId, roles, boundAt: NOW, via });
  for (const [i, id] of RES.entries())
    await user(id, 'vA', i < 5 ? ['resident', 'representative'] : ['resident']);
  await user('cadre-a', 'vA', ['cadre']);
  await user('sup-a', 'vA', ['resident', 'supervisor']);
  await user('res-claimed', 'vA', ['resident'], 't1', 'roster');
  await user('res-b', 'vB', ['resident']);
  await user('cadre-b', 'vB', ['cadre']);
  await user('town', null, ['townAdmin']);
  await user('town2', null, ['townAdmin'], 't2');
  await user('res-c', 'vC', ['resident'], 't2');
  const entry = (id: string, name: string, claimedBy: string | null, roles: Role[] = ['resident']) =>
    rosterOf(store).insert({
      _id: id,
      villageId: 'vA',
      name,
      phoneLast4: '1234',
      roles,
      claimedBy,
      importedAt: NOW,
    });
  await entry('r-claimed', '名res-claimed', 'res-claimed');
  await entry('r-paper1', '纸质甲', null);
  await entry('r-paper2', '纸质乙', null, ['resident', 'representative']);
  const clock = fixedClock(NOW);
  const handle = createRouter(surveyActions);
  const env = { store, clock, ids: sequentialIds('t') };
  return {
    store,
    touched,
    clock,
    close: () => inner.close(),
    as:
      (openid) =>
      (action, input = {}) =>
        handle({ action, input }, openid, env) as never,
  };
}

async function data<T>(p: Promise<Reply<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  return r.data;
}

const RESIDENT_BALLOT = {
  partyVanguard: 'agree',
  openAffairs: 'satisfied',
  supervision: 'fairly',
  harmony: 'satisfied',
};
const REP_BALLOT = { ...RESIDENT_BALLOT, cadreIntegrity: 'satisfied' };
const ballotOf = (openid: string) =>
  RES.indexOf(openid) >= 0 && RES.indexOf(openid) < 5 ? REP_BALLOT : RESIDENT_BALLOT;

/** The town opens a village's round for a period. */
async function openIn(w: World, villageId: string, periodKey: string, extra: object = {}) {
  const r = await data(w.as('town')('openRound', { villageIds: [villageId], periodKey, ...extra }));
  if (!r.opened[0]) throw new Error(`not opened: ${JSON.stringify(r.refused)}`);
  return r.opened[0];
}

/** The town opens 甲村's round for the current quarter. */
const openA = (w: World, periodKey = '2026-Q4') => openIn(w, 'vA', periodKey);

/** People marked as voted in stored eligibility entries. */
const markedVoted = (w: World, query: Record<string, string> = {}) =>
  votersOf(w.store).count({ ...query, voted: true });
/** Filled answer slots (one per indicator answered). */
const filledAnswers = (w: World, query: Record<string, string> = {}) =>
  answersOf(w.store).count({ ...query, option: { $ne: null } });

describe('one person, one vote', () => {
  test('50 eligible voters submit 4 times each, all at once: exactly 50 ballots, tallies equal a recount', async () => {
    const w = await world();
    const round = await openA(w);
    expect(round.eligibleVoters).toBe(54); // 50 residents, the supervisor, the claimed entry, 2 paper-only entries
    const attempts = RES.flatMap((id, i) =>
      [0, 1, 2, 3].map((k) => ({
        id,
        answers: { ...ballotOf(id), openAffairs: (i + k) % 3 === 0 ? 'dissatisfied' : 'satisfied' },
      })),
    );
    // Interleave: each voter's four submissions are spread over the whole burst.
    attempts.sort((a, b) => (a.answers.openAffairs + a.id).localeCompare(b.answers.openAffairs + b.id));
    const replies = await Promise.all(
      attempts.map((a) => w.as(a.id)('vote', { roundId: round.id, answers: a.answers })),
    );
    const ok = replies.filter((r) => r.ok);
    const refused = replies.filter((r): r is Extract<typeof r, { ok: false }> => !r.ok);
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['ALREADY_VOTED']));
    expect(at(refused, 0).message).toBe('您已参加过本轮测评，每人只能参加一次');

    // One answer per indicator answered: 45 residents answer 4, 5 representatives 5.
    expect(await filledAnswers(w, { roundId: round.id })).toBe(45 * 4 + 5 * 5);
    expect(await markedVoted(w, { roundId: round.id })).toBe(50);
    const tally = (await talliesOf(w.store).get(round.id))!;
    expect(tally.ballots).toBe(50);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((s, n) => s + n, 0);
    expect(sum(must(tally.counts.openAffairs, 'the openAffairs count'))).toBe(50);
    expect(sum(must(tally.counts.cadreIntegrity, 'the cadreIntegrity count'))).toBe(5);

    const check = await data(w.as('cadre-a')('recount', { roundId: round.id }));
    expect(check).toMatchObject({ kept: 50, recounted: 50, ledger: 50, consistent: true, repaired: false });
    const listed = await data(w.as('res-01')('rounds', {}));
    expect(listed.rounds[0]).toMatchObject({ ballots: 50, eligibleVoters: 54 });
  });

  test('an ineligible user and a user of another village are refused with a clear message', async () => {
    const w = await world();
    const round = await openA(w);
    const cadre = await w.as('cadre-a')('vote', { roundId: round.id, answers: RESIDENT_BALLOT });
    expect(cadre).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
    expect((cadre as { message: string }).message).toContain('不在本轮测评的参评名单中');
    const other = await w.as('res-b')('vote', { roundId: round.id, answers: RESIDENT_BALLOT });
    expect(other).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
      message: '这是其他村的测评，您只能参加本村的满意度测评',
    });
    const otherTown = await w.as('res-c')('vote', { roundId: round.id, answers: RESIDENT_BALLOT });
    expect(otherTown).toMatchObject({ ok: false, code: 'FORBIDDEN_VILLAGE' });
    const stranger = await w.as('nobody')('vote', { roundId: round.id, answers: RESIDENT_BALLOT });
    expect(stranger).toMatchObject({ ok: false, code: 'NOT_BOUND' });

    // Bound after the round opened: not on the snapshot, so not in the denominator either.
    await users(w.store).insert({
      _id: 'late',
      name: '后来者',
      townId: 't1',
      villageId: 'vA',
      roles: ['resident'],
      boundAt: NOW,
      via: 'seed',
    });
    expect(await w.as('late')('vote', { roundId: round.id, answers: RESIDENT_BALLOT })).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    expect(await data(w.as('late')('current'))).toMatchObject({
      eligible: false,
      voted: false,
      questions: [],
    });
    // Nothing was written by the refusals.
    expect(await markedVoted(w)).toBe(0);
    expect(await filledAnswers(w)).toBe(0);
  });

  test('a resident answers exactly their own questions; a representative also rates the cadres', async () => {
    const w = await world();
    const round = await openA(w);
    const cur = await data(w.as('res-20')('current'));
    expect(cur).toMatchObject({ eligible: true, voted: false });
    expect(cur.questions.map((q) => q.name)).toEqual([
      '党员先进性认同率',
      '三务公开满意率',
      '村监委监督满意率',
      '事业和谐发展满意率',
    ]);
    expect((await data(w.as('res-01')('current'))).questions).toHaveLength(5);
    expect((await data(w.as('sup-a')('current'))).questions.map((q) => q.indicatorId)).not.toContain(
      'supervision',
    );

    const missing = await w.as('res-20')('vote', {
      roundId: round.id,
      answers: { openAffairs: 'satisfied' },
    });
    expect(missing).toMatchObject({ ok: false, code: 'BALLOT_INVALID' });
    expect((missing as { message: string }).message).toContain('请回答');
    const extra = await w.as('res-20')('vote', { roundId: round.id, answers: REP_BALLOT });
    expect(extra).toMatchObject({ ok: false, code: 'BALLOT_INVALID' });
    expect(await markedVoted(w)).toBe(0);

    await data(w.as('res-20')('vote', { roundId: round.id, answers: RESIDENT_BALLOT }));
    expect(await data(w.as('res-20')('current'))).toMatchObject({ voted: true });
    expect(round.eligibleVoters).toBe(54);
    const results = await data(w.as('res-20')('results', { roundId: round.id }));
    // Hidden while open: participation only.
    expect(results).toMatchObject({
      published: false,
      indicators: [],
      round: { ballots: 1, status: 'open' },
    });
  });
});

describe('paper ballots', () => {
  test('a paper ballot for someone who voted online is refused, and the other way round', async () => {
    const w = await world();
    const round = await openA(w);
    // res-claimed is bound through roster entry r-claimed: online and paper share one ledger key.
    await data(w.as('res-claimed')('vote', { roundId: round.id, answers: RESIDENT_BALLOT }));
    const paper = await w.as('sup-a')('paperBallot', {
      roundId: round.id,
      rosterId: 'r-claimed',
      answers: RESIDENT_BALLOT,
    });
    expect(paper).toMatchObject({
      ok: false,
      code: 'ALREADY_VOTED',
      message: '该村民已经参加过本轮测评（线上或纸质），不能重复录入',
    });

    await data(
      w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: 'r-paper1', answers: RESIDENT_BALLOT }),
    );
    const twice = await w.as('sup-a')('paperBallot', {
      roundId: round.id,
      rosterId: 'r-paper1',
      answers: RESIDENT_BALLOT,
    });
    expect(twice).toMatchObject({ ok: false, code: 'ALREADY_VOTED' });

    // r-paper2 votes on paper, then claims the entry and tries online: refused.
    await data(
      w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: 'r-paper2', answers: REP_BALLOT }),
    );
    await users(w.store).insert({
      _id: 'paper2-user',
      name: '纸质乙',
      townId: 't1',
      villageId: 'vA',
      roles: ['resident', 'representative'],
      boundAt: NOW,
      via: 'roster',
    });
    await rosterOf(w.store).update('r-paper2', { set: { claimedBy: 'paper2-user' } });
    expect(await data(w.as('paper2-user')('current'))).toMatchObject({ eligible: true, voted: true });
    expect(await w.as('paper2-user')('vote', { roundId: round.id, answers: REP_BALLOT })).toMatchObject({
      ok: false,
      code: 'ALREADY_VOTED',
    });

    expect((await talliesOf(w.store).get(round.id))!.ballots).toBe(3);
  });

  test('only the village supervisor keys in paper ballots, only while open, only for entries on the snapshot', async () => {
    const w = await world();
    const round = await openA(w);
    const roster = await data(w.as('sup-a')('paperRoster', { roundId: round.id }));
    expect(roster.entries.map((e) => e.name).sort()).toEqual(['名res-claimed', '纸质乙', '纸质甲'].sort());
    expect(roster.entries.find((e) => e.name === '纸质乙')!.indicatorIds).toHaveLength(5);
    expect(roster.questions).toHaveLength(5);
    for (const e of roster.entries)
      expect(Object.keys(e).sort()).toEqual(['indicatorIds', 'name', 'phoneTail', 'rosterId']);
    expect(
      await w.as('cadre-a')('paperBallot', {
        roundId: round.id,
        rosterId: 'r-paper1',
        answers: RESIDENT_BALLOT,
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    expect(await w.as('res-05')('paperRoster', { roundId: round.id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
    await rosterOf(w.store).insert({
      _id: 'r-late',
      villageId: 'vA',
      name: '晚来',
      phoneLast4: '0000',
      roles: ['resident'],
      claimedBy: null,
      importedAt: NOW,
    });
    expect(
      await w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: 'r-late', answers: RESIDENT_BALLOT }),
    ).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
    expect(
      await w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: 'r-nope', answers: RESIDENT_BALLOT }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await data(w.as('town')('closeRound', { roundId: round.id }));
    expect(
      await w.as('sup-a')('paperBallot', {
        roundId: round.id,
        rosterId: 'r-paper1',
        answers: RESIDENT_BALLOT,
      }),
    ).toMatchObject({ ok: false, code: 'ROUND_CLOSED', message: '本轮测评已经结束，不能再提交' });
  });
});

describe('results', () => {
  test('after close: rates, response rates, Wilson intervals and statuses; small groups withheld', async () => {
    const w = await world();
    const round = await openA(w);
    // 30 residents vote: 27 approve 三务公开 (90%), 5 representatives all approve the cadres.
    for (const [i, id] of RES.slice(0, 30).entries()) {
      const answers = { ...ballotOf(id), openAffairs: i < 27 ? 'fairly' : 'dissatisfied' };
      await data(w.as(id)('vote', { roundId: round.id, answers }));
    }
    expect(await w.as('town')('results', { roundId: round.id })).toMatchObject({
      ok: true,
      data: { published: false, indicators: [] },
    });
    await data(w.as('town')('closeRound', { roundId: round.id }));
    const r = await data(w.as('res-40')('results', { roundId: round.id }));
    expect(r.published).toBe(true);
    expect(r.round).toMatchObject({ ballots: 30, eligibleVoters: 54, status: 'closed' });
    const oa = r.indicators.find((i) => i.indicatorId === 'openAffairs')!;
    expect(oa).toMatchObject({
      answers: 30,
      approvals: 27,
      approvalRate: 0.9,
      // 90% by the point rate (what the index counts), but the interval straddles 90%: no page
      // says 达标 then, and the villager reads it in plain words.
      status: 'met',
      certainty: 'uncertain',
      statusLabel: '还说不准',
      eligible: 54,
      plain: '30 人回答，90% 满意或认同。要求是 90%，回答的人还不够多，现在还说不准全村是不是到了这个要求。',
    });
    expect(oa.plain).not.toMatch(/置信|区间|达标/);
    expect(oa.responseRate).toBeCloseTo(30 / 54);
    expect(oa.interval!.lower).toBeCloseTo(0.7438, 3);
    expect(oa.statement).toContain('跨越 90.0%');
    // 6 representatives are eligible (5 residents + r-paper2) and 5 answered: exactly the minimum.
    const ci = r.indicators.find((i) => i.indicatorId === 'cadreIntegrity')!;
    expect(ci).toMatchObject({ eligible: 6, answers: 5, approvalRate: 1, status: 'met' });

    // 乙村: one resident voted, fewer than 5: withheld.
    const b = await openIn(w, 'vB', '2026-Q4');
    await data(w.as('res-b')('vote', { roundId: b.id, answers: RESIDENT_BALLOT }));
    await data(w.as('town')('closeRound', { roundId: b.id }));
    const rb = await data(w.as('town')('results', { roundId: b.id }));
    for (const i of rb.indicators.filter((x) => x.answers > 0)) {
      expect(i).toMatchObject({
        approvalRate: null,
        approvals: null,
        status: 'insufficient',
        statusLabel: '人数太少',
      });
      expect(i.options.every((o) => o.count === null)).toBe(true);
    }
    expect(await w.as('res-b')('results', { roundId: round.id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await w.as('town2')('results', { roundId: round.id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });

    // Town comparison, village trend and what other contexts read.
    const cmp = await data(w.as('town')('compare', {}));
    expect(cmp.periods).toEqual(['2026-Q4']);
    // Worst first in the town: 甲村's rates; 乙村's single ballot withholds its rates, so it follows.
    expect(cmp.rows.map((x) => [x.villageName, x.round?.ballots ?? null])).toEqual([
      ['甲村', 30],
      ['乙村', 1],
    ]);
    expect(await w.as('cadre-a')('compare', {})).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    const trend = await data(w.as('res-01')('trend', {}));
    expect(trend.rounds.map((x) => x.round.periodKey)).toEqual(['2026-Q4']);
    const latest = await latestSurveyResults(w.store, ['vA', 'vB', 'vC']);
    expect([...latest.keys()].sort()).toEqual(['vA', 'vB']);
    expect(latest.get('vA')!.indicators.find((i) => i.indicatorId === 'openAffairs')).toEqual({
      indicatorId: 'openAffairs',
      name: '三务公开满意率',
      approvalRate: 0.9,
      answers: 30,
      status: 'met',
    });
  });

  test('a trend lists valid rounds in period order; latestSurveyResults picks the latest closed, not the highest key', async () => {
    const w = await world();
    for (const period of ['2026-Q3', '2026-Q2', '2026-08']) {
      const r = await openIn(w, 'vA', period);
      for (const id of RES.slice(0, 20))
        await data(w.as(id)('vote', { roundId: r.id, answers: ballotOf(id) }));
      w.clock.advance(86_400_000);
      await data(w.as('town')('closeRound', { roundId: r.id }));
    }
    const trend = await data(w.as('res-01')('trend', {}));
    expect(trend.rounds.map((x) => x.round.periodKey)).toEqual(['2026-Q2', '2026-08', '2026-Q3']);
    // 2026-Q3 ends last, but the round of 2026-08 is the one closed last.
    expect((await latestSurveyResults(w.store, ['vA'])).get('vA')!.periodKey).toBe('2026-08');
    // A reader describing a period gets the latest valid round of that period.
    expect((await latestSurveyResults(w.store, ['vA'], { period: '2026-Q2' })).get('vA')!.periodKey).toBe(
      '2026-Q2',
    );
  });

  test('a recount finds a tampered tally: while open it only says so, after close it lists and repairs', async () => {
    const w = await world();
    const round = await openA(w);
    for (const id of RES.slice(0, 8))
      await data(w.as(id)('vote', { roundId: round.id, answers: ballotOf(id) }));
    await talliesOf(w.store).update(round.id, { inc: { ballots: 1, 'counts.openAffairs.satisfied': 3 } });
    expect(await data(w.as('sup-a')('recount', { roundId: round.id }))).toEqual({
      roundId: round.id,
      kept: 9,
      recounted: 8,
      ledger: 8,
      lost: 0,
      statement: '计票 9 份，答卷 8 份，投票登记 8 人。计票与答卷不一致，测评结束后可按答卷重新计票。',
      consistent: false,
      differences: [],
      repaired: false,
    });
    expect(await w.as('res-01')('recount', { roundId: round.id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
    await data(w.as('town')('closeRound', { roundId: round.id }));
    const after = await data(w.as('town')('recount', { roundId: round.id }));
    expect(after).toMatchObject({ consistent: false, repaired: true });
    expect(after.differences).toEqual([
      { field: 'ballots', kept: 9, recounted: 8 },
      { field: 'openAffairs.satisfied', kept: 11, recounted: 8 },
    ]);
    expect(await data(w.as('town')('recount', { roundId: round.id }))).toMatchObject({
      consistent: true,
      kept: 8,
    });
  });
});

describe('anonymity: nothing stored or returned links a ballot to a person', () => {
  const OPTION_WORDS = ['satisfied', 'fairly', 'dissatisfied', 'agree', 'disagree'];

  async function dump(w: World): Promise<Record<string, Doc[]>> {
    const out: Record<string, Doc[]> = {};
    for (const name of [...w.touched].sort()) out[name] = await findAll(w.store.collection<Doc>(name), {});
    return out;
  }

  /** Identifiers of every person who might have voted in 甲村's round. */
  async function personMarks(roundId: string): Promise<string[]> {
    const people = [...RES, 'sup-a', 'res-claimed'];
    const rosterIds = ['r-claimed', 'r-paper1', 'r-paper2'];
    const keys = [
      ...people.map((id) => voterKey(roundId, { kind: 'user', id })),
      ...rosterIds.map((id) => voterKey(roundId, { kind: 'roster', id })),
    ].map((k) => k.split(':').pop()!);
    return [...people, ...rosterIds, ...people.map((p) => `名${p}`), '纸质甲', '纸质乙', ...keys];
  }

  async function inspect(w: World, roundId: string, step: string) {
    const all = await dump(w);
    const marks = await personMarks(roundId);
    const mentions = (doc: Doc) => {
      const text = JSON.stringify(doc);
      return marks.filter((m) => new RegExp(`(^|[^A-Za-z0-9-])${m}($|[^A-Za-z0-9-])`).test(text));
    };
    for (const a of all.surveyAnswers ?? []) {
      // A filled slot also holds its fill tag: random per write, so nothing to link.
      const keys = Object.keys(a).sort();
      expect([step, keys.filter((k) => k !== 'tag')]).toEqual([
        step,
        ['_id', 'indicatorId', 'option', 'roundId'],
      ]);
      if ('tag' in a) expect(a.tag === null || /^[A-Za-z0-9_-]{12}$/.test(String(a.tag))).toBe(true);
      expect([step, mentions(a)]).toEqual([step, []]);
      expect(JSON.stringify(a)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(a._id).toMatch(/^[0-9a-f]{24}$/);
    }
    for (const t of all.surveyTallies ?? []) {
      expect(Object.keys(t).sort()).toEqual(['_id', 'ballots', 'closed', 'counts', 'roundId']);
      expect([step, mentions(t)]).toEqual([step, []]);
    }
    for (const r of all.surveyRounds ?? []) expect([step, mentions(r)]).toEqual([step, []]);
    // The per-supervisor paper trace is a count, nothing about ballots or the people keyed for.
    for (const c of all.surveyPaperCounts ?? [])
      expect(Object.keys(c).sort()).toEqual(['_id', 'ballots', 'roundId', 'supervisorId']);
    for (const o of all.surveyOpen ?? [])
      expect(Object.keys(o).sort()).toEqual(['_id', 'periodKey', 'roundId']);
    for (const v of all.surveyVoters ?? [])
      expect(Object.keys(v).sort()).toEqual(['_id', 'roundId', 'sealed', 'voted']);
    // Answers live in the answer sheets and the aggregate tallies only: no other collection
    // (users, roster, claims, ledger, snapshot, anything) holds an answer next to anything else.
    for (const [name, docs] of Object.entries(all)) {
      if (['surveyAnswers', 'surveyTallies', 'surveyRounds'].includes(name)) continue;
      for (const d of docs) {
        const text = JSON.stringify(d);
        expect([step, name, OPTION_WORDS.filter((o) => text.includes(`"${o}"`))]).toEqual([step, name, []]);
      }
    }
    // Eligibility entries and answers share nothing but the round.
    const voterValues = new Set((all.surveyVoters ?? []).flatMap((l) => [l._id, ...l._id.split(':')]));
    for (const a of all.surveyAnswers ?? []) expect(voterValues.has(a._id)).toBe(false);
  }

  /** A reply of a cadre, supervisor or town action names no voter. */
  async function clean<T>(p: Promise<Reply<T>>, roundId: string, step: string): Promise<T> {
    const r = await p;
    if (!r.ok) throw new Error(`${step}: ${r.code} ${r.message}`);
    // paperBy names the supervisors who keyed paper ballots in, with a count: checked apart.
    const text = JSON.stringify(r.data, (k, v: unknown) => {
      if (k !== 'paperBy') return v;
      for (const p of v as object[]) expect(Object.keys(p).sort()).toEqual(['ballots', 'supervisorName']);
      return undefined;
    });
    expect([step, (await personMarks(roundId)).filter((m) => text.includes(`"${m}"`))]).toEqual([step, []]);
    return r.data;
  }

  test('after voting and after every cadre, supervisor and town action', async () => {
    const w = await world();
    const round = at(
      (await clean(w.as('town')('openRound', { villageIds: ['vA'], periodKey: '2026-Q4' }), 'x', 'open'))
        .opened,
      0,
      'an opened round',
    );
    await inspect(w, round.id, 'opened');
    // Ten residents vote one after another, each with a different ballot.
    const patterns = RES.slice(10, 20).map((id, i) => ({
      id,
      answers: {
        partyVanguard: i % 2 ? 'agree' : 'disagree',
        openAffairs: ['satisfied', 'fairly', 'dissatisfied'][i % 3],
        supervision: ['satisfied', 'fairly', 'dissatisfied'][Math.floor(i / 3) % 3],
        harmony: i >= 9 ? 'dissatisfied' : 'satisfied',
      },
    }));
    for (const p of patterns) await data(w.as(p.id)('vote', { roundId: round.id, answers: p.answers }));
    await inspect(w, round.id, 'voted');
    await clean(
      w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: 'r-paper1', answers: RESIDENT_BALLOT }),
      round.id,
      'paper',
    );
    await inspect(w, round.id, 'paper');
    await clean(w.as('cadre-a')('rounds', {}), round.id, 'rounds');
    await clean(w.as('cadre-a')('results', { roundId: round.id }), round.id, 'results-open');
    await clean(w.as('sup-a')('recount', { roundId: round.id }), round.id, 'recount-open');
    await inspect(w, round.id, 'recount-open');
    await clean(w.as('town')('closeRound', { roundId: round.id }), round.id, 'close');
    await inspect(w, round.id, 'closed');
    await clean(w.as('cadre-a')('recount', { roundId: round.id }), round.id, 'recount-closed');
    await clean(w.as('town')('results', { roundId: round.id }), round.id, 'results');
    await clean(w.as('sup-a')('results', { roundId: round.id }), round.id, 'results-sup');
    await clean(w.as('town')('compare', {}), round.id, 'compare');
    await clean(w.as('cadre-a')('trend', {}), round.id, 'trend');
    await inspect(w, round.id, 'end');
    // The inspection covered every collection the survey writes, and the account's.
    for (const name of [
      'surveyAnswers',
      'surveyRounds',
      'surveyTallies',
      'surveyVoters',
      'users',
      'roster',
    ]) {
      expect(w.touched.has(name)).toBe(true);
    }
  });
});

/** Whether a write's arguments fill an answer slot (rather than empty one). */
const isFill = (args: unknown[]) => !!(args[1] as { set?: { option?: string | null } }).set?.option;

/** A store whose operations first run `hook`: to fail or pause one chosen write. */
type Hook = (collection: string, op: keyof Collection<Doc>, args: unknown[]) => Promise<void> | void;
function hooked(inner: Store, hook: Hook): Store {
  return {
    collection: <T extends Doc>(name: string) => {
      const col = inner.collection<T>(name);
      const wrap =
        <K extends keyof Collection<T>>(op: K) =>
        async (...args: unknown[]) => {
          await hook(name, op, args);
          return (col[op] as (...a: unknown[]) => Promise<unknown>)(...args);
        };
      return {
        get: wrap('get'),
        find: wrap('find'),
        count: wrap('count'),
        insert: wrap('insert'),
        update: wrap('update'),
        updateWhere: wrap('updateWhere'),
        remove: wrap('remove'),
      } as Collection<T>;
    },
  };
}

/** The same handlers over another store (a hooked or counting one) and the world's clock. */
function over(w: World, store: Store): World['as'] {
  const handle = createRouter(surveyActions);
  return (openid) =>
    (action, input = {}) =>
      handle({ action, input }, openid, { store, clock: w.clock, ids: sequentialIds('h') }) as never;
}

/** A promise to pause on, and one that tells when something reached the pause. */
function gate() {
  let open!: () => void;
  let arrived!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const reached = new Promise<void>((r) => (arrived = r));
  return { open, reached, pause: () => (arrived(), opened) };
}

describe('who answers follows the seed wording', () => {
  test('party members do not rate the party members, cadres rate neither themselves nor the supervision', async () => {
    const w = await world();
    const add = (id: string, roles: Role[]) =>
      users(w.store).insert({
        _id: id,
        name: id,
        townId: 't1',
        villageId: 'vA',
        roles,
        boundAt: NOW,
        via: 'seed',
      });
    await add('pm', ['resident', 'partyMember']);
    await add('pm-rep', ['resident', 'representative', 'partyMember']);
    await add('cadre-res', ['resident', 'representative', 'cadre']);
    const round = await openA(w);
    const ids = async (id: string) => (await data(w.as(id)('current'))).questions.map((q) => q.indicatorId);
    expect(await ids('pm')).toEqual(['openAffairs', 'supervision', 'harmony']);
    expect(await ids('pm-rep')).toEqual(['cadreIntegrity', 'openAffairs', 'supervision', 'harmony']);
    expect(await data(w.as('cadre-res')('current'))).toMatchObject({ eligible: false, questions: [] });
    // A party member's ballot with 党员先进性认同率 is refused; without it, counted.
    expect(await w.as('pm')('vote', { roundId: round.id, answers: RESIDENT_BALLOT })).toMatchObject({
      ok: false,
      code: 'BALLOT_INVALID',
    });
    await data(
      w.as('pm')('vote', {
        roundId: round.id,
        answers: { openAffairs: 'satisfied', supervision: 'satisfied', harmony: 'fairly' },
      }),
    );
    // Denominators: 50 residents + sup-a + the claimed and two paper entries rate the party
    // members (54); pm and pm-rep do not. 51 + 3 + 2 rate the supervision, sup-a does not.
    expect((await roundsOf(w.store).get(round.id))!.eligible).toMatchObject({
      partyVanguard: 54,
      supervision: 55,
      cadreIntegrity: 7,
    });
  });
});

describe('a ballot is never silently lost', () => {
  test('a sheet write that fails is taken back: the voter retries and is counted once', async () => {
    const w = await world();
    const round = await openA(w);
    let failures = 1;
    const flaky = hooked(w.store, (col, op, args) => {
      if (col === 'surveyAnswers' && op === 'updateWhere' && isFill(args) && failures-- > 0)
        throw new Error('write timed out');
    });
    const first = await over(w, flaky)('res-01')('vote', { roundId: round.id, answers: REP_BALLOT });
    expect(first).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await data(w.as('res-01')('current'))).toMatchObject({ voted: false });
    await data(over(w, flaky)('res-01')('vote', { roundId: round.id, answers: REP_BALLOT }));
    expect(await markedVoted(w, { roundId: round.id })).toBe(1);
    expect(await filledAnswers(w, { roundId: round.id })).toBe(5);
    expect(await data(w.as('cadre-a')('recount', { roundId: round.id }))).toMatchObject({
      kept: 1,
      recounted: 1,
      ledger: 1,
      lost: 0,
      consistent: true,
    });
  });

  test('a ballot that dies after its ledger entry is reported as lost to the cadre and the town, without whose', async () => {
    const w = await world();
    const round = await openA(w);
    for (const id of RES.slice(0, 6))
      await data(w.as(id)('vote', { roundId: round.id, answers: ballotOf(id) }));
    // The process "dies" after the ledger entry: the sheet is not written and nothing is undone.
    const dying = hooked(w.store, (col, op, args) => {
      if (col === 'surveyAnswers' && op === 'updateWhere' && isFill(args)) throw new Error('process died');
      if (col === 'surveyVoters' && op === 'updateWhere') {
        if ((args[1] as { set?: { voted?: boolean } }).set?.voted === false) throw new Error('process died');
      }
    });
    expect(
      await over(w, dying)('res-20')('vote', { roundId: round.id, answers: RESIDENT_BALLOT }),
    ).toMatchObject({
      ok: false,
      code: 'INTERNAL',
    });
    // The documented limit: the retry cannot finish without a link from person to sheet.
    expect(await w.as('res-20')('vote', { roundId: round.id, answers: RESIDENT_BALLOT })).toMatchObject({
      ok: false,
      code: 'ALREADY_VOTED',
    });
    for (const who of ['cadre-a', 'town']) {
      const r = await data(w.as(who)('recount', { roundId: round.id }));
      expect(r).toMatchObject({ kept: 6, recounted: 6, ledger: 7, lost: 1, consistent: false });
      expect(r.statement).toContain('有 1 张选票在写入时中断而丢失');
      expect(r.statement).toContain('无法查出是哪几位');
      expect(JSON.stringify(r)).not.toMatch(/res-|名/);
    }
  });
});

describe('a close while a ballot is in flight', () => {
  const pauses: [string, (col: string, op: string, args: unknown[]) => boolean][] = [
    [
      'before it marks the voter',
      (col, op, args) =>
        col === 'surveyVoters' &&
        op === 'updateWhere' &&
        (args[1] as { set?: { voted?: boolean } }).set?.voted === true,
    ],
    [
      'before its answers',
      (col, op, args) => col === 'surveyAnswers' && op === 'updateWhere' && isFill(args),
    ],
    [
      'before its tally increment',
      (col, op, args) =>
        col === 'surveyTallies' && op === 'updateWhere' && !!(args[1] as { inc?: object }).inc,
    ],
  ];
  test.each(pauses)(
    'paused %s: refused with ROUND_CLOSED, and the published results are final',
    async (_label, at) => {
      const w = await world();
      const round = await openA(w);
      for (const id of RES.slice(0, 6))
        await data(w.as(id)('vote', { roundId: round.id, answers: ballotOf(id) }));
      const g = gate();
      const paused = hooked(w.store, (col, op, args) => (at(col, op, args) ? g.pause() : undefined));
      // The vote passes its "is the round open" check, then waits before writing.
      const late = over(w, paused)('res-30')('vote', {
        roundId: round.id,
        answers: { ...RESIDENT_BALLOT, openAffairs: 'dissatisfied' },
      });
      await g.reached;
      await data(w.as('town')('closeRound', { roundId: round.id }));
      const published = await data(w.as('town')('results', { roundId: round.id }));
      g.open();
      expect(await late).toMatchObject({ ok: false, code: 'ROUND_CLOSED' });
      expect(((await late) as { message: string }).message).toBe('本轮测评已经结束，您的答卷没有计入');
      expect(await data(w.as('town')('results', { roundId: round.id }))).toEqual(published);
      expect(published.round.ballots).toBe(6);
      // Nothing of the refused ballot stays: the counted set is the published set.
      expect(await markedVoted(w, { roundId: round.id })).toBe(6);
      expect(await filledAnswers(w, { roundId: round.id })).toBe(5 * 5 + 4);
      expect(await data(w.as('town')('recount', { roundId: round.id }))).toMatchObject({
        kept: 6,
        recounted: 6,
        ledger: 6,
        consistent: true,
        repaired: false,
      });
    },
  );
});

describe('paper ballots leave a per-supervisor trace', () => {
  test('the cadre and the town admin see how many each supervisor keyed in; voters do not', async () => {
    const w = await world();
    await users(w.store).insert({
      _id: 'sup-a2',
      name: '监委乙',
      townId: 't1',
      villageId: 'vA',
      roles: ['supervisor'],
      boundAt: NOW,
      via: 'seed',
    });
    const round = await openA(w);
    await data(w.as('res-claimed')('vote', { roundId: round.id, answers: RESIDENT_BALLOT }));
    await data(
      w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: 'r-paper1', answers: RESIDENT_BALLOT }),
    );
    await data(
      w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: 'r-paper2', answers: REP_BALLOT }),
    );
    // Refused ballots leave no trace.
    expect(
      await w.as('sup-a2')('paperBallot', {
        roundId: round.id,
        rosterId: 'r-paper1',
        answers: RESIDENT_BALLOT,
      }),
    ).toMatchObject({ ok: false, code: 'ALREADY_VOTED' });
    expect(
      await w.as('sup-a2')('paperBallot', {
        roundId: round.id,
        rosterId: 'r-claimed',
        answers: RESIDENT_BALLOT,
      }),
    ).toMatchObject({ ok: false, code: 'ALREADY_VOTED' });
    expect(at((await data(w.as('cadre-a')('rounds', {}))).rounds, 0).paperBy).toEqual([
      { supervisorName: '名sup-a', ballots: 2 },
    ]);
    await data(w.as('town')('closeRound', { roundId: round.id }));
    const town = await data(w.as('town')('results', { roundId: round.id }));
    expect(town.round.paperBy).toEqual([{ supervisorName: '名sup-a', ballots: 2 }]);
    expect(at((await data(w.as('res-01')('rounds', {}))).rounds, 0).paperBy).toBeUndefined();
    expect((await data(w.as('res-01')('results', { roundId: round.id }))).round.paperBy).toBeUndefined();
  });
});

describe('paper roster', () => {
  test('reads the snapshot by pages of keys, not one read per roster entry', async () => {
    const w = await world();
    for (let i = 0; i < 300; i++)
      await rosterOf(w.store).insert({
        _id: `r-bulk-${i}`,
        villageId: 'vA',
        name: `村民${String(i).padStart(3, '0')}`,
        phoneLast4: '5678',
        roles: ['resident'],
        claimedBy: null,
        importedAt: NOW,
      });
    const round = await openA(w);
    const counting = countingStore(w.store);
    const roster = await data(over(w, counting)('sup-a')('paperRoster', { roundId: round.id }));
    expect(roster.entries).toHaveLength(303);
    expect(roster.entries.find((e) => e.rosterId === 'r-bulk-7')).toMatchObject({ name: '村民007' });
    expect(counting.ops()).toBeLessThan(12);
  });
});

describe('a small role group is not singled out in the results', () => {
  test('an indicator answered by fewer than the minimum is withheld while the others are shown', async () => {
    const w = await world();
    const round = await openA(w);
    // Two representatives (who alone rate the cadres) and six other residents.
    for (const id of [...RES.slice(0, 2), ...RES.slice(10, 16)])
      await data(w.as(id)('vote', { roundId: round.id, answers: ballotOf(id) }));
    await data(w.as('town')('closeRound', { roundId: round.id }));
    const r = await data(w.as('cadre-a')('results', { roundId: round.id }));
    const byId = new Map(r.indicators.map((i) => [i.indicatorId, i]));
    expect(byId.get('cadreIntegrity')).toMatchObject({
      answers: 2,
      approvalRate: null,
      approvals: null,
      status: 'insufficient',
    });
    expect(byId.get('cadreIntegrity')!.options.every((o) => o.count === null)).toBe(true);
    expect(byId.get('openAffairs')).toMatchObject({ answers: 8, approvalRate: 1, status: 'met' });
  });
});

describe('rounds nobody in the village can steer', () => {
  test('the 9999 round and the whole-year trick: cadres cannot open or close, the town only opens real periods', async () => {
    const w = await world();
    // 甲村's 2026-Q3 round, opened on 2 October: 20 of 54 took part (37%), every one 不满意 with 三务公开.
    w.clock.set('2026-10-02T02:00:00.000Z');
    const q3 = await openA(w, '2026-Q3');
    for (const id of RES.slice(0, 20))
      await data(
        w.as(id)('vote', { roundId: q3.id, answers: { ...ballotOf(id), openAffairs: 'dissatisfied' } }),
      );
    // The year 9999 is refused by the contract itself, for anyone, before any role is weighed.
    expect(await w.as('cadre-a')('openRound', { villageIds: ['vA'], periodKey: '9999' })).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
    });
    // A cadre cannot open a round (the whole year 2026, or a real quarter), nor close one.
    for (const periodKey of ['2026', '2026-Q4']) {
      const r = await w.as('cadre-a')('openRound', { villageIds: ['vA'], periodKey });
      expect(r).toMatchObject({
        ok: false,
        code: 'FORBIDDEN_ROLE',
        message: '测评由镇纪委统一开启，村里只能查看参与情况',
      });
    }
    expect(await w.as('cadre-a')('closeRound', { roundId: q3.id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
      message: '测评由镇纪委统一结束，村里只能查看参与情况',
    });
    expect(await w.as('sup-a')('closeRound', { roundId: q3.id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
    // Nor can the town open a period that has not begun, or one that ended over a year ago.
    w.clock.set('2026-10-09T02:00:00.000Z');
    await data(w.as('town')('closeRound', { roundId: q3.id }));
    for (const [periodKey, why] of [
      ['9999', '年份应在 2000 至 2099 年之间'],
      ['2027-Q1', '2027年第一季度还没有开始'],
      ['2026-11', '2026年11月还没有开始'],
      ['2025-09', '2025年9月已经结束一年以上'],
    ]) {
      const r = await w.as('town')('openRound', { villageIds: ['vA'], periodKey });
      // A year out of range is malformed by the schema; the others are periods not to be opened.
      expect(r).toMatchObject({
        ok: false,
        code: periodKey === '9999' ? 'BAD_INPUT' : 'PERIOD_NOT_OPENABLE',
      });
      expect((r as { message: string }).message).toContain(why);
    }
    expect(await roundsOf(w.store).count({ villageId: 'vA' })).toBe(1);

    // The town opens the whole year 2026 (a real period) and closes it at once with 0 ballots:
    // below the participation floor it is 无效 and never replaces the valid 2026-Q3 round.
    const year = await openA(w, '2026');
    expect(year).toMatchObject({
      closesAt: '2026-10-16T02:00:00.000Z',
      participationFloor: 0.3,
      validity: 'open',
    });
    w.clock.advance(60_000);
    const closed = await data(w.as('town')('closeRound', { roundId: year.id }));
    expect(closed).toMatchObject({
      status: 'closed',
      closedEarly: true,
      ballots: 0,
      validity: 'invalid',
      validityLabel: '无效（参与率低于 30%）',
    });
    const latest = (await latestSurveyResults(w.store, ['vA'])).get('vA')!;
    expect(latest).toMatchObject({ roundId: q3.id, periodKey: '2026-Q3' });
    expect(latest.indicators.find((i) => i.indicatorId === 'openAffairs')).toMatchObject({
      approvalRate: 0,
      answers: 20,
    });
    // The monthly report of October reads as of the month's end: the same valid round.
    expect((await latestSurveyResults(w.store, ['vA'], '2026-10-31T15:59:59.999Z')).get('vA')!.roundId).toBe(
      q3.id,
    );
    // An index of the year 2026 reads the rounds of 2026: still the Q3 round.
    expect((await latestSurveyResults(w.store, ['vA'], { period: '2026' })).get('vA')!.roundId).toBe(q3.id);
    const cmp = await data(w.as('town')('compare', {}));
    expect(cmp.periods).toEqual(['2026-Q3']);
    expect(cmp.rows.find((r) => r.villageId === 'vA')!.round!.id).toBe(q3.id);
    expect((await data(w.as('res-01')('trend', {}))).rounds.map((r) => r.round.id)).toEqual([q3.id]);
    expect((await data(w.as('res-01')('current'))).latestClosed!.id).toBe(q3.id);
    // The 无效 round stays visible as such to the village, with its participation.
    const listed = await data(w.as('cadre-a')('rounds', {}));
    expect(listed.rounds.map((r) => [r.periodKey, r.validity, r.ballots, r.eligibleVoters])).toEqual([
      ['2026', 'invalid', 0, 54],
      ['2026-Q3', 'valid', 20, 54],
    ]);
    // A period with a valid round is not measured again; one with only a 无效 round may be.
    expect(await data(w.as('town')('openRound', { villageIds: ['vA'], periodKey: '2026-Q3' }))).toMatchObject(
      {
        opened: [],
        refused: [{ villageId: 'vA', reason: '2026年第三季度已有有效的测评结果，不能重复测评' }],
      },
    );
    expect(await openA(w, '2026')).toMatchObject({ id: 'vA:2026:2', validity: 'open' });
  });

  test('the town opens for all its villages or some; a round runs its days and then closes by itself', async () => {
    const w = await world();
    expect(await w.as('town')('openRound', { periodKey: '2026-Q4', days: 2 })).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
    });
    const all = await data(w.as('town')('openRound', { periodKey: '2026-Q4' }));
    expect(all.opened.map((r) => [r.villageName, r.closesAt])).toEqual([
      ['乙村', '2026-11-30T02:00:00.000Z'],
      ['甲村', '2026-11-30T02:00:00.000Z'],
    ]);
    // A retry opens nothing twice; another town's village is not the town's to open.
    const again = await data(w.as('town')('openRound', { periodKey: '2026-Q4', villageIds: ['vA', 'vC'] }));
    expect(again.opened.map((r) => r.id)).toEqual([at(all.opened, 1).id]);
    expect(again.refused).toEqual([{ villageId: 'vC', villageName: '', reason: '不是本镇的村' }]);
    expect(await roundsOf(w.store).count({})).toBe(2);
    const a = at(all.opened, 1);
    for (const id of RES.slice(0, 17)) await data(w.as(id)('vote', { roundId: a.id, answers: ballotOf(id) }));
    // Cadres see participation only.
    expect((await data(w.as('cadre-a')('rounds', {}))).rounds[0]).toMatchObject({
      ballots: 17,
      eligibleVoters: 54,
      participationFloor: 0.3,
      validity: 'open',
    });
    // Seven days later the round has closed by itself: no vote counts, and 17/54 (31%) is valid.
    w.clock.set('2026-11-30T02:00:00.000Z');
    expect(await w.as('res-30')('vote', { roundId: a.id, answers: RESIDENT_BALLOT })).toMatchObject({
      ok: false,
      code: 'ROUND_CLOSED',
    });
    const r = await data(w.as('res-01')('results', { roundId: a.id }));
    expect(r).toMatchObject({
      published: true,
      round: {
        status: 'closed',
        closedAt: '2026-11-30T02:00:00.000Z',
        closedEarly: false,
        validity: 'valid',
        ballots: 17,
      },
    });
    expect((await latestSurveyResults(w.store, ['vA'])).get('vA')!.roundId).toBe(a.id);
    // 乙村's resident did not vote: 0 of 1 is below the floor, 无效.
    expect((await data(w.as('town')('rounds', { villageId: 'vB' }))).rounds[0]).toMatchObject({
      validity: 'invalid',
    });
    expect((await latestSurveyResults(w.store, ['vB'])).has('vB')).toBe(false);
  });

  test('a round opened for a future period in the old days never counts as the latest', async () => {
    const w = await world();
    const valid = await openA(w, '2026-Q3');
    for (const id of RES.slice(0, 20))
      await data(w.as(id)('vote', { roundId: valid.id, answers: ballotOf(id) }));
    await data(w.as('town')('closeRound', { roundId: valid.id }));
    // A legacy round for period 9999, closed at once, as stored before the rules existed.
    await roundsOf(w.store).insert({
      ...(await roundsOf(w.store).get(valid.id))!,
      _id: 'vA:9999',
      periodKey: '9999',
      closedAt: '2026-11-23T03:00:00.000Z',
    });
    expect((await latestSurveyResults(w.store, ['vA'])).get('vA')!.periodKey).toBe('2026-Q3');
    expect((await data(w.as('town')('compare', {}))).periods).toEqual(['2026-Q3']);
  });
});

describe('one person, one entry', () => {
  /** Account actions over the same store and clock. */
  const accountAs = (w: World) => {
    const handle = createRouter(accountActions);
    return (openid: string) => (action: string, input: unknown) =>
      handle({ action, input }, openid, {
        store: w.store,
        clock: w.clock,
        ids: sequentialIds('acc'),
      }) as Promise<Reply<{ id: string }>>;
  };

  /** 张小花 joined by invitation and also has an unclaimed roster entry. */
  async function invitedWithEntry(w: World) {
    await users(w.store).insert({
      _id: 'invited',
      name: '张小花',
      townId: 't1',
      villageId: 'vA',
      roles: ['resident'],
      boundAt: NOW,
      via: 'invitation',
    });
    await data(
      createRouter(accountActions)(
        {
          action: 'importRoster',
          input: { villageId: 'vA', entries: [{ name: '张小花', phoneLast4: '6688', roles: ['resident'] }] },
        },
        'cadre-a',
        { store: w.store, clock: w.clock, ids: sequentialIds('imp') },
      ) as Promise<Reply<unknown>>,
    );
    return at(await rosterOf(w.store).find({ name: '张小花' }), 0, '张小花 in the roster')._id;
  }

  /** She claims her entry and a cadre approves: the two are linked. */
  async function link(w: World) {
    const acc = accountAs(w);
    const claim = await data(
      acc('invited')('claimRoster', { villageId: 'vA', name: '张小花', phoneLast4: '6688' }),
    );
    await data(acc('cadre-a')('reviewClaim', { claimId: claim.id, approve: true }));
  }

  test("unlinked, the invited person and her roster entry would be two voters; the cadre's approval makes them one", async () => {
    const w = await world();
    const entryId = await invitedWithEntry(w);
    await link(w);
    expect((await rosterOf(w.store).get(entryId))!.claimedBy).toBe('invited');
    expect(await users(w.store).get('invited')).toMatchObject({ via: 'invitation', villageId: 'vA' });
    // A second claim of hers is refused: she is linked already.
    expect(
      await accountAs(w)('invited')('claimRoster', { villageId: 'vA', name: '张小花', phoneLast4: '6688' }),
    ).toMatchObject({ ok: false, code: 'ALREADY_BOUND' });
    const round = await openA(w);
    // One eligibility entry for the two: 54 as before her, plus her once.
    expect(round.eligibleVoters).toBe(55);
    const paper = await data(w.as('sup-a')('paperRoster', { roundId: round.id }));
    expect(paper.entries.filter((e) => e.name === '张小花')).toHaveLength(1);

    // Online first: the paper ballot for her entry is refused.
    await data(w.as('invited')('vote', { roundId: round.id, answers: RESIDENT_BALLOT }));
    expect(
      await w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: entryId, answers: RESIDENT_BALLOT }),
    ).toMatchObject({
      ok: false,
      code: 'ALREADY_VOTED',
      message: '该村民已经参加过本轮测评（线上或纸质），不能重复录入',
    });
    expect((await talliesOf(w.store).get(round.id))!.ballots).toBe(1);
  });

  test('paper first, then online: refused, also when the link is made while the round is open', async () => {
    const w = await world();
    const entryId = await invitedWithEntry(w);
    // Opened before the link: she and her entry are two entries of the round.
    const round = await openA(w);
    expect(round.eligibleVoters).toBe(56);
    await data(
      w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: entryId, answers: RESIDENT_BALLOT }),
    );
    await link(w);
    expect(await data(w.as('invited')('current'))).toMatchObject({ eligible: true, voted: true });
    expect(await w.as('invited')('vote', { roundId: round.id, answers: RESIDENT_BALLOT })).toMatchObject({
      ok: false,
      code: 'ALREADY_VOTED',
    });
    // And the other way round in the same situation: online, link, then paper.
    const w2 = await world();
    const entry2 = await invitedWithEntry(w2);
    const round2 = await openA(w2);
    await data(w2.as('invited')('vote', { roundId: round2.id, answers: RESIDENT_BALLOT }));
    await link(w2);
    expect(
      await w2.as('sup-a')('paperBallot', { roundId: round2.id, rosterId: entry2, answers: RESIDENT_BALLOT }),
    ).toMatchObject({ ok: false, code: 'ALREADY_VOTED' });
    expect((await talliesOf(w2.store).get(round2.id))!.ballots).toBe(1);
  });

  test('online and paper at the same moment for a linked person: exactly one counts', async () => {
    const w = await world();
    const entryId = await invitedWithEntry(w);
    await link(w);
    const round = await openA(w);
    const replies = await Promise.all([
      w.as('invited')('vote', { roundId: round.id, answers: RESIDENT_BALLOT }),
      w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: entryId, answers: RESIDENT_BALLOT }),
      w.as('invited')('vote', { roundId: round.id, answers: RESIDENT_BALLOT }),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect((await talliesOf(w.store).get(round.id))!.ballots).toBe(1);
    expect(await filledAnswers(w, { roundId: round.id })).toBe(4);
  });

  test('roster rows marked only 外出务工 or only 党员 are residents and get their questions', async () => {
    const w = await world();
    for (const [id, roles] of [
      ['r-migrant', ['migrant']],
      ['r-party', ['partyMember']],
    ] as const) {
      await rosterOf(w.store).insert({
        _id: id,
        villageId: 'vA',
        name: id,
        phoneLast4: '1111',
        roles: [...roles],
        claimedBy: null,
        importedAt: NOW,
      });
    }
    // A migrant worker bound through a claim of a 外出务工-only row answers online.
    await users(w.store).insert({
      _id: 'migrant-user',
      name: '外出者',
      townId: 't1',
      villageId: 'vA',
      roles: ['migrant'],
      boundAt: NOW,
      via: 'roster',
    });
    await rosterOf(w.store).insert({
      _id: 'r-migrant-claimed',
      villageId: 'vA',
      name: '外出者',
      phoneLast4: '2222',
      roles: ['migrant'],
      claimedBy: 'migrant-user',
      importedAt: NOW,
    });
    const round = await openA(w);
    expect(round.eligibleVoters).toBe(57);
    const paper = await data(w.as('sup-a')('paperRoster', { roundId: round.id }));
    expect(paper.entries.find((e) => e.rosterId === 'r-migrant')!.indicatorIds).toEqual([
      'partyVanguard',
      'openAffairs',
      'supervision',
      'harmony',
    ]);
    // A party member skips only 党员先进性认同率.
    expect(paper.entries.find((e) => e.rosterId === 'r-party')!.indicatorIds).toEqual([
      'openAffairs',
      'supervision',
      'harmony',
    ]);
    const cur = await data(w.as('migrant-user')('current'));
    expect(cur.questions.map((q) => q.name)).toEqual([
      '党员先进性认同率',
      '三务公开满意率',
      '村监委监督满意率',
      '事业和谐发展满意率',
    ]);
    await data(w.as('migrant-user')('vote', { roundId: round.id, answers: RESIDENT_BALLOT }));
    const { partyVanguard: _skip, ...partyBallot } = RESIDENT_BALLOT;
    await data(
      w.as('sup-a')('paperBallot', { roundId: round.id, rosterId: 'r-party', answers: partyBallot }),
    );
    expect((await talliesOf(w.store).get(round.id))!.ballots).toBe(2);
  });
});

describe('ballots stay secret in a full copy of the database', () => {
  const OPTIONS = ['satisfied', 'fairly', 'dissatisfied'] as const;

  /** Deterministic pseudo-random numbers, so the run is the same every time. */
  function rng(seed: number) {
    let x = seed >>> 0;
    return () => {
      x = (x * 1664525 + 1013904223) >>> 0;
      return x / 2 ** 32;
    };
  }

  /**
   * The documents of a collection's file, in the order of its lines (an append-only file also
   * names the indexes the store made, on lines of their own that hold no data).
   */
  function fileDocs(dir: string, name: string): Doc[] {
    const text = readFileSync(join(dir, `${name}.db`), 'utf8');
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Doc)
      .filter((d) => !('$$indexCreated' in d));
  }

  /**
   * Of `votersInOrder` (who voted, in the order they voted), what the attacker guesses each
   * answered 三务公开 with: the k-th voter gets the k-th filled 三务公开 answer in `slotOrder`.
   * This is the best use of any order in the copy: even knowing exactly when each person voted
   * (from outside the database), only an order shared by answers and votes could link them.
   */
  function guessByOrder(votersInOrder: string[], slotOrder: Doc[]): Map<string, string> {
    const filled = slotOrder.filter(
      (d) =>
        (d as unknown as { indicatorId: string; option: string | null }).indicatorId === 'openAffairs' &&
        (d as unknown as { option: string | null }).option,
    ) as unknown as { option: string }[];
    return new Map(votersInOrder.map((v, k) => [v, filled[k]?.option ?? '']));
  }

  const hits = (guess: Map<string, string>, truth: Map<string, string>) =>
    [...truth].filter(([who, a]) => guess.get(who) === a).length;

  test("50 voters: every collection and the embedded store's files right after voting link no better than chance", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'survey-copy-'));
    try {
      const w = await world(dir);
      const round = await openA(w);
      const r = rng(7);
      const voters = RES.slice(0, 50);
      // Answers spread over the three options; each person votes at a different minute.
      const truth = new Map(voters.map((v, i) => [v, OPTIONS[(i + Math.floor(r() * 3)) % 3] as string]));
      for (const v of voters) {
        w.clock.advance(60_000);
        await data(
          w.as(v)('vote', { roundId: round.id, answers: { ...ballotOf(v), openAffairs: truth.get(v)! } }),
        );
      }
      // The copy, right after the last vote: every collection as the adapter returns it
      // (natural order), and every file on disk line by line.
      const collections = readdirSync(dir)
        .filter((f) => f.endsWith('.db'))
        .map((f) => f.replace(/\.db$/, ''));
      expect(collections).toEqual(
        expect.arrayContaining(['surveyVoters', 'surveyAnswers', 'surveyTallies', 'users', 'roster']),
      );
      const natural: Record<string, Doc[]> = {};
      const files: Record<string, Doc[]> = {};
      const fileOf = (name: string) => must(files[name], `the ${name} file`);
      const naturalOf = (name: string) => must(natural[name], `the ${name} collection`);
      for (const name of collections) {
        natural[name] = await findAll(w.store.collection<Doc>(name), {}, { sort: {} });
        files[name] = fileDocs(dir, name);
        // Each document once: a file holds no history of writes (no tally line per vote).
        expect([name, new Set(fileOf(name).map((d) => d._id)).size]).toEqual([name, fileOf(name).length]);
      }
      // Answers are stored per indicator: no stored document holds two answers of one person.
      // A filled slot's one more field is its fill tag: random per write, no two alike, so it
      // ties no slot to another, nor to a ballot.
      const tags: string[] = [];
      for (const a of fileOf('surveyAnswers')) {
        expect(
          Object.keys(a)
            .filter((k) => k !== 'tag')
            .sort(),
        ).toEqual(['_id', 'indicatorId', 'option', 'roundId']);
        const tag = (a as { tag?: unknown }).tag;
        if (typeof tag === 'string') tags.push(tag);
      }
      expect(tags.length).toBeGreaterThan(0);
      expect(new Set(tags).size).toBe(tags.length);
      // Nothing the survey stores carries a time next to a voter or an answer.
      for (const name of ['surveyVoters', 'surveyAnswers', 'surveyTallies'])
        for (const d of fileOf(name)) expect(JSON.stringify(d)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

      // Voter keys cannot be recomputed from users and roster without the secret: an unkeyed
      // hash (what the copy could suggest) matches no stored entry.
      const stored = new Set(fileOf('surveyVoters').map((v) => v._id));
      for (const v of voters) {
        for (const text of [`${round.id}\nuser:${v}`, `${round.id}\n${v}`]) {
          const h = createHash('sha256').update(text).digest('hex').slice(0, 32);
          expect(stored.has(`${round.id}:${h}`)).toBe(false);
        }
      }

      // The attacker's strategies, each given the true order of voting from outside: line up
      // voters with the answers by every order the copy has.
      const byId = (docs: Doc[]) => [...docs].sort((x, y) => (x._id < y._id ? -1 : 1));
      const strategies: [string, Doc[]][] = [
        ['file line order', fileOf('surveyAnswers')],
        ['file order reversed', [...fileOf('surveyAnswers')].reverse()],
        ['natural order', naturalOf('surveyAnswers')],
        ['natural order reversed', [...naturalOf('surveyAnswers')].reverse()],
        ['_id order', byId(naturalOf('surveyAnswers'))],
      ];
      // Chance: guessing by a random pairing, the expected hits are the sum of squared shares.
      const counts = OPTIONS.map((o) => [...truth.values()].filter((a) => a === o).length);
      const chance = counts.reduce((s, n) => s + n * n, 0) / voters.length;
      const results = strategies.map(
        ([name, order]) => [name, hits(guessByOrder(voters, order), truth)] as const,
      );
      for (const [name, n] of results) {
        // Far from the 50 a linking order would give; 4 standard deviations above chance at most.
        expect([name, n <= chance + 4 * Math.sqrt(chance)]).toEqual([name, true]);
      }
      // And the strategy works when an order is shared: had answers been written in vote order
      // (an append-only file), it would link every one of them. The test can fail.
      const leaky = voters.map(
        (v) => ({ _id: v, indicatorId: 'openAffairs', option: truth.get(v) }) as unknown as Doc,
      );
      expect(hits(guessByOrder(voters, leaky), truth)).toBe(50);

      // An entry shows no role mix: the indicators it answers are sealed, all seals one length.
      const seals = fileOf('surveyVoters').map((v) => (v as unknown as { sealed: string }).sealed);
      expect(new Set(seals.map((x) => x.length)).size).toBe(1);
      for (const v of fileOf('surveyVoters'))
        expect(JSON.stringify(v)).not.toMatch(/partyVanguard|cadreIntegrity|openAffairs|supervision|harmony/);
      // Who voted: entries carry a flag, not an order of voting; and with the secret (an insider)
      // an entry still leads to no answer: the entries' order is that of their keys.
      const votedEntries = fileOf('surveyVoters').filter((v) => (v as unknown as { voted: boolean }).voted);
      expect(votedEntries).toHaveLength(50);
      const keyOrder = voters
        .map((v) => [v, voterKey(round.id, { kind: 'user', id: v })] as const)
        .sort((x, y) => (x[1] < y[1] ? -1 : 1))
        .map(([v]) => v);
      expect(votedEntries.map((e) => e._id)).toEqual(
        keyOrder.map((v) => voterKey(round.id, { kind: 'user', id: v })),
      );
      const insider = hits(guessByOrder(keyOrder, fileOf('surveyAnswers')), truth);
      expect(insider <= chance + 4 * Math.sqrt(chance)).toBe(true);
      // The tally is the aggregate, as published.
      const tally = fileOf('surveyTallies').find((t) => t._id === round.id) as unknown as {
        counts: Record<string, Record<string, number>>;
      };
      expect(OPTIONS.map((o) => must(tally.counts.openAffairs, 'the openAffairs count')[o])).toEqual(counts);
      await w.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the voter secret is configuration', () => {
  test('the deployed function refuses every action without SURVEY_VOTER_SECRET, and works with it', async () => {
    const w = await world();
    const handle = createRouter(requireSecret(surveyActions));
    const call = () =>
      handle({ action: 'current', input: {} }, 'res-01', {
        store: w.store,
        clock: w.clock,
        ids: sequentialIds('s'),
      });
    const saved = process.env.SURVEY_VOTER_SECRET;
    try {
      delete process.env.SURVEY_VOTER_SECRET;
      expect(await call()).toMatchObject({
        ok: false,
        code: 'INTERNAL',
        message: '满意度测评尚未配置完成，请联系镇管理员',
      });
      process.env.SURVEY_VOTER_SECRET = 'short';
      expect(await call()).toMatchObject({ ok: false, code: 'INTERNAL' });
      process.env.SURVEY_VOTER_SECRET = 'a-secret-of-the-deployment-0123456789';
      expect(await call()).toMatchObject({ ok: true });
      // A key made under another secret is another key: the copy's keys are not recomputable.
      expect(voterKey('r', { kind: 'user', id: 'res-01' })).not.toBe(
        voterKey('r', { kind: 'user', id: 'res-01' }, 'another secret'),
      );
    } finally {
      if (saved === undefined) delete process.env.SURVEY_VOTER_SECRET;
      else process.env.SURVEY_VOTER_SECRET = saved;
    }
  });
});
