import { chinaDateKey } from '../common/clock';
import { DuplicateKeyError, type Store } from '../common/store/port';
import { candidateOf, demonstrationSortKey, type SurveyRound } from './domain/demonstration';
import { demonstrationsOf, type DemonstrationDoc, type DemonstrationSurvey, type SummaryDoc } from './store';

/**
 * The 示范点 list's keys, kept on write (one document per village and year, `DemonstrationDoc`):
 * a summary write keeps its village's key, and so does the close of a survey round (through
 * public.ts, the survey context hands over the round's results). Nothing here reads another
 * context: the reader of the survey is passed in, so the survey context may call it.
 */

/** The five indicators the 五好 requires (the survey context's list, passed in). */
export type RequiredIndicators = readonly { id: string; name: string }[];

/** What the list takes of a village summary. */
export type DemonstrationSummary = Pick<
  SummaryDoc,
  'state' | 'total' | 'tierKey' | 'tierConfirmed' | 'vetoes'
>;

export const demonstrationId = (villageId: string, year: number) => `${villageId}.${year}`;

/** The round as the rule reads it. */
export function surveyRoundOf(s: DemonstrationSurvey | null): SurveyRound | null {
  if (!s) return null;
  return {
    periodKey: s.periodKey,
    closedYear: Number(chinaDateKey(s.closedAt).slice(0, 4)),
    indicators: s.indicators,
  };
}

/** The village's document with its eligibility and key, from its summary and survey (pure). */
export function demonstrationDoc(
  village: { villageId: string; townId: string },
  year: number,
  summary: DemonstrationSummary | null,
  survey: { read: boolean; round: DemonstrationSurvey | null },
  required: RequiredIndicators,
  now: string,
): DemonstrationDoc {
  const scored = !!summary && summary.total !== null;
  const state = scored ? summary.state : 'none';
  const score = scored ? summary.total : null;
  const c = candidateOf(
    {
      villageId: village.villageId,
      villageName: '',
      state,
      score,
      tierLabel: null,
      confirmed: !!summary?.tierConfirmed,
      vetoes: summary?.vetoes ?? [],
    },
    surveyRoundOf(survey.round),
    year,
    required,
  );
  return {
    _id: demonstrationId(village.villageId, year),
    townId: village.townId,
    villageId: village.villageId,
    year,
    state,
    score,
    tierKey: summary?.tierKey ?? null,
    confirmed: !!summary?.tierConfirmed,
    vetoes: summary?.vetoes ?? [],
    surveyRead: survey.read,
    survey: survey.round,
    eligible: c.eligible,
    sortKey: demonstrationSortKey(c),
    updatedAt: now,
  };
}

async function save(store: Store, doc: DemonstrationDoc): Promise<void> {
  const { _id, ...rest } = doc;
  const col = demonstrationsOf(store);
  if (await col.update(_id, { set: rest })) return;
  try {
    await col.insert(doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    await col.update(_id, { set: rest });
  }
}

/**
 * A village summary was written: its key follows. The survey is read once per village and
 * year (`readSurvey`, the latest valid round closed by the year's end); after that, closes
 * keep it. `reread` (the recount) reads it again from its source.
 */
export async function keepDemonstrationSummary(
  store: Store,
  village: { _id: string; townId: string },
  year: number,
  summary: DemonstrationSummary,
  required: RequiredIndicators,
  readSurvey: () => Promise<DemonstrationSurvey | null>,
  now: string,
  reread = false,
): Promise<DemonstrationDoc> {
  const kept = reread ? null : await demonstrationsOf(store).get(demonstrationId(village._id, year));
  const round = kept?.surveyRead ? kept.survey : await readSurvey();
  const doc = demonstrationDoc(
    { villageId: village._id, townId: village.townId },
    year,
    summary,
    { read: true, round },
    required,
    now,
  );
  await save(store, doc);
  return doc;
}

/**
 * A survey round of the village closed (or its results were recounted): the key of the year it
 * closed in follows, when this round is the latest by its close. Called by the survey context.
 */
export async function keepDemonstrationSurvey(
  store: Store,
  townId: string,
  villageId: string,
  round: DemonstrationSurvey,
  required: RequiredIndicators,
  now: string,
): Promise<void> {
  const year = Number(chinaDateKey(round.closedAt).slice(0, 4));
  const kept = await demonstrationsOf(store).get(demonstrationId(villageId, year));
  const older = kept?.survey;
  if (older && older.roundId !== round.roundId && older.closedAt > round.closedAt) return;
  const summary: DemonstrationSummary | null = kept
    ? {
        state: kept.state === 'none' ? 'draft' : kept.state,
        total: kept.state === 'none' ? null : kept.score,
        tierKey: kept.tierKey,
        tierConfirmed: kept.confirmed,
        vetoes: kept.vetoes,
      }
    : null;
  await save(
    store,
    demonstrationDoc({ villageId, townId }, year, summary, { read: true, round }, required, now),
  );
}
