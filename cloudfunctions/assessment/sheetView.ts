import { chinaDateKey } from '../common/clock';
import type { AutoValue, SheetEntryView, SheetView } from '../common/contracts/assessment';
import type { VillageDoc } from '../common/identity';
import { maxBase } from './domain/scoring';
import { versionNotice } from './domain/versions';
import { entryKey, type SheetDoc, type StandardDoc } from './store';
import {
  effectiveScores,
  evaluate,
  missingOf,
  overrideOf,
  phaseOf,
  selfScores,
  type Rules,
  type Viewer,
} from './sheet';

/** What a person sees of a sheet: entries with self and review, totals, tier, what they may do. */

export function viewOf(
  rules: Rules & { previous?: StandardDoc | null },
  village: VillageDoc,
  year: number,
  sheet: SheetDoc,
  auto: Record<string, AutoValue>,
  viewer: Viewer,
  now: Date,
): SheetView {
  const { standard, scheme } = rules;
  const ev = evaluate(rules, sheet, auto);
  const today = chinaDateKey(now);
  const deadlinePassed = today > standard.schedule.selfAssessBy;
  const phase = phaseOf(standard, sheet, today);
  const entries: SheetEntryView[] = [];
  const selfOf = (key: string) => sheet.self[key];
  const reviewOf = (key: string) => {
    const r = sheet.review[key];
    return r ? { score: r.score, applies: r.applies, comment: r.comment, byName: r.by.name, at: r.at } : null;
  };
  const selfView = (key: string) => {
    const s = selfOf(key);
    return {
      score: s?.score ?? null,
      applies: s?.applies ?? null,
      note: s?.note ?? '',
      evidence: s?.evidence ?? [],
      reason: s?.reason ?? '',
    };
  };
  const eff = effectiveScores(standard, sheet, auto);
  for (const sec of standard.sections) {
    for (const item of sec.items) {
      const key = entryKey('item', item.id);
      entries.push({
        kind: 'item',
        id: item.id,
        title: item.title,
        sectionId: sec.id,
        maxPoints: item.maxPoints,
        guidance: item.guidance,
        auto: item.auto ? (auto[item.id] ?? null) : null,
        override: overrideOf(item, selfOf(key), auto[item.id]),
        self: selfView(key),
        review: reviewOf(key),
        effective: { score: eff.items[item.id] ?? null, applies: false },
      });
    }
  }
  for (const b of standard.bonus.items) {
    const key = entryKey('bonus', b.id);
    entries.push({
      kind: 'bonus',
      id: b.id,
      title: b.title,
      sectionId: null,
      maxPoints: b.maxPoints,
      guidance: b.guidance,
      auto: null,
      override: null,
      self: selfView(key),
      review: reviewOf(key),
      effective: { score: eff.bonus[b.id] ?? null, applies: false },
    });
  }
  for (const v of standard.vetoes) {
    const key = entryKey('veto', v.id);
    entries.push({
      kind: 'veto',
      id: v.id,
      title: v.title,
      sectionId: null,
      maxPoints: 0,
      guidance: v.guidance,
      auto: null,
      override: null,
      self: selfView(key),
      review: reviewOf(key),
      effective: { score: null, applies: eff.vetoes[v.id] === true },
    });
  }
  const open = sheet.state === 'draft';
  const missing = open ? missingOf(standard, sheet, auto) : [];
  const request = sheet.reopenRequest ?? null;
  const underReview = sheet.state === 'submitted' || sheet.state === 'reviewed';
  const standardNotice =
    open && rules.previous && rules.previous._id !== standard._id
      ? versionNotice(rules.previous, standard, selfScores(standard, sheet, {}))
      : null;
  return {
    village: { id: village._id, name: village.name },
    year,
    standard: {
      id: standard._id,
      version: standard.version,
      title: standard.title,
      bonusCap: standard.bonus.cap,
      schedule: standard.schedule,
      maxBase: maxBase(standard),
    },
    state: sheet.state,
    rev: sheet.rev,
    deadlinePassed,
    phase,
    missing,
    reopenRequest: request
      ? {
          reason: request.reason,
          byName: request.by.name,
          at: request.at,
          state: request.state,
          answer: request.answer,
          answeredByName: request.answeredBy?.name ?? null,
          answeredAt: request.answeredAt,
        }
      : null,
    entries,
    sections: standard.sections.map((s) => ({ id: s.id, title: s.title })),
    selfTotals: ev.selfTotals,
    reviewTotals: ev.reviewTotals,
    totals: ev.totals,
    computedTier: ev.computedTier,
    confirmed: sheet.confirmed
      ? {
          key: sheet.confirmed.key,
          label: sheet.confirmed.label,
          qinglian: sheet.confirmed.qinglian,
          why: sheet.confirmed.why,
          byName: sheet.confirmed.by.name,
          at: sheet.confirmed.at,
          comment: sheet.confirmed.comment,
          reason: sheet.confirmed.reason,
        }
      : null,
    submittedAt: sheet.submittedAt,
    submittedByName: sheet.submittedBy?.name ?? null,
    comments: sheet.comments,
    reopenReason: sheet.reopenReason,
    standardNotice,
    can: {
      edit: viewer.isVillage && open && phase === 'open',
      submit: viewer.isVillage && open && phase !== 'closed' && missing.length === 0,
      review: viewer.isTown && underReview,
      confirm: viewer.isTown && underReview && ev.totals.missing === 0,
      comment: viewer.isVillage && !open,
      requestReopen: viewer.isVillage && open && phase !== 'open' && request?.state !== 'pending',
      answerReopen: viewer.isTown && open && request?.state === 'pending',
    },
    tiers: [...scheme.tiers]
      .sort((a, b) => b.minScore - a.minScore)
      .map((t) => ({
        key: t.key,
        label: t.label,
        minScore: t.minScore,
        countsAsQinglian: t.countsAsQinglian,
      })),
  };
}
