import { chinaDateKey, chinaDayStart } from '../common/clock';
import type {
  AutoOverride,
  AutoValue,
  SheetPhase,
  ScoreTotals,
  TierResult,
} from '../common/contracts/assessment';
import { DomainError } from '../common/errors';
import type { UserDoc, VillageDoc } from '../common/identity';
import { DuplicateKeyError, type Store } from '../common/store/port';
import {
  assessmentWindow,
  publicationPoints,
  satisfactionPoints,
  timelinessPoints,
  weighedMonths,
} from './domain/auto';
import { FIVE_GOOD_INDICATORS } from '../survey/public';
import { computeTotals, tierFor, type Scores, type ScoringScheme } from './domain/scoring';
import { productSources, type Sources } from './ports';
import { keepDemonstrationSummary } from './demonstrationKeys';
import { keepStandingKeys, schemeOrNull } from './standingKeys';
import { refreshTownSummary } from './townSummary';
import {
  entryKey,
  schemesOf,
  standardsOf,
  summariesOf,
  type SchemeDoc,
  type SelfState,
  type SheetDoc,
  type StandardDoc,
  type SummaryDoc,
  type DemonstrationSurvey,
} from './store';

export const sheetId = (villageId: string, year: number) => `${villageId}.${year}`;

export function chinaYear(now: Date): number {
  return Number(chinaDateKey(now).slice(0, 4));
}

/** The newest published version of the town's standard for the year. */
export async function loadStandard(store: Store, townId: string, year: number): Promise<StandardDoc> {
  const [doc] = await standardsOf(store).find({ townId, year }, { sort: { version: -1 }, limit: 1 });
  if (!doc) throw new DomainError('NO_STANDARD', `${year} 年度的清廉村居测评标准尚未发布，请联系镇纪委`);
  return doc;
}

export async function loadScheme(store: Store, townId: string, schemeId: string): Promise<SchemeDoc> {
  const doc = await schemesOf(store).get(`${townId}.${schemeId}`);
  if (!doc) throw new DomainError('NO_STANDARD', '测评标准引用的定级办法不存在，请联系镇纪委');
  return doc;
}

export interface Rules {
  standard: StandardDoc;
  scheme: SchemeDoc;
}

/** The newest version of the year: what new sheets and the town's overviews use. */
export async function loadRules(store: Store, townId: string, year: number): Promise<Rules> {
  const standard = await loadStandard(store, townId, year);
  return { standard, scheme: await loadScheme(store, townId, standard.schemeId) };
}

export interface SheetRules extends Rules {
  /** A draft's earlier version when the draft moves to (or moved to) a newer one. */
  previous: StandardDoc | null;
}

async function standardById(store: Store, id: string): Promise<StandardDoc> {
  const doc = await standardsOf(store).get(id);
  if (!doc) throw new DomainError('NO_STANDARD', '评分表所依据的测评标准不存在，请联系镇纪委');
  return doc;
}

/**
 * The rules a sheet is scored by: a submitted (or reviewed, confirmed) sheet keeps the version
 * it was submitted with, whatever was published since; a draft follows the newest version
 * (and knows the one it moved from, for the notice); no sheet yet: the newest.
 */
export async function rulesForSheet(
  store: Store,
  townId: string,
  year: number,
  sheet: Pick<SheetDoc, 'state' | 'standardId' | 'movedFrom'> | null,
): Promise<SheetRules> {
  if (sheet && sheet.state !== 'draft') {
    const standard = await standardById(store, sheet.standardId);
    return { standard, scheme: await loadScheme(store, townId, standard.schemeId), previous: null };
  }
  const rules = await loadRules(store, townId, year);
  const previousId = !sheet
    ? null
    : sheet.standardId !== rules.standard._id
      ? sheet.standardId
      : (sheet.movedFrom ?? null);
  const previous = previousId ? await standardsOf(store).get(previousId) : null;
  return { ...rules, previous };
}

/** The end of the self-assessment deadline day (China time), as an instant. */
export function deadlineInstant(selfAssessBy: string): Date {
  return new Date(chinaDayStart(selfAssessBy).getTime() + 86_400_000 - 1);
}

/**
 * Values of the auto-scored items, measured now, or after the deadline as they stood at the
 * end of the deadline day: data published later (a survey round closed, a disclosure made)
 * does not change them.
 */
