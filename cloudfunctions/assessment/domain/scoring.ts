import type { ScoreTotals, TierDef, TierResult, YearTargets } from '../../common/contracts/assessment';

/**
 * Totals and tiers of the 清廉村居 index. Pure: the rules of seed 000 (鲍沟镇) in code.
 *  - a village's total = its items + bonus (加分), the bonus never above the standard's cap;
 *  - any veto item (否决项) blocks the title whatever the score: the village gets the scheme's
 *    veto tier (促进村) or no tier;
 *  - 示范村, 达标村 and 提升村 count as 清廉村居; 促进村 does not (countsAsQinglian per tier).
 */

export interface ScoringStandard {
  sections: { id: string; title: string; items: { id: string; maxPoints: number }[] }[];
  bonus: { cap: number; items: { id: string; maxPoints: number }[] };
  vetoes: { id: string; title: string }[];
}

/** Scores of one sheet; a missing or null score is "not scored yet". */
export interface Scores {
  items: Record<string, number | null | undefined>;
  bonus: Record<string, number | null | undefined>;
  vetoes: Record<string, boolean | null | undefined>;
}

export interface ScoringScheme {
  tiers: TierDef[];
  vetoTier: string | null;
  targets: Record<string, YearTargets>;
}

/** Points are half-point steps: clamp into [0, max] and round to the nearest half point. */
export function clampPoints(points: number, max: number): number {
  const p = Math.round(Math.min(Math.max(points, 0), max) * 2) / 2;
  return Number.isFinite(p) ? p : 0;
}

/** `max × numerator / denominator`, in half points; null when there is nothing to measure. */
export function proportionalPoints(max: number, numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return clampPoints((max * numerator) / denominator, max);
}

export function maxBase(standard: ScoringStandard): number {
  return standard.sections.reduce((s, sec) => s + sec.items.reduce((t, i) => t + i.maxPoints, 0), 0);
}

export function computeTotals(standard: ScoringStandard, scores: Scores): ScoreTotals {
  let base = 0;
  let missing = 0;
  const sections = standard.sections.map((sec) => {
    let points = 0;
    let max = 0;
    for (const item of sec.items) {
      max += item.maxPoints;
      const s = scores.items[item.id];
      if (s === null || s === undefined) missing++;
      else points += clampPoints(s, item.maxPoints);
    }
    base += points;
    return { id: sec.id, title: sec.title, maxPoints: max, points };
  });
  let bonusClaimed = 0;
  for (const b of standard.bonus.items) {
    const s = scores.bonus[b.id];
    if (s !== null && s !== undefined) bonusClaimed += clampPoints(s, b.maxPoints);
  }
  const bonus = Math.min(bonusClaimed, standard.bonus.cap);
  const vetoes = standard.vetoes.filter((v) => scores.vetoes[v.id] === true).map((v) => v.title);
  return { base, bonusClaimed, bonus, total: base + bonus, sections, vetoes, missing };
}

/** Tiers from the highest minimum down. */
export function orderedTiers(scheme: Pick<ScoringScheme, 'tiers'>): TierDef[] {
  return [...scheme.tiers].sort((a, b) => b.minScore - a.minScore);
}

export function tierLabel(scheme: Pick<ScoringScheme, 'tiers'>, key: string | null): string {
  return scheme.tiers.find((t) => t.key === key)?.label ?? '不定级';
}

export function resultForTier(
  scheme: ScoringScheme,
  key: string | null,
  why: string,
  vetoed = false,
): TierResult {
  const tier = scheme.tiers.find((t) => t.key === key);
  return {
    key: tier?.key ?? null,
    label: tier?.label ?? '不定级',
    qinglian: !vetoed && !!tier?.countsAsQinglian,
    why,
  };
}

/** The tier the rules give a total; a veto overrides the score. */
export function tierFor(scheme: ScoringScheme, totals: Pick<ScoreTotals, 'total' | 'vetoes'>): TierResult {
  if (totals.vetoes.length > 0) {
    return resultForTier(
      scheme,
      scheme.vetoTier,
      `存在否决项：${totals.vetoes.join('、')}，不认定为清廉村居`,
      true,
    );
  }
  const tiers = orderedTiers(scheme);
  // A scheme has at least two tiers (the contract); with none, no total earns a tier.
  const tier = tiers.find((t) => totals.total >= t.minScore) ?? tiers.at(-1);
  if (!tier) return resultForTier(scheme, null, `总分 ${totals.total} 分，未设置档次`);
  const nextUp = tiers.at(-2);
  const why =
    tier.minScore > 0
      ? `总分 ${totals.total} 分，达到${tier.label}（${tier.minScore} 分）`
      : `总分 ${totals.total} 分，未达到${nextUp?.label ?? '上一档'}（${nextUp?.minScore ?? 0} 分）`;
  return resultForTier(scheme, tier.key, why);
}

/** 0 for the highest tier; null (no tier) ranks below every tier. */
export function tierRank(scheme: Pick<ScoringScheme, 'tiers'>, key: string | null): number {
  const i = orderedTiers(scheme).findIndex((t) => t.key === key);
  return i < 0 ? scheme.tiers.length : i;
}

/**
 * The tier a village should reach this year: the year's floor (2025: every 促进村 of 2024
 * reaches 提升村) and, when the year keeps earlier grades, at least last year's tier (示范村 of
 * 2024 count among 2025's). Null when the year sets neither.
 */
export function villageTarget(
  scheme: ScoringScheme,
  year: number,
  previousTier: string | null,
): string | null {
  const t = scheme.targets[String(year)];
  if (!t) return null;
  const candidates: string[] = [];
  if (t.floorTier) candidates.push(t.floorTier);
  if (t.keepPrevious && previousTier && scheme.tiers.some((x) => x.key === previousTier))
    candidates.push(previousTier);
  if (!candidates.length) return null;
  return candidates.sort((a, b) => tierRank(scheme, a) - tierRank(scheme, b))[0] ?? null;
}

export function isBelow(scheme: ScoringScheme, tier: string | null, target: string | null): boolean {
  return target !== null && tierRank(scheme, tier) > tierRank(scheme, target);
}

export interface CountRow {
  key: string;
  label: string;
  countsAsQinglian: boolean;
  confirmed: number;
  projected: number;
  target: number | null;
}

/** Tier counts against the year's targets (e.g. 2024: 7 示范, 33 达标, 13 提升, 13 促进 of 66). */
export function countAgainstTargets(
  scheme: ScoringScheme,
  year: number,
  villages: { tier: string | null; confirmed: boolean }[],
): CountRow[] {
  const targets = scheme.targets[String(year)]?.counts ?? {};
  return orderedTiers(scheme).map((t) => ({
    key: t.key,
    label: t.label,
    countsAsQinglian: t.countsAsQinglian,
    confirmed: villages.filter((v) => v.confirmed && v.tier === t.key).length,
    projected: villages.filter((v) => v.tier === t.key).length,
    target: targets[t.key] ?? null,
  }));
}

export function qinglianTarget(scheme: ScoringScheme, year: number): number | null {
  const counts = scheme.targets[String(year)]?.counts;
  if (!counts) return null;
  return scheme.tiers.filter((t) => t.countsAsQinglian).reduce((s, t) => s + (counts[t.key] ?? 0), 0);
}
