import {
  computeTotals,
  countAgainstTargets,
  isBelow,
  qinglianTarget,
  tierFor,
  villageTarget,
  type ScoringScheme,
  type ScoringStandard,
} from '../../cloudfunctions/assessment/domain/scoring';
import {
  publicationPoints,
  satisfactionPoints,
  timelinessPoints,
  weighedMonths,
} from '../../cloudfunctions/assessment/domain/auto';
import { evaluateCadence } from '../../cloudfunctions/disclosure/domain/cadence';
import { FIVE_GOOD_INDICATORS } from '../../cloudfunctions/survey/domain/indicators';
import { ledgerMarks, ledgerState, monthsDue } from '../../cloudfunctions/assessment/domain/ledger';
import { SchemeInput } from '../../cloudfunctions/common/contracts/assessment';
import { BAOGOU_SCHEME } from '../../cloudfunctions/local/seed-assessment';
import { fiveGoodIndicators } from '../five-good';

/** 鲍沟镇's four tiers (seed 000) with the demo's score lines 90 / 80 / 70. */
const scheme: ScoringScheme = SchemeInput.parse(BAOGOU_SCHEME);

const standard: ScoringStandard = {
  sections: [
    { id: 'banzi', title: '班子清廉', items: [{ id: 'a', maxPoints: 50 }] },
    { id: 'jiandu', title: '监督清晰', items: [{ id: 'b', maxPoints: 50 }] },
  ],
  bonus: {
    cap: 5,
    items: [
      { id: 'x', maxPoints: 3 },
      { id: 'y', maxPoints: 3 },
      { id: 'z', maxPoints: 2 },
    ],
  },
  vetoes: [{ id: 'v1', title: '发生侵占、挪用集体“三资”问题' }],
};

const totalsOf = (a: number, b: number, bonus: Record<string, number> = {}, veto = false) =>
  computeTotals(standard, { items: { a, b }, bonus, vetoes: { v1: veto } });

describe('totals of a score sheet', () => {
  test('bonus counts up to its cap and never beyond', () => {
    const t = totalsOf(40, 40, { x: 3, y: 3, z: 2 });
    expect(t.bonusClaimed).toBe(8);
    expect(t.bonus).toBe(5);
    expect(t.total).toBe(85);
    expect(totalsOf(40, 40, { x: 3 }).total).toBe(83);
  });

  test("a score above an item's maximum counts as the maximum", () => {
    expect(totalsOf(60, 40).base).toBe(90);
  });

  test('items without a score are counted as missing, not as zero points silently', () => {
    const t = computeTotals(standard, { items: { a: 45 }, bonus: {}, vetoes: {} });
    expect(t.missing).toBe(1);
    expect(t.base).toBe(45);
    expect(t.sections.map((s) => s.points)).toEqual([45, 0]);
  });
});

describe('tiers (seed 000: 示范村, 达标村, 提升村 are 清廉村居; 促进村 is not)', () => {
  test.each([
    [100, '示范村', true],
    [90, '示范村', true],
    [89.5, '达标村', true],
    [80, '达标村', true],
    [70, '提升村', true],
    [69.5, '促进村', false],
    [0, '促进村', false],
  ])('a total of %p is %s', (total, label, qinglian) => {
    const r = tierFor(scheme, { total: total as number, vetoes: [] });
    expect(r.label).toBe(label);
    expect(r.qinglian).toBe(qinglian);
  });

  test('a veto blocks 清廉村居 whatever the score', () => {
    const t = totalsOf(50, 50, { x: 3, y: 3 }, true);
    expect(t.total).toBe(105);
    const r = tierFor(scheme, t);
    expect(r.label).toBe('促进村');
    expect(r.qinglian).toBe(false);
    expect(r.why).toContain('否决项');
  });

  test('with a scheme that gives no tier on a veto, the village is left ungraded', () => {
    const r = tierFor({ ...scheme, vetoTier: null }, { total: 99, vetoes: ['x'] });
    expect(r).toMatchObject({ key: null, label: '不定级', qinglian: false });
  });
});

