import {
  FIVE_GOOD_INDICATORS,
  checkAnswers,
  indicatorsFor,
  type Answers,
} from '../../cloudfunctions/survey/domain/indicators';
import { statusLabel, summarize, wilsonInterval } from '../../cloudfunctions/survey/domain/stats';
import {
  addBallot,
  compareTallies,
  emptyTally,
  outcomes,
  recount,
  recountStatement,
} from '../../cloudfunctions/survey/domain/tally';
import {
  periodsOverlap,
  roundPeriodProblem,
  surveyPeriodLabel,
  surveyPeriodSortKey,
  surveyPeriodSpan,
} from '../../cloudfunctions/survey/domain/periods';
import { must } from '../must';

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
    const openAffairs = must(kept.counts.openAffairs, 'the openAffairs count');
    openAffairs.satisfied = must(openAffairs.satisfied, 'the satisfied count') + 1;
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

describe('round periods', () => {
  test('a round describes a month, quarter or year that has begun and ended at most a year ago', () => {
    const today = '2026-11-23';
    expect(roundPeriodProblem('2026-Q4', today)).toBeNull();
    expect(roundPeriodProblem('2026-11', today)).toBeNull();
    expect(roundPeriodProblem('2026', today)).toBeNull();
    expect(roundPeriodProblem('2025', today)).toBeNull();
    expect(roundPeriodProblem('2025-12', today)).toBeNull();
    expect(roundPeriodProblem('9999', today)).toBe('9999年度还没有开始，只能为已经开始的期间开启测评');
    expect(roundPeriodProblem('2026-12', today)).toContain('还没有开始');
    expect(roundPeriodProblem('2027-Q1', today)).toContain('还没有开始');
    expect(roundPeriodProblem('2025-10', today)).toBe('2025年10月已经结束一年以上，不能再开启测评');
    expect(roundPeriodProblem('2025-13', today)).toBe('测评期间应为某月、某季度或某年');
    // The first day of a period is enough; a leap day's year-ago is 28 February.
    expect(roundPeriodProblem('2026-12', '2026-12-01')).toBeNull();
    expect(roundPeriodProblem('2027-02', '2028-02-29')).toBeNull();
  });

  test('spans and overlaps', () => {
    expect(surveyPeriodSpan('2024-Q1')).toEqual({ first: '2024-01-01', last: '2024-03-31' });
    expect(surveyPeriodSpan('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(surveyPeriodSpan('2026')).toEqual({ first: '2026-01-01', last: '2026-12-31' });
    expect(periodsOverlap('2026-08', '2026-Q3')).toBe(true);
    expect(periodsOverlap('2026-Q3', '2026')).toBe(true);
    expect(periodsOverlap('2025-Q4', '2026')).toBe(false);
  });
});

describe('results in plain words', () => {
  test('never 达标 where the answers cannot yet tell; the villager reads rate, answers and verdict', () => {
    const unsure = summarize(11, 12, 0.9, 5);
    expect(unsure.certainty).toBe('uncertain');
    expect(statusLabel(unsure.status, unsure.certainty)).toBe('还说不准');
    expect(unsure.plain).toBe(
      '12 人回答，91.7% 满意或认同。要求是 90%，回答的人还不够多，现在还说不准全村是不是到了这个要求。',
    );
    const met = summarize(199, 200, 0.9, 5);
    expect([met.certainty, statusLabel(met.status, met.certainty)]).toEqual(['certain', '达标']);
    expect(met.plain).toBe('200 人回答，99.5% 满意或认同。要求是 90%，达到了。');
    const notMet = summarize(50, 100, 0.9, 5);
    expect(statusLabel(notMet.status, notMet.certainty)).toBe('未达标');
    expect(notMet.plain).toBe('100 人回答，50% 满意或认同。要求是 90%，没有达到。');
    const few = summarize(3, 3, 0.9, 5);
    expect(statusLabel(few.status, few.certainty)).toBe('人数太少');
    expect(few.plain).toBe('回答的人少于 5 人。为保护答题的人，这一项不公布结果。');
    for (const s of [unsure, met, notMet, few]) expect(s.plain).not.toMatch(/置信|区间/);
  });
});