export async function measureAuto(
  store: Store,
  sources: Sources,
  standard: StandardDoc,
  village: VillageDoc,
  now: Date,
): Promise<Record<string, AutoValue>> {
  const items = standard.sections.flatMap((s) => s.items).filter((i) => i.auto);
  if (!items.length) return {};
  const window = assessmentWindow(standard.schedule.selfAssessBy);
  const deadline = deadlineInstant(standard.schedule.selfAssessBy);
  const asOfInstant = now.getTime() < deadline.getTime() ? now : deadline;
  const asOf = asOfInstant.toISOString();
  const asOfDay = chinaDateKey(asOfInstant);
  const weighed = weighedMonths(window, village.trackingSince, asOfDay);
  const need = new Set(items.map((i) => i.auto));
  const [cadence, survey, pubs] = await Promise.all([
    need.has('disclosureTimeliness') ? sources.disclosures(store, village, window, asOfDay) : null,
    need.has('satisfaction') ? sources.survey(store, village._id, asOf) : null,
    need.has('publications') && weighed.count > 0
      ? sources.publications(store, village._id, weighed, asOf)
      : { reportMonths: [], noticeMonths: [], notices: 0 },
  ]);
  const out: Record<string, AutoValue> = {};
  for (const item of items) {
    const source = item.auto!;
    const measured =
      source === 'disclosureTimeliness'
        ? timelinessPoints(item.maxPoints, cadence!)
        : source === 'satisfaction'
          ? satisfactionPoints(item.maxPoints, window, FIVE_GOOD_INDICATORS, survey)
          : publicationPoints(item.maxPoints, weighed, pubs);
    out[item.id] = { source, points: measured.points, basis: measured.basis, asOf };
  }
  return out;
}