describe('targets (2024: 7/33/13/13 of 66; 2025: 10/43/13 and every 促进村 of 2024 reaches 提升村)', () => {
  test('2024 counts compare with the plan', () => {
    const villages = [
      ...Array.from({ length: 7 }, () => ({ tier: 'exemplary', confirmed: true })),
      ...Array.from({ length: 30 }, () => ({ tier: 'qualified', confirmed: true })),
      ...Array.from({ length: 3 }, () => ({ tier: 'qualified', confirmed: false })),
      ...Array.from({ length: 13 }, () => ({ tier: 'improving', confirmed: true })),
      ...Array.from({ length: 13 }, () => ({ tier: 'developing', confirmed: true })),
    ];
    const rows = countAgainstTargets(scheme, 2024, villages);
    expect(rows.map((r) => [r.label, r.confirmed, r.projected, r.target])).toEqual([
      ['示范村', 7, 7, 7],
      ['达标村', 30, 33, 33],
      ['提升村', 13, 13, 13],
      ['促进村', 13, 13, 13],
    ]);
    expect(qinglianTarget(scheme, 2024)).toBe(53);
    expect(qinglianTarget(scheme, 2025)).toBe(66);
  });

  test('a 促进村 of 2024 must reach 提升村 in 2025; a 示范村 of 2024 must stay 示范村', () => {
    expect(villageTarget(scheme, 2025, 'developing')).toBe('improving');
    expect(villageTarget(scheme, 2025, 'exemplary')).toBe('exemplary');
    expect(villageTarget(scheme, 2025, null)).toBe('improving');
    expect(villageTarget(scheme, 2024, 'developing')).toBeNull();
    expect(isBelow(scheme, 'developing', 'improving')).toBe(true);
    expect(isBelow(scheme, 'improving', 'improving')).toBe(false);
    expect(isBelow(scheme, null, 'improving')).toBe(true);
  });
});

