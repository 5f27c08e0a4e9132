import {
  fiveGoodGaps,
  rankDemonstration,
  type SurveyRound,
} from '../../cloudfunctions/assessment/domain/demonstration';
import type { Standard } from '../../cloudfunctions/common/contracts/assessment';
import { StandardInput } from '../../cloudfunctions/common/contracts/assessment';
import { wuqingStandard } from '../../cloudfunctions/local/seed-assessment';
import { FIVE_GOOD_INDICATORS } from '../../cloudfunctions/survey/domain/indicators';
import {
  copyToYear,
  emptyStandard,
  freshId,
  pointsOf,
  schemeProblems,
  standardProblems,
} from '../../src/features/assessment/standardForm';
import { at } from '../must';

const published = (year: number): Standard => ({
  ...StandardInput.parse(
    wuqingStandard(year, {
      selfAssessBy: `${year}-06-25`,
      submitBy: `${year}-06-30`,
      reportBy: `${year}-07-10`,
    }),
  ),
  id: `t.${year}.v1`,
  townId: 't',
  version: 1,
  schedule: { selfAssessBy: `${year}-06-25`, submitBy: `${year}-06-30`, reportBy: `${year}-07-10` },
  publishedAt: `${year}-03-01T00:00:00.000Z`,
});

describe('copying last year’s standard to a new year', () => {
  test('keeps sections, items (with their ids), bonus, vetoes and units; moves the dates', () => {
    const last = published(2026);
    const next = copyToYear(last, 2027);
    expect(next.year).toBe(2027);
    expect(next.title).toBe('2027 年度村级“清廉村居”建设指数标准');
    expect(next.schedule).toEqual({
      selfAssessBy: '2027-06-25',
      submitBy: '2027-06-30',
      reportBy: '2027-07-10',
    });
    expect(next.ledgerSince).toBe('2027-04');
    expect(next.sections.flatMap((s) => s.items.map((i) => i.id))).toEqual(
      last.sections.flatMap((s) => s.items.map((i) => i.id)),
    );
    expect(next.bonus).toEqual(last.bonus);
    expect(next.vetoes).toEqual(last.vetoes);
    expect(next.units).toEqual(last.units);
    // Auto-scored items keep their source.
    expect(at(at(next.sections, 2).items, 0).auto).toBe('disclosureTimeliness');
    // The copy is valid as it stands.
    expect(standardProblems(next)).toEqual([]);
    // …and is a copy: editing it leaves last year's alone.
    at(at(next.sections, 0).items, 0).maxPoints = 1;
    expect(at(at(last.sections, 0).items, 0).maxPoints).toBe(6);
  });
});

describe('validation messages say where the problem is', () => {
  test('an empty new standard names each missing field', () => {
    const f = emptyStandard(2027, 'baogou');
    const problems = standardProblems(f);
    expect(problems).toContain('第 1 部分的名称：名称至少 2 个字');
    expect(problems).toContain('第 1 部分第 1 项的名称：名称至少 2 个字');
  });

  test('points first, then the rules across fields (bonus cap, dates, duplicates)', () => {
    const f = copyToYear(published(2026), 2027);
    at(at(f.sections, 1).items, 0).maxPoints = pointsOf('abc');
    at(at(f.sections, 0).items, 1).maxPoints = pointsOf('7.3');
    f.bonus.cap = 0;
    f.schedule.submitBy = '2027-06-01';
    f.ledgerSince = '2026-12';
    f.vetoes.push({ ...at(f.vetoes, 0) });
    expect(standardProblems(f)).toEqual([
      '第 1 部分「班子清廉」第 2 项「村“两委”干部廉洁自律，无违纪违法」的分值：分值最小单位为 0.5 分',
      '第 2 部分「权力清源」第 1 项「公布小微权力清单和运行流程，按清单办事」的分值：分值必须是数字',
    ]);
    at(at(f.sections, 1).items, 0).maxPoints = 7;
    at(at(f.sections, 0).items, 1).maxPoints = 7.5;
    expect(standardProblems(f)).toEqual(
      expect.arrayContaining([
        '加分上限：设置了加分项时，加分上限必须大于 0',
        '报镇日期：报镇日期不能早于自评截止日期',
        '台账起始月份：监管台账起始月份应在 2027 年内',
        `第 4 个否决项的编号：否决项编号重复：${at(f.vetoes, 0).id}`,
      ]),
    );
  });

  test('full-width digits are read as points', () => {
    expect(pointsOf('８．5')).toBe(8.5);
    expect(pointsOf('')).toBeNaN();
  });

  test('fresh ids never collide with existing ones', () => {
    expect(freshId('item', ['item1', 'item2', 'item4'])).toBe('item3');
  });

  test('a tier scheme: 清廉村居 tiers are the upper ones, score lines differ, the veto tier does not count', () => {
    const ok = {
      id: 'x',
      name: '三类定级',
      tiers: [
        { key: 'a', label: '示范', minScore: 90, countsAsQinglian: true },
        { key: 'b', label: '创优', minScore: 80, countsAsQinglian: true },
        { key: 'c', label: '强基', minScore: 0, countsAsQinglian: false },
      ],
      vetoTier: 'c',
      targets: {},
    };
    expect(schemeProblems(ok)).toEqual([]);
    const bad = {
      ...ok,
      tiers: [
        { key: 'a', label: '示范', minScore: 90, countsAsQinglian: false },
        { key: 'b', label: '创优', minScore: 90, countsAsQinglian: true },
        { key: 'c', label: '强基', minScore: 0, countsAsQinglian: true },
      ],
    };
    expect(schemeProblems(bad)).toEqual(
      expect.arrayContaining([
        '第 2 档「创优」的分数线：「创优」与其他档次的分数线相同（90 分）',
        '否决项对应档次：否决项对应的档次不能认定为清廉村居',
      ]),
    );
    expect(schemeProblems(bad).some((p) => p.includes('不能认定为清廉村居') && p.startsWith('第 '))).toBe(
      true,
    );
  });
});