export function newSheet(village: VillageDoc, year: number, standard: StandardDoc, now: string): SheetDoc {
  return {
    _id: sheetId(village._id, year),
    villageId: village._id,
    townId: village.townId,
    year,
    standardId: standard._id,
    standardVersion: standard.version,
    state: 'draft',
    rev: 0,
    self: {},
    review: {},
    auto: {},
    submittedAt: null,
    submittedBy: null,
    confirmed: null,
    comments: [],
    reopenReason: null,
    movedFrom: null,
    pendingAudit: [],
    reopenRequest: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Self scores: what the village entered, or for auto items without an entry, the data's value. */
export function selfScores(
  standard: StandardDoc,
  sheet: Pick<SheetDoc, 'self'>,
  auto: Record<string, AutoValue>,
): Scores {
  const scores: Scores = { items: {}, bonus: {}, vetoes: {} };
  for (const item of standard.sections.flatMap((s) => s.items)) {
    const s = sheet.self[entryKey('item', item.id)];
    scores.items[item.id] = s?.score ?? (item.auto ? (auto[item.id]?.points ?? null) : null);
  }
  for (const b of standard.bonus.items)
    scores.bonus[b.id] = sheet.self[entryKey('bonus', b.id)]?.score ?? null;
  for (const v of standard.vetoes) scores.vetoes[v.id] = sheet.self[entryKey('veto', v.id)]?.applies ?? false;
  return scores;
}

/** Scores that count: the town's review where given, else the village's own. */
export function effectiveScores(
  standard: StandardDoc,
  sheet: Pick<SheetDoc, 'self' | 'review'>,
  auto: Record<string, AutoValue>,
): Scores {
  const base = selfScores(standard, sheet, auto);
  const pick = <T>(
    kind: 'item' | 'bonus' | 'veto',
    id: string,
    field: 'score' | 'applies',
    fallback: T,
  ): T => {
    const r = sheet.review[entryKey(kind, id)];
    const v = r?.[field];
    return v === null || v === undefined ? fallback : (v as T);
  };
  for (const item of standard.sections.flatMap((s) => s.items))
    base.items[item.id] = pick('item', item.id, 'score', base.items[item.id]);
  for (const b of standard.bonus.items) base.bonus[b.id] = pick('bonus', b.id, 'score', base.bonus[b.id]);
  for (const v of standard.vetoes) base.vetoes[v.id] = pick('veto', v.id, 'applies', base.vetoes[v.id]);
  return base;
}

export interface Evaluated {
  selfTotals: ScoreTotals;
  reviewTotals: ScoreTotals | null;
  totals: ScoreTotals;
  computedTier: TierResult;
}

export function evaluate(
  rules: Rules,
  sheet: Pick<SheetDoc, 'self' | 'review'>,
  auto: Record<string, AutoValue>,
): Evaluated {
  const selfTotals = computeTotals(rules.standard, selfScores(rules.standard, sheet, auto));
  const reviewed = Object.keys(sheet.review).length > 0;
  const reviewTotals = reviewed
    ? computeTotals(rules.standard, effectiveScores(rules.standard, sheet, auto))
    : null;
  const totals = reviewTotals ?? selfTotals;
  return { selfTotals, reviewTotals, totals, computedTier: tierFor(schemeOf(rules), totals) };
}

export const schemeOf = (rules: Rules): ScoringScheme => rules.scheme;

export interface Viewer {
  user: UserDoc;
  isVillage: boolean;
  isTown: boolean;
}

/** '2026-11-30' -> '2026年11月30日' */
export function dateWords(dateKey: string): string {
  return `${dateKey.slice(0, 4)}年${Number(dateKey.slice(5, 7))}月${Number(dateKey.slice(8, 10))}日`;
}

/**
 * Where a draft stands in the schedule on `today` (China date): filled and submitted until the
 * self-assessment date; submitted as it is until the submit date; after that closed. A sheet
 * the town opened again (returned, or on the village's request) stays open.
 */
export function phaseOf(
  standard: Pick<StandardDoc, 'schedule'>,
  sheet: Pick<SheetDoc, 'reopenReason'>,
  today: string,
): SheetPhase {
  if (sheet.reopenReason !== null) return 'open';
  if (today <= standard.schedule.selfAssessBy) return 'open';
  if (today <= standard.schedule.submitBy) return 'submitOnly';
  return 'closed';
}

/** An auto-scored item whose own score differs from the data's value. */
export function overrideOf(
  item: { auto?: unknown },
  self: Pick<SelfState, 'score' | 'reason'> | undefined,
  auto: AutoValue | undefined,
): AutoOverride | null {
  if (!item.auto || !auto || auto.points === null || !self || self.score === null) return null;
  if (self.score === auto.points) return null;
  return { selfScore: self.score, autoPoints: auto.points, reason: self.reason };
}

/** What stands between a draft and its submission, in words. */
export function missingOf(
  standard: StandardDoc,
  sheet: Pick<SheetDoc, 'self'>,
  auto: Record<string, AutoValue>,
) {
  const scores = selfScores(standard, sheet, auto);
  const out: string[] = [];
  for (const item of standard.sections.flatMap((s) => s.items)) {
    if (scores.items[item.id] === null) out.push(`「${item.title}」未评分`);
    else {
      const o = overrideOf(item, sheet.self[entryKey('item', item.id)], auto[item.id]);
      if (o && !o.reason)
        out.push(`「${item.title}」自评 ${o.selfScore} 分与系统计分 ${o.autoPoints} 分不同，需填写理由`);
    }
  }
  return out;
}

/** The dashboard's row of this village and year, from its sheet. */
export async function writeSummary(
  store: Store,
  village: Pick<VillageDoc, '_id' | 'townId'>,
  year: number,
  fields: Omit<SummaryDoc, '_id' | 'townId' | 'villageId' | 'year' | 'ledger'>,
  surveys: Sources['surveys'] = productSources.surveys,
  rereadSurvey = false,
): Promise<void> {
  const id = sheetId(village._id, year);
  const doc = { _id: id, townId: village.townId, villageId: village._id, year, ledger: {}, ...fields };
  if (!(await summariesOf(store).update(id, { set: { ...fields } })))
    await summariesOf(store)
      .insert(doc)
      .catch(async (e) => {
        if (!(e instanceof DuplicateKeyError)) throw e;
        await summariesOf(store).update(id, { set: { ...fields } });
      });
  // The dashboard's town totals, the village's place on the board and in the 示范点 list follow.
  await refreshTownSummary(store, village.townId, year, fields.updatedAt);
  await keepStandingKeys(
    store,
    village._id,
    year,
    schemeOrNull((y) => loadRules(store, village.townId, y)),
  );
  await keepDemonstrationSummary(
    store,
    village,
    year,
    fields,
    FIVE_GOOD_INDICATORS,
    () => demonstrationSurvey(surveys, store, village._id, year),
    fields.updatedAt,
    rereadSurvey,
  );
}

/** The survey the 示范点 list judges a village's year on: its latest valid round closed by the year's end. */
export async function demonstrationSurvey(
  surveys: Sources['surveys'],
  store: Store,
  villageId: string,
  year: number,
): Promise<DemonstrationSurvey | null> {
  const r = (await surveys(store, [villageId], deadlineInstant(`${year}-12-31`).toISOString())).get(
    villageId,
  );
  if (!r) return null;
  return {
    roundId: r.roundId,
    periodKey: r.periodKey,
    closedAt: r.closedAt,
    indicators: r.indicators.map((i) => ({
      indicatorId: i.indicatorId,
      name: i.name,
      approvalRate: i.approvalRate,
      status: i.status,
    })),
  };
}

/** The dashboard's row of a village with nothing scored yet: a draft without totals. */
export function emptySummaryFields(
  now: string,
): Omit<SummaryDoc, '_id' | 'townId' | 'villageId' | 'year' | 'ledger'> {
  return {
    state: 'draft',
    total: null,
    selfTotal: null,
    tierKey: null,
    tierConfirmed: false,
    vetoes: [],
    submittedAt: null,
    updatedAt: now,
  };
}

export function summaryFields(
  sheet: SheetDoc,
  ev: Evaluated,
  now: string,
): Omit<SummaryDoc, '_id' | 'townId' | 'villageId' | 'year' | 'ledger'> {
  return {
    state: sheet.state,
    total: ev.totals.total,
    selfTotal: ev.selfTotals.total,
    tierKey: sheet.confirmed ? sheet.confirmed.key : ev.computedTier.key,
    tierConfirmed: !!sheet.confirmed,
    vetoes: ev.totals.vetoes,
    submittedAt: sheet.submittedAt,
    updatedAt: now,
  };
}
