import { productSources } from '../../cloudfunctions/assessment/ports';
import { sheetsOf, standardsOf } from '../../cloudfunctions/assessment/store';
import type { AuditRecord, SheetView, Standard } from '../../cloudfunctions/common/contracts/assessment';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { wuqingStandard } from '../../cloudfunctions/local/seed-assessment';
import { FIVE_GOOD_INDICATORS, type Answers } from '../../cloudfunctions/survey/domain/indicators';
import { recount } from '../../cloudfunctions/survey/domain/tally';
import { roundsOf, talliesOf } from '../../cloudfunctions/survey/store';
import { latestSurveyResults, type RoundResults } from '../../cloudfunctions/survey/public';
import { fiveGoodRound } from '../five-good';
import { ASSESSMENT_NOW, assessmentWorld, entry } from './assessment-world';
import { at } from '../must';

const NOW = ASSESSMENT_NOW;
const setup = assessmentWorld;

/** A closed round of the 五好 survey where `below` indicators stay under 90%. */
const surveyRound = (villageId: string, below: number) =>
  fiveGoodRound(
    FIVE_GOOD_INDICATORS.map((_, n) => (n < below ? 0.8 : 0.95)),
    villageId,
    '2026-10-10T02:00:00.000Z',
  );

const FILL = [
  { kind: 'item', id: 'culture_activity', score: 6 },
  { kind: 'item', id: 'supervise_petition', score: 5 },
];

describe('auto-scored items are overridden only with a reason', () => {
  test('a score equal to the data follows the data when it changes later', async () => {
    let below = 0;
    const { data } = await setup({
      sources: { ...productSources, survey: async (_s, id) => surveyRound(id, below) },
    });
    const first = await data<SheetView>('dev-cadre', 'saveSelf', {
      entries: [...FILL, { kind: 'item', id: 'supervise_satisfaction', score: 7 }],
    });
    expect(entry(first, 'supervise_satisfaction').auto!.points).toBe(7);
    // Typing the system's value is not an override: the item keeps following the data.
    expect(entry(first, 'supervise_satisfaction').self.score).toBeNull();
    const { records } = await data<{ records: AuditRecord[] }>('dev-cadre', 'history');
    expect(records.find((r) => r.target === '五项满意率均不低于 90%')!.after).toBe('采用系统计分（7 分）');

    below = 2; // a new round: two indicators under 90% -> 3 of 5 -> 4 points
    const submitted = await data<SheetView>('dev-cadre', 'submit');
    const e = entry(submitted, 'supervise_satisfaction');
    expect(e.auto!.points).toBe(4);
    expect(e.effective.score).toBe(4);
    // Nothing on the submitted sheet differs from the data without a reason.
    for (const x of submitted.entries.filter((y) => y.auto && y.auto.points !== null)) {
      if (x.self.score !== null && x.self.score !== x.auto!.points) expect(x.self.reason).not.toBe('');
    }
  });

  test('a hand score kept with its reason stays as given when the data changes', async () => {
    let round: RoundResults = surveyRound('v-dongling', 2); // 3 of 5 -> 4 points
    const { as, data } = await setup({
      sources: { ...productSources, survey: async () => round },
    });
    const saved = await data<SheetView>('dev-cadre', 'saveSelf', {
      entries: [
        ...FILL,
        { kind: 'item', id: 'supervise_satisfaction', score: 5, reason: '两个村民小组未参加测评' },
      ],
    });
    expect(entry(saved, 'supervise_satisfaction').auto!.points).toBe(4);

    round = surveyRound('v-dongling', 0); // 7 points now: the hand score is below the data
    // Clearing the reason is refused: the score differs from the data.
    expect(
      await as('dev-cadre')('saveSelf', {
        entries: [{ kind: 'item', id: 'supervise_satisfaction', score: 5, reason: '' }],
      }),
    ).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    const ok = await data<SheetView>('dev-cadre', 'submit');
    expect(ok.state).toBe('submitted');
    expect(entry(ok, 'supervise_satisfaction')).toMatchObject({
      effective: { score: 5 },
      auto: { points: 7 },
      self: { reason: '两个村民小组未参加测评' },
    });
  });
});

