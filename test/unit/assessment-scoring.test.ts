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
  disclosureTimeliness,
  satisfactionPoints,
  timelinessPoints,
} from '../../cloudfunctions/assessment/domain/auto';
import { ledgerMarks, ledgerState, monthsDue } from '../../cloudfunctions/assessment/domain/ledger';
import { SchemeInput } from '../../cloudfunctions/common/contracts/assessment';
import { BAOGOU_SCHEME } from '../../cloudfunctions/local/seed-assessment';

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
  test('disclosure timeliness: on-time periods over periods due, by the cadence rules', () => {
    const t = disclosureTimeliness({
      trackingSince: '2026-01',
      window: { from: '2026-01', to: '2026-06' },
      today: '2026-07-20',
      published: [
        { category: 'finance', periodKey: '2026-01', firstPublishedOn: '2026-02-03' },
        { category: 'finance', periodKey: '2026-02', firstPublishedOn: '2026-03-10' },
        { category: 'finance', periodKey: '2026-03', firstPublishedOn: '2026-04-11' }, // late
        { category: 'finance', periodKey: '2026-04', firstPublishedOn: '2026-05-02' },
        { category: 'finance', periodKey: '2026-05', firstPublishedOn: '2026-06-01' },
        // 2026-06 finance missing
        { category: 'affairs', periodKey: '2026-Q1', firstPublishedOn: '2026-04-05' },
        { category: 'affairs', periodKey: '2026-05', firstPublishedOn: '2026-06-01' }, // a month counts for Q2
        { category: 'party', periodKey: '2026-Q1', firstPublishedOn: '2026-04-05' },
        { category: 'party', periodKey: '2026-Q2', firstPublishedOn: '2026-07-15' }, // late
      ],
    });
    expect(t).toMatchObject({
      required: 10,
      onTime: 7,
      late: ['finance:2026-03', 'party:2026-Q2'],
      missing: ['finance:2026-06'],
    });
    expect(timelinessPoints(10, t).points).toBe(7);
  });

  test('periods not yet due are not required', () => {
    const t = disclosureTimeliness({
      trackingSince: '2026-01',
      window: { from: '2026-01', to: '2026-03' },
      today: '2026-03-05',
      published: [],
    });
    expect(t.required).toBe(1); // only January finance was due (by 02-10)
    expect(timelinessPoints(10, t)).toMatchObject({ points: 0 });
  });

  test('satisfaction: no results yet means no auto score; otherwise indicators at or above 90%', () => {
    expect(satisfactionPoints(7, null).points).toBeNull();
    const r = satisfactionPoints(7, {
      periodKey: '2026-Q3',
      indicators: [
        { name: '党员先进性认同率', approvalRate: 0.93, status: 'met' },
        { name: '干部廉洁履职满意率', approvalRate: 0.9, status: 'met' },
        { name: '三务公开满意率', approvalRate: 0.85, status: 'notMet' },
        { name: '村监委监督满意率', approvalRate: 0.95, status: 'met' },
        { name: '事业和谐发展满意率', approvalRate: null, status: 'insufficient' },
      ],
    });
    // 3 of 4 measured reach 90%: 7 × 3/4 = 5.25 -> 5.5 (half points)
    expect(r.points).toBe(5.5);
    expect(r.basis).toContain('3 / 4');
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
