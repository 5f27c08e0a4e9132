import type { SheetState, TierCount } from '../common/contracts/assessment';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { countAgainstTargets, type ScoringScheme } from './domain/scoring';
import { summariesOf, townSummariesOf, type SummaryDoc, type TownSummaryDoc } from './store';

/**
 * The dashboard's town totals, kept on write: every write of a village summary recounts its
 * town's totals of the year from the summaries (one query per 1,000 villages, on the rare
 * write), so the dashboard reads them with one `get` whatever the size of the town.
 */

export const townSummaryId = (townId: string, year: number) => `${townId}.${year}`;

/** Whether a village summary counts as scored (the dashboard's state 'none' otherwise). */
export const scored = (s: Pick<SummaryDoc, 'total'> | undefined): boolean => !!s && s.total !== null;

/** The town's totals of a year, from its village summaries (pure). */
export function totalsOf(
  townId: string,
  year: number,
  sums: Pick<SummaryDoc, 'state' | 'total' | 'tierKey' | 'tierConfirmed' | 'vetoes' | 'ledger'>[],
  now: string,
): TownSummaryDoc {
  const doc: TownSummaryDoc = {
    _id: townSummaryId(townId, year),
    townId,
    year,
    states: {},
    tiers: {},
    ledger: {},
    updatedAt: now,
  };
  for (const s of sums) {
    for (const [month, units] of Object.entries(s.ledger ?? {}))
      for (const [unit, state] of Object.entries(units)) {
        const m = (doc.ledger[month] ??= {});
        const c = (m[unit] ??= { onTime: 0, late: 0 });
        c[state === 'late' ? 'late' : 'onTime']++;
      }
    if (!scored(s)) continue;
    doc.states[s.state] = (doc.states[s.state] ?? 0) + 1;
    const key = `${s.tierKey ?? ''}|${s.tierConfirmed ? 1 : 0}|${s.vetoes.length ? 1 : 0}`;
    doc.tiers[key] = (doc.tiers[key] ?? 0) + 1;
  }
  return doc;
}

/** Recounts and stores the town's totals of a year from its village summaries. */
export async function refreshTownSummary(
  store: Store,
  townId: string,
  year: number,
  now: string,
): Promise<TownSummaryDoc> {
  const sums = await findAll(
    summariesOf(store),
    { townId, year },
    { fields: ['state', 'total', 'tierKey', 'tierConfirmed', 'vetoes', 'ledger'] },
  );
  const doc = totalsOf(townId, year, sums, now);
  const { _id, ...rest } = doc;
  if (await townSummariesOf(store).update(_id, { set: rest })) return doc;
  try {
    await townSummariesOf(store).insert(doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    await townSummariesOf(store).update(_id, { set: rest });
  }
  return doc;
}

/** What the dashboard shows of the whole town, from its kept totals. */
export function townFigures(
  scheme: ScoringScheme,
  year: number,
  t: TownSummaryDoc | null,
  villageTotal: number,
  unitIds: readonly string[],
  months: readonly string[],
): {
  states: Record<SheetState | 'none', number>;
  counts: TierCount[];
  qinglianConfirmed: number;
  ledger: { late: number; missing: number };
} {
  const states: Record<SheetState | 'none', number> = {
    none: 0,
    draft: 0,
    submitted: 0,
    reviewed: 0,
    confirmed: 0,
  };
  let scoredVillages = 0;
  for (const [k, n] of Object.entries(t?.states ?? {})) {
    states[k as SheetState] += n;
    scoredVillages += n;
  }
  states.none = Math.max(0, villageTotal - scoredVillages);
  // The tier rows of countAgainstTargets, one per village, expanded from the kept counts.
  const rows: { tier: string | null; confirmed: boolean }[] = [];
  let qinglianConfirmed = 0;
  const qinglianTiers = new Set(scheme.tiers.filter((x) => x.countsAsQinglian).map((x) => x.key));
  for (const [key, n] of Object.entries(t?.tiers ?? {})) {
    const [tier = '', confirmed, vetoed] = key.split('|');
    const known = scheme.tiers.some((x) => x.key === tier);
    for (let i = 0; i < n; i++) rows.push({ tier: known ? tier : null, confirmed: confirmed === '1' });
    if (known && confirmed === '1' && vetoed !== '1' && qinglianTiers.has(tier)) qinglianConfirmed += n;
  }
  let late = 0;
  let filed = 0;
  for (const m of months)
    for (const u of unitIds) {
      const c = t?.ledger[m]?.[u];
      late += c?.late ?? 0;
      filed += (c?.late ?? 0) + (c?.onTime ?? 0);
    }
  return {
    states,
    counts: countAgainstTargets(scheme, year, rows),
    qinglianConfirmed,
    ledger: { late, missing: Math.max(0, villageTotal * unitIds.length * months.length - filed) },
  };
}
