import {
  FIVE_GOOD_INDICATORS,
  checkAnswers,
  indicatorsFor,
  type Answers,
} from '../../cloudfunctions/survey/domain/indicators';
import { summarize, wilsonInterval } from '../../cloudfunctions/survey/domain/stats';
import {
  addBallot,
  compareTallies,
  emptyTally,
  outcomes,
  recount,
  recountStatement,
} from '../../cloudfunctions/survey/domain/tally';
import { surveyPeriodLabel, surveyPeriodSortKey } from '../../cloudfunctions/survey/domain/periods';

describe('Wilson score interval', () => {
  // Newcombe RG (1998), Two-sided confidence intervals for the single proportion: comparison
  // of seven methods. Stat Med 17:857-872, Table II, method 3 (score, no continuity correction).
  const NEWCOMBE: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1.0],
  ];
  test.each(NEWCOMBE)('%i/%i matches the published limits', (r, n, lower, upper) => {
    const ci = wilsonInterval(r, n)!;
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  test('no answers give no interval; impossible counts are refused', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
  });

  test('the interval is not symmetric near 100%, unlike the Wald interval', () => {
    const ci = wilsonInterval(19, 20)!;
    expect(ci.upper).toBeLessThanOrEqual(1);
    expect(0.95 - ci.lower).toBeGreaterThan(ci.upper - 0.95);
  });
});

describe('status against 90%', () => {
  test('below the minimum group size nothing is shown and the status is 样本不足', () => {
    const s = summarize(4, 4, 0.9, 5);
    expect(s).toMatchObject({ approvalRate: null, interval: null, status: 'insufficient' });
    expect(s.statement).toContain('少于 5 人');
  });

  test('a rate of 91.7% from 12 answers is 达标 but the statement says the interval straddles 90%', () => {
    const s = summarize(11, 12, 0.9, 5);
    expect(s.status).toBe('met');
    expect(s.approvalRate).toBeCloseTo(11 / 12);
    expect(s.interval!.lower).toBeLessThan(0.9);
    expect(s.statement).toContain('跨越 90.0%');
    expect(s.statement).toContain('还不能确定');
  });

  test('exactly 90% is 达标 (the standard says 不低于 90%)', () => {
    expect(summarize(90, 100, 0.9, 5).status).toBe('met');
    expect(summarize(89, 100, 0.9, 5).status).toBe('notMet');
  });

  test('a large sample clearly above or below 90% says so plainly', () => {
    const high = summarize(970, 1000, 0.9, 5);
    expect(high.interval!.lower).toBeGreaterThan(0.9);
    expect(high.statement).toContain('可以确定达到要求');
    const low = summarize(700, 1000, 0.9, 5);
    expect(low.status).toBe('notMet');
    expect(low.statement).toContain('可以确定没有达到要求');
  });
});

describe('indicators', () => {
  test('the five indicators of seed 001, each at 90%', () => {
    expect(FIVE_GOOD_INDICATORS.map((i) => i.name)).toEqual([
      '党员先进性认同率',
      '干部廉洁履职满意率',
      '三务公开满意率',
      '村监委监督满意率',
      '事业和谐发展满意率',
    ]);
    expect(FIVE_GOOD_INDICATORS.every((i) => i.threshold === 0.9)).toBe(true);
  });

  test('representatives answer 干部廉洁履职满意率; residents the other four; nobody rates their own work', () => {
    const names = (roles: Parameters<typeof indicatorsFor>[1]) =>
      indicatorsFor(FIVE_GOOD_INDICATORS, roles).map((i) => i.name);
    expect(names(['resident'])).toEqual([
      '党员先进性认同率',
      '三务公开满意率',
      '村监委监督满意率',
      '事业和谐发展满意率',
    ]);
    expect(names(['representative'])).toEqual(['干部廉洁履职满意率']);
    expect(names(['resident', 'representative'])).toHaveLength(5);
    expect(names(['resident', 'supervisor'])).not.toContain('村监委监督满意率');
    expect(names(['cadre'])).toEqual([]);
  });

  test('who answers follows the seed: 群众 rate party members, non-cadre representatives rate the cadres', () => {
    const ids = (roles: Parameters<typeof indicatorsFor>[1]) =>
      indicatorsFor(FIVE_GOOD_INDICATORS, roles).map((i) => i.id);
    // 群众对党员先进性认同率: party members and cadres do not rate themselves.
    expect(ids(['resident', 'partyMember'])).toEqual(['openAffairs', 'supervision', 'harmony']);
    expect(ids(['resident', 'cadre'])).toEqual([]);
    // 村民代表对干部廉洁履职满意率: a representative who is a cadre does not rate the cadres.
    expect(ids(['representative', 'cadre'])).toEqual([]);
    // A party member is a villager too: they answer as a resident, skipping only the party.
    expect(ids(['representative', 'partyMember'])).toEqual([
      'cadreIntegrity',
      'openAffairs',
      'supervision',
      'harmony',
    ]);
    // Roster rows marked only 外出务工 or only 党员 are residents (migrants are 群众 too).
    expect(ids(['migrant'])).toEqual(['partyVanguard', 'openAffairs', 'supervision', 'harmony']);
    expect(ids(['partyMember'])).toEqual(['openAffairs', 'supervision', 'harmony']);
    // 村监委监督: neither the supervisors nor the cadres they supervise rate the supervision.
    expect(ids(['resident', 'supervisor'])).toEqual(['partyVanguard', 'openAffairs', 'harmony']);
    expect(ids(['resident', 'partyMember', 'supervisor'])).toEqual(['openAffairs', 'harmony']);
    expect(ids(['resident', 'migrant'])).toEqual(['partyVanguard', 'openAffairs', 'supervision', 'harmony']);
  });

  test('a ballot must answer every allowed question with one of its options, and nothing else', () => {
    const allowed = indicatorsFor(FIVE_GOOD_INDICATORS, ['resident']);
    const full = {
      partyVanguard: 'agree',
      openAffairs: 'satisfied',
      supervision: 'fairly',
      harmony: 'dissatisfied',
    };
    expect(checkAnswers(allowed, full)).toBeNull();
    expect(checkAnswers(allowed, { ...full, harmony: undefined as unknown as string })).toContain('请回答');
    expect(checkAnswers(allowed, { ...full, openAffairs: 'agree' })).toContain('选项无效');
    expect(checkAnswers(allowed, { ...full, cadreIntegrity: 'satisfied' })).toContain('不需要回答');
  });
});