describe('auto-scored items', () => {
  const FIVE = FIVE_GOOD_INDICATORS.map((i) => ({ id: i.id, name: i.name }));
  const NO_ISO = /\d{4}-\d{2}|Q[1-4]/;

  test('disclosure timeliness: on-time periods over periods due, as the disclosure cadence reads them', () => {
    const c = evaluateCadence({
      trackingSince: '2026-01',
      window: { from: '2026-01', to: '2026-06' },
      today: '2026-07-20',
      published: [
        { category: 'finance', periodKey: '2026-01', major: false, firstPublishedOn: '2026-02-03' },
        { category: 'finance', periodKey: '2026-02', major: false, firstPublishedOn: '2026-03-10' },
        { category: 'finance', periodKey: '2026-03', major: false, firstPublishedOn: '2026-04-11' }, // late
        { category: 'finance', periodKey: '2026-04', major: false, firstPublishedOn: '2026-05-02' },
        { category: 'finance', periodKey: '2026-05', major: false, firstPublishedOn: '2026-06-01' },
        // 2026-06 finance missing
        { category: 'affairs', periodKey: '2026-Q1', major: false, firstPublishedOn: '2026-04-05' },
        { category: 'affairs', periodKey: '2026-05', major: false, firstPublishedOn: '2026-06-01' }, // counts for Q2
        { category: 'party', periodKey: '2026-Q1', major: false, firstPublishedOn: '2026-04-05' },
        { category: 'party', periodKey: '2026-Q2', major: false, firstPublishedOn: '2026-07-15' }, // late
      ],
    });
    expect(c.counts).toEqual({ due: 10, onTime: 7, late: 2, missing: 1 });
    const t = timelinessPoints(10, c);
    expect(t.points).toBe(7);
    expect(t.basis).toBe(
      '2026年1月至6月应公开 10 期（财务每月，村务、党务每季度），按时公开 7 期，逾期公开 2 期（2026年3月财务公开、2026年第二季度党务公开），未公开 1 期（2026年6月财务公开）',
    );
  });

  test('a major matter never stands in for the quarter’s routine disclosure', () => {
    const c = evaluateCadence({
      trackingSince: '2026-07',
      window: { from: '2026-07', to: '2026-09' },
      today: '2026-10-20',
      published: [
        { category: 'affairs', periodKey: '2026-07', major: true, firstPublishedOn: '2026-07-28' },
        { category: 'party', periodKey: '2026-Q3', major: false, firstPublishedOn: '2026-10-03' },
      ],
    });
    expect(c.periods.find((p) => p.category === 'affairs')).toMatchObject({ state: 'missing' });
    expect(timelinessPoints(10, c).basis).toContain(
      '未公开 4 期（2026年7月财务公开、2026年8月财务公开、2026年第三季度村务公开等 4 期）',
    );
  });

  test('periods not yet due are not required', () => {
    const c = evaluateCadence({
      trackingSince: '2026-01',
      window: { from: '2026-01', to: '2026-03' },
      today: '2026-03-05',
      published: [],
    });
    expect(c.counts.due).toBe(1); // only January finance was due (by 02-10)
    expect(timelinessPoints(10, c)).toMatchObject({ points: 0 });
  });

  test('satisfaction: full points only when all five are measured and reach 90%', () => {
    const window = { from: '2025-11', to: '2026-10' };
    const round = (rates: (number | null)[]) => ({
      periodKey: '2026-Q3',
      indicators: fiveGoodIndicators(rates),
    });
    expect(satisfactionPoints(7, window, FIVE, round([0.95, 0.93, 0.91, 0.9, 0.97])).points).toBe(7);
    // One of five measured (95%), four without enough answers: 1 of 5, not full points.
    const one = satisfactionPoints(7, window, FIVE, round([0.95, null, null, null, null]));
    expect(one.points).toBe(1.5);
    expect(one.basis).toContain('5 项满意率中 1 项达到 90%');
    expect(one.basis).toContain('答卷不足、按未达到计');
    expect(one.basis).toMatch(/^2026年第三季度五好测评/);
    // 3 of 5: 7 × 3/5 = 4.2 -> 4 (half points)
    const three = satisfactionPoints(7, window, FIVE, round([0.93, 0.9, 0.85, 0.95, null]));
    expect(three.points).toBe(4);
    for (const r of [one, three]) expect(r.basis).not.toMatch(NO_ISO);
  });

  test('satisfaction: no round in the window scores 0 and says so', () => {
    const window = { from: '2025-11', to: '2026-10' };
    const none = satisfactionPoints(7, window, FIVE, null);
    expect(none).toEqual({
      points: 0,
      basis: '2025年11月至2026年10月没有已结束的有效五好测评，5 项满意率均按未达到 90% 计',
    });
    const old = satisfactionPoints(7, window, FIVE, {
      periodKey: '2025-Q2',
      indicators: FIVE_GOOD_INDICATORS.map((i) => ({
        indicatorId: i.id,
        name: i.name,
        approvalRate: 1,
        status: 'met' as const,
      })),
    });
    expect(old.points).toBe(0);
  });

  test('publications: a month counts once, by a report or a notice; none is 0 with the months named', () => {
    const weighed = weighedMonths({ from: '2025-11', to: '2026-10' }, '2026-01', '2026-11-30');
    expect(weighed).toEqual({ from: '2026-01', to: '2026-10', count: 10 });
    expect(publicationPoints(5, weighed, { reportMonths: [], noticeMonths: [], notices: 0 })).toEqual({
      points: 0,
      basis: '2026年1月至10月共 10 个月，未发布村情月报，也未发布通知公告',
    });
    const r = publicationPoints(5, weighed, {
      reportMonths: ['2026-09', '2025-12'],
      noticeMonths: ['2026-09', '2026-10'],
      notices: 3,
    });
    expect(r).toEqual({
      points: 1,
      basis: '2026年1月至10月共 10 个月，其中 2 个月有发布（村情月报 1 期，通知公告 3 条）',
    });
  });
});

describe('supervision ledger (due by the 2nd of the next month)', () => {
  test('on time, late, missing and not yet due', () => {
    expect(ledgerState('2026-08', '2026-09-02', '2026-11-23')).toBe('onTime');
    expect(ledgerState('2026-08', '2026-09-03', '2026-11-23')).toBe('late');
    expect(ledgerState('2026-10', null, '2026-11-23')).toBe('missing');
    expect(ledgerState('2026-11', null, '2026-11-23')).toBe('notDue');
    expect(ledgerState('2026-12', null, '2027-01-02')).toBe('notDue');
    expect(ledgerState('2026-12', null, '2027-01-03')).toBe('missing');
  });

  test('months past due in the year, and marks per unit', () => {
    expect(monthsDue(2026, '2026-04', '2026-07-02')).toEqual(['2026-04', '2026-05']);
    expect(monthsDue(2026, '2026-04', '2026-07-03')).toEqual(['2026-04', '2026-05', '2026-06']);
    const m = ledgerMarks({ '2026-04': { a: 'onTime', b: 'late' } }, ['a', 'b'], ['2026-04', '2026-05']);
    expect(m).toMatchObject({ late: 1, missing: 2 });
  });
});