describe('示范点推荐: 五好 and no veto, ranked by score', () => {
  const met = (rate = 0.95): SurveyRound['indicators'] =>
    FIVE_GOOD_INDICATORS.map((i) => ({ indicatorId: i.id, name: i.name, approvalRate: rate, status: 'met' }));
  const round = (indicators = met(), closedYear = 2026): SurveyRound => ({
    periodKey: '2026-Q4',
    closedYear,
    indicators,
  });
  const v = (
    id: string,
    score: number | null,
    extra: Partial<Parameters<typeof rankDemonstration>[0][0]> = {},
  ) => ({
    villageId: id,
    villageName: id,
    state: 'confirmed',
    score,
    tierLabel: '示范村',
    confirmed: true,
    vetoes: [] as string[],
    ...extra,
  });

  test('only villages meeting all five indicators, without a veto and submitted, are ranked', () => {
    const oneLow = met();
    oneLow[2] = { ...at(oneLow, 2), approvalRate: 0.875, status: 'notMet' };
    const tooFew = met();
    tooFew[1] = { ...at(tooFew, 1), approvalRate: null, status: 'insufficient' };
    const rows = rankDemonstration(
      [
        v('a', 88),
        v('b', 96),
        v('c', 99, { vetoes: ['发生侵占、挪用集体“三资”问题'] }),
        v('d', 98),
        v('e', 97),
        v('f', 95, { state: 'draft' }),
        v('g', 94),
        v('h', 93),
      ],
      new Map([
        ['a', round()],
        ['b', round()],
        ['c', round()],
        ['d', round(oneLow)],
        ['e', round(tooFew)],
        ['f', round()],
        ['g', round(met(), 2025)],
      ]),
      2026,
      FIVE_GOOD_INDICATORS,
    );
    expect(rows.filter((r) => r.eligible).map((r) => [r.villageId, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    const why = Object.fromEntries(rows.map((r) => [r.villageId, r.reasons.join('；')]));
    expect(why.c).toContain('存在否决项');
    expect(why.d).toBe(`${at(FIVE_GOOD_INDICATORS, 2).name} 87.5%，未达 90%`);
    expect(why.e).toBe(`${at(FIVE_GOOD_INDICATORS, 1).name}参与人数不足，结果无效`);
    expect(why.f).toBe('尚未提交自评');
    expect(why.g).toContain('2026 年度没有已结束的满意度测评');
    expect(why.h).toContain('暂无满意度测评结果');
    expect(why.b).toContain('五项满意率均不低于 90%');
    // Exactly 90% meets the 五好.
    expect(
      at(rankDemonstration([v('x', 80)], new Map([['x', round(met(0.9))]]), 2026, FIVE_GOOD_INDICATORS), 0)
        .eligible,
    ).toBe(true);
  });

  test('an eligible village names its round in Chinese', () => {
    const c = at(
      rankDemonstration([v('x', 80)], new Map([['x', round(met(0.9))]]), 2026, FIVE_GOOD_INDICATORS),
      0,
      'a ranked village',
    );
    expect(c.eligible).toBe(true);
    expect(c.reasons.join('')).not.toMatch(/Q[1-4]|\d{4}-\d{2}/);
  });
});

test('a round of another year is named in Chinese, never by its period key', () => {
  const gaps = fiveGoodGaps(
    { periodKey: '2025-Q4', closedYear: 2025, indicators: [] },
    2026,
    FIVE_GOOD_INDICATORS,
  );
  expect(gaps).toEqual(['2026 年度没有已结束的满意度测评（最近一次为2025年第四季度），无法认定“五好”']);
  expect(gaps.join('')).not.toMatch(/Q[1-4]|\d{4}-/);
});