describe('a sheet is scored by the version of the standard it was made with', () => {
  const std2027 = () => ({ ...wuqingStandard(2027), title: '2027 年度村级“清廉村居”建设指数标准' });

  test('a draft moves to a newer version with a notice; a submitted sheet never changes', async () => {
    const { store, data } = await setup();
    await data<Standard>('dev-town', 'saveStandard', std2027());
    const v1 = await data<SheetView>('dev-cadre', 'saveSelf', {
      year: 2027,
      entries: [{ kind: 'item', id: 'team_decide', score: 6 }],
    });
    expect(v1).toMatchObject({ standard: { version: 1 }, standardNotice: null });

    // The town changes the draft's standard (allowed: nothing submitted yet).
    const edited = std2027();
    at(at(edited.sections, 0).items, 0).maxPoints = 8; // team_decide: 6 -> 8
    expect((await data<Standard>('dev-town', 'saveStandard', edited)).version).toBe(2);

    const opened = await data<SheetView>('dev-cadre', 'sheet', { year: 2027 });
    expect(opened.standard.version).toBe(2);
    expect(entry(opened, 'team_decide')).toMatchObject({ maxPoints: 8, self: { score: 6 } });
    expect(opened.standardNotice).toEqual(expect.stringContaining('第 2 版'));
    expect(opened.standardNotice).toEqual(expect.stringContaining('落实“四议两公开”'));

    // The next write moves the stored sheet and records it; the notice stays until submission.
    const moved = await data<SheetView>('dev-cadre', 'saveSelf', {
      year: 2027,
      entries: [{ kind: 'item', id: 'team_decide', score: 7.5 }],
    });
    expect(moved.standardNotice).toEqual(expect.stringContaining('第 2 版'));
    expect(await sheetsOf(store).get('v-dongling.2027')).toMatchObject({ standardVersion: 2 });
    const { records } = await data<{ records: AuditRecord[] }>('dev-cadre', 'history', { year: 2027 });
    expect(records.map((r) => r.action)).toContain('改用新版测评标准');

    // Fill and submit on version 2.
    const all = moved.entries
      .filter((e) => e.kind === 'item' && e.effective.score === null)
      .map((e) => ({ kind: 'item', id: e.id, score: 1 }));
    await data('dev-cadre', 'saveSelf', { year: 2027, entries: all });
    const submitted = await data<SheetView>('dev-cadre', 'submit', { year: 2027 });
    expect(submitted).toMatchObject({ state: 'submitted', standard: { version: 2 }, standardNotice: null });

    // A later version (as a publication racing the submission would leave it) does not touch it.
    const v2 = (await standardsOf(store).get('town-qinghe.2027.v2'))!;
    const sections = v2.sections.map((s, i) =>
      i === 0 ? { ...s, items: s.items.map((it, j) => (j === 0 ? { ...it, maxPoints: 3 } : it)) } : s,
    );
    await standardsOf(store).insert({ ...v2, _id: 'town-qinghe.2027.v3', version: 3, sections });
    for (const who of ['dev-cadre', 'dev-town']) {
      const later = await data<SheetView>(who, 'sheet', { villageId: 'v-dongling', year: 2027 });
      expect(later).toMatchObject({ standard: { version: 2 }, standardNotice: null });
      expect(entry(later, 'team_decide')).toMatchObject({ maxPoints: 8, effective: { score: 7.5 } });
      expect(later.totals.total).toBe(submitted.totals.total);
    }
    const confirmed = await data<SheetView>('dev-town', 'confirm', { villageId: 'v-dongling', year: 2027 });
    expect(confirmed.confirmed!.label).toBe(submitted.computedTier.label);
    expect(confirmed.totals.total).toBe(submitted.totals.total);
  });
});

describe('after the deadline the auto values are those of the deadline', () => {
  test('a survey round closed after the deadline does not change a returned sheet', async () => {
    const { store, data, clock } = await setup();
    const before = await data<SheetView>('dev-town', 'sheet', { villageId: 'v-nanwan' });
    const sat = entry(before, 'supervise_satisfaction').auto!;
    expect(sat.basis).toContain('2026年第三季度五好测评');

    clock.set('2026-12-02T02:00:00.000Z'); // the demo's deadline is 2026-11-30
    await data('dev-town', 'reopen', { villageId: 'v-nanwan', reason: '请补充档案照片' });
    // 南湾村 closes a fourth-quarter round on December 1st, every indicator approved.
    const ballots: Answers[] = Array.from({ length: 30 }, () =>
      Object.fromEntries(FIVE_GOOD_INDICATORS.map((i) => [i.id, i.options.find((o) => o.approves)!.key])),
    );
    const roundId = 'v-nanwan:2026-Q4';
    await talliesOf(store).insert({
      _id: roundId,
      roundId,
      ...recount(FIVE_GOOD_INDICATORS, ballots),
      closed: true,
    });
    await roundsOf(store).insert({
      _id: roundId,
      villageId: 'v-nanwan',
      townId: 'town-qinghe',
      periodKey: '2026-Q4',
      status: 'closed',
      indicators: FIVE_GOOD_INDICATORS,
      eligible: Object.fromEntries(FIVE_GOOD_INDICATORS.map((i) => [i.id, 40])),
      eligibleVoters: 40,
      minGroup: 5,
      openedAt: '2026-11-20T02:00:00.000Z',
      openedBy: 'seed',
      closedAt: '2026-12-01T02:00:00.000Z',
      closedBy: 'seed',
    });

    const after = await data<SheetView>('seed-cadre-v-nanwan', 'sheet');
    expect(after.state).toBe('draft');
    const a = entry(after, 'supervise_satisfaction').auto!;
    expect(a).toMatchObject({ points: sat.points, basis: sat.basis });
    expect(entry(after, 'affairs_timely').auto!.points).toBe(entry(before, 'affairs_timely').auto!.points);
    // Measured as of the end of the deadline day, China time.
    expect(a.asOf).toBe('2026-11-30T15:59:59.999Z');
    const resubmitted = await data<SheetView>('seed-cadre-v-nanwan', 'submit');
    expect(entry(resubmitted, 'supervise_satisfaction').effective.score).toBe(sat.points);
  });
});