describe('tallies', () => {
  test('a recount of the ballots equals the incremental tally, and differences are listed', () => {
    const ballots: Answers[] = [
      { openAffairs: 'satisfied', harmony: 'fairly' },
      { openAffairs: 'dissatisfied', harmony: 'fairly' },
      { openAffairs: 'satisfied' },
    ];
    const kept = emptyTally(FIVE_GOOD_INDICATORS);
    for (const b of ballots) addBallot(kept, b);
    const again = recount(FIVE_GOOD_INDICATORS, ballots);
    expect(compareTallies(kept, again)).toEqual([]);
    kept.counts.openAffairs.satisfied += 1;
    kept.ballots += 1;
    expect(compareTallies(kept, again)).toEqual([
      { field: 'ballots', kept: 4, recounted: 3 },
      { field: 'openAffairs.satisfied', kept: 3, recounted: 2 },
    ]);
  });

  test('results: approval counts 满意 and 基本满意, response rate against the eligible roster', () => {
    const t = emptyTally(FIVE_GOOD_INDICATORS);
    for (let i = 0; i < 8; i++) addBallot(t, { openAffairs: 'satisfied' });
    addBallot(t, { openAffairs: 'fairly' });
    addBallot(t, { openAffairs: 'dissatisfied' });
    const out = outcomes(FIVE_GOOD_INDICATORS, { openAffairs: 20 }, t, 5);
    const oa = out.find((o) => o.indicatorId === 'openAffairs')!;
    expect(oa).toMatchObject({
      answers: 10,
      approvals: 9,
      approvalRate: 0.9,
      responseRate: 0.5,
      status: 'met',
    });
    const party = out.find((o) => o.indicatorId === 'partyVanguard')!;
    expect(party).toMatchObject({ answers: 0, approvalRate: null, status: 'insufficient' });
    expect(party.options.every((o) => o.count === null)).toBe(true);
  });
});

test('survey periods read in Chinese and sort in time', () => {
  expect(surveyPeriodLabel('2025-Q4')).toBe('2025年第四季度');
  expect(surveyPeriodLabel('2025-10')).toBe('2025年10月');
  expect(surveyPeriodLabel('2025')).toBe('2025年度');
  const sorted = ['2026-Q1', '2025', '2025-Q4', '2025-11', '2025-12'].sort((a, b) =>
    surveyPeriodSortKey(a) < surveyPeriodSortKey(b) ? -1 : 1,
  );
  expect(sorted).toEqual(['2025-11', '2025-12', '2025-Q4', '2025', '2026-Q1']);
});

describe('recount statement', () => {
  const base = { kept: 10, recounted: 10, ledger: 10, tallyDiffers: false, open: false, repaired: false };

  test('all three agree: consistent', () => {
    expect(recountStatement(base)).toEqual({
      lost: 0,
      consistent: true,
      statement: '核对一致：计票 10 份，答卷 10 份，投票登记 10 人。',
    });
  });

  test('ledger entries without a sheet are reported plainly as lost ballots, without saying whose', () => {
    const closed = recountStatement({ ...base, kept: 8, recounted: 8 });
    expect(closed.lost).toBe(2);
    expect(closed.consistent).toBe(false);
    expect(closed.statement).toContain('有 2 张选票在写入时中断而丢失');
    expect(closed.statement).toContain('无法查出是哪几位');
    expect(closed.statement).not.toContain('正在提交');
    // While open a ballot in flight also shows as a difference: the statement says so.
    expect(recountStatement({ ...base, recounted: 9, kept: 9, open: true }).statement).toContain(
      '正在提交的选票也会暂时算在差额里',
    );
  });

  test('more sheets than ledger entries, and a tally that differs, are named too', () => {
    expect(recountStatement({ ...base, recounted: 11 }).statement).toContain('答卷比投票登记多 1 份');
    expect(recountStatement({ ...base, kept: 12, tallyDiffers: true, repaired: true }).statement).toContain(
      '已按答卷重新计票',
    );
  });
});
