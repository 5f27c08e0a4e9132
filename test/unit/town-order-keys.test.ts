/**
 * The kept keys that order the town's lists are one string each: sorting by the key must give
 * the order the rule states, for every mix of target, veto, tier, score (decimals, ties) and id.
 */
import { demonstrationSortKey } from '../../cloudfunctions/assessment/domain/demonstration';
import {
  standingKey,
  standingOf,
  type StandingSummary,
} from '../../cloudfunctions/assessment/domain/standing';
import { tierRank, type ScoringScheme } from '../../cloudfunctions/assessment/domain/scoring';
import { compareSortKey } from '../../cloudfunctions/survey/domain/compareOrder';

const scheme = {
  id: 's',
  name: '四档',
  tiers: [
    { key: 'exemplary', label: '示范村', minScore: 90, countsAsQinglian: true },
    { key: 'qualified', label: '达标村', minScore: 80, countsAsQinglian: true },
    { key: 'improving', label: '提升村', minScore: 70, countsAsQinglian: true },
    { key: 'developing', label: '促进村', minScore: 0, countsAsQinglian: false },
  ],
  vetoTier: 'developing',
  targets: { '2026': { counts: {}, floorTier: 'improving', keepPrevious: true } },
} as unknown as ScoringScheme;

/** A small deterministic spread of villages: every combination several times over. */
function villages(n: number) {
  const tiers = ['exemplary', 'qualified', 'improving', 'developing', 'unknown', null];
  return Array.from({ length: n }, (_, i) => {
    const s: StandingSummary | null =
      i % 11 === 10
        ? null
        : {
            state: i % 5 === 0 ? 'confirmed' : 'submitted',
            total: i % 13 === 12 ? null : [62.5, 70, 70, 81.25, 99.5, 100][i % 6]!,
            tierKey: tiers[i % 6] ?? null,
            tierConfirmed: i % 5 === 0,
            vetoes: i % 7 === 0 ? ['否决'] : [],
          };
    const previous = { tierKey: tiers[(i + 2) % 6] ?? null, tierConfirmed: i % 3 === 0 };
    return { id: `v${String((i * 37) % n).padStart(3, '0')}-${i}`, s, previous };
  });
}

test('the board key sorts worst first: below target, vetoed, lower tier, lower score, then id; unscored last', () => {
  const rows = villages(120).map((v) => ({ id: v.id, at: standingOf(scheme, 2026, v.s, v.previous) }));
  const byRule = [...rows].sort(
    (a, b) =>
      Number(a.at.state === 'none') - Number(b.at.state === 'none') ||
      // Unscored villages among themselves: by id only.
      (a.at.state === 'none' && b.at.state === 'none' ? (a.id < b.id ? -1 : 1) : 0) ||
      Number(b.at.belowTarget) - Number(a.at.belowTarget) ||
      Number(b.at.vetoed) - Number(a.at.vetoed) ||
      tierRank(scheme, b.at.tierKey) - tierRank(scheme, a.at.tierKey) ||
      (a.at.score ?? -1) - (b.at.score ?? -1) ||
      (a.id < b.id ? -1 : 1),
  );
  const byKey = [...rows].sort((a, b) =>
    standingKey(scheme, a.id, a.at) < standingKey(scheme, b.id, b.at) ? -1 : 1,
  );
  expect(byKey.map((r) => r.id)).toEqual(byRule.map((r) => r.id));
  expect(new Set(rows.map((r) => standingKey(scheme, r.id, r.at))).size).toBe(rows.length);
  expect(rows.some((r) => r.at.belowTarget) && rows.some((r) => !r.at.belowTarget)).toBe(true);
});

test('the 示范点 key sorts eligible first, then by score high to low (none last), then id', () => {
  const rows = Array.from({ length: 60 }, (_, i) => ({
    villageId: `v${(i * 7) % 60}`,
    eligible: i % 3 === 0,
    score: i % 9 === 8 ? null : [100, 99.5, 88, 88, 60.25][i % 5]!,
  }));
  const byRule = [...rows].sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      (b.score ?? -1) - (a.score ?? -1) ||
      (a.villageId < b.villageId ? -1 : 1),
  );
  const byKey = [...rows].sort((a, b) => (demonstrationSortKey(a) < demonstrationSortKey(b) ? -1 : 1));
  expect(byKey).toEqual(byRule);
});

test('the comparison key sorts by the lowest approval rate, withheld rates after the rated', () => {
  const rows = Array.from({ length: 40 }, (_, i) => ({
    id: `v${(i * 11) % 40}`,
    rates: i % 8 === 7 ? [null, null] : [0.5 + (i % 5) / 10, i % 4 === 0 ? 0.3333 : 0.95, null],
  }));
  const lowest = (r: (number | null)[]) => {
    const xs = r.filter((x): x is number => x !== null);
    return xs.length ? Math.min(...xs) : Infinity;
  };
  const byRule = [...rows].sort((a, b) => lowest(a.rates) - lowest(b.rates) || (a.id < b.id ? -1 : 1));
  const key = (r: (typeof rows)[number]) =>
    compareSortKey(
      r.id,
      r.rates.map((approvalRate) => ({ approvalRate })),
    );
  const byKey = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  expect(byKey).toEqual(byRule);
});