describe('no change goes unrecorded', () => {
  test('an audit write that fails is made good by the retry, once', async () => {
    const { as, data, failAuditOnce } = await setup();
    const save = { entries: [{ kind: 'item', id: 'culture_activity', score: 6, note: '廉洁文化墙' }] };
    failAuditOnce();
    expect(await as('dev-cadre')('saveSelf', save)).toMatchObject({ ok: false });
    await data('dev-cadre', 'saveSelf', save); // the client's retry
    await data('dev-cadre', 'saveSelf', { entries: [{ kind: 'item', id: 'supervise_petition', score: 5 }] });
    failAuditOnce();
    expect(await as('dev-cadre')('submit')).toMatchObject({ ok: false });
    await data('dev-cadre', 'submit');
    failAuditOnce();
    const review = {
      villageId: 'v-dongling',
      entries: [{ kind: 'item', id: 'culture_activity', score: 5, comment: '活动记录只有 2 次' }],
    };
    expect(await as('dev-town')('review', review)).toMatchObject({ ok: false });
    await data('dev-town', 'review', review);

    const { records } = await data<{ records: AuditRecord[] }>('dev-cadre', 'history');
    const mine = records.filter((r) => r.at >= NOW);
    expect(mine.map((r) => [r.action, r.target])).toEqual([
      ['自评', '廉洁文化阵地和活动'],
      ['自评', '无集体上访、重复越级上访'],
      ['提交自评', '评分表'],
      ['审核', '廉洁文化阵地和活动'],
    ]);
    expect(at(mine, 0).after).toContain('6 分');
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });

  test('a change whose audit write failed shows in the history before any retry', async () => {
    const { as, data, failAuditOnce } = await setup();
    failAuditOnce();
    await as('dev-cadre')('saveSelf', { entries: [{ kind: 'item', id: 'culture_activity', score: 6 }] });
    const { records } = await data<{ records: AuditRecord[] }>('dev-cadre', 'history');
    expect(records.filter((r) => r.at >= NOW).map((r) => r.target)).toEqual(['廉洁文化阵地和活动']);
  });
});

describe('survey results read in batches for the 示范点 list', () => {
  test('the same rounds as one village at a time, and "as of" a date picks the latest closed by then', async () => {
    const store = nedbStore();
    const ids = Array.from({ length: 230 }, (_, i) => `v${i}`);
    const tally = recount(FIVE_GOOD_INDICATORS, []);
    const rounds: [string, string, string][] = [];
    for (const [i, villageId] of ids.entries()) {
      if (i % 10 === 9) continue; // no survey yet
      rounds.push([villageId, '2026-Q2', '2026-07-05T02:00:00.000Z']);
      if (i % 3 === 0) rounds.push([villageId, '2026-Q3', '2026-10-08T02:00:00.000Z']);
      if (i % 4 === 0) rounds.push([villageId, '2026-Q4', '2027-01-06T02:00:00.000Z']);
    }
    for (const [villageId, periodKey, closedAt] of rounds) {
      const _id = `${villageId}:${periodKey}`;
      await talliesOf(store).insert({ _id, roundId: _id, ...tally, closed: true });
      await roundsOf(store).insert({
        _id,
        villageId,
        townId: 't',
        periodKey,
        status: 'closed',
        indicators: FIVE_GOOD_INDICATORS,
        eligible: {},
        eligibleVoters: 0,
        minGroup: 5,
        openedAt: closedAt,
        openedBy: 'x',
        closedAt,
        closedBy: 'x',
      });
    }
    for (const asOf of [undefined, '2026-12-31T15:59:59.999Z']) {
      const batched = await latestSurveyResults(store, ids, asOf);
      const one = await Promise.all(ids.map((id) => latestSurveyResults(store, [id], asOf)));
      expect(ids.map((id) => batched.get(id) ?? null)).toEqual(one.map((m, i) => m.get(at(ids, i)) ?? null));
      expect(batched.size).toBe(207);
      const expected = (i: number) =>
        i % 4 === 0 && !asOf ? '2026-Q4' : i % 3 === 0 ? '2026-Q3' : '2026-Q2';
      expect(batched.get('v12')!.periodKey).toBe(expected(12));
      expect(batched.get('v8')!.periodKey).toBe(expected(8));
      expect(batched.get('v3')!.periodKey).toBe(expected(3));
    }
  });
});
