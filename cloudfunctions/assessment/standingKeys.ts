import { DomainError } from '../common/errors';
import { findAll, type Store } from '../common/store/port';
import type { ScoringScheme } from './domain/scoring';
import { standingKey, standingOf } from './domain/standing';
import { summariesOf, type SummaryDoc } from './store';

/**
 * The board's keys (`orderKey` of each village summary), kept on write: a summary's write keeps
 * its own key and that of the year after (whose target follows this year's confirmed tier); a
 * change of the town's scheme or standard keeps every key of the town. The scheme of a year is
 * passed in as a loader (null when the year has no standard: its summaries stay unkeyed and the
 * board lists them after the keyed ones).
 */

/** Keys written at once when the whole town's keys follow a change. */
const REKEY_BATCH = 20;

export type SchemeOfYear = (year: number) => Promise<ScoringScheme | null>;

const FIELDS = ['villageId', 'year', 'state', 'total', 'tierKey', 'tierConfirmed', 'vetoes', 'orderKey'];

type Keyed = Pick<
  SummaryDoc,
  '_id' | 'villageId' | 'year' | 'state' | 'total' | 'tierKey' | 'tierConfirmed' | 'vetoes' | 'orderKey'
>;

/** The scheme loader that reads null for a year without a standard. */
export function schemeOrNull(load: (year: number) => Promise<{ scheme: ScoringScheme }>): SchemeOfYear {
  return async (year) => {
    try {
      return (await load(year)).scheme;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NO_STANDARD') return null;
      throw e;
    }
  };
}

/** Stores the summary's key when it differs; whether it did. */
async function rekey(
  store: Store,
  scheme: ScoringScheme,
  year: number,
  s: Keyed,
  prev: Keyed | undefined,
): Promise<boolean> {
  const key = standingKey(scheme, s.villageId, standingOf(scheme, year, s, prev));
  if (key === s.orderKey) return false;
  await summariesOf(store).update(s._id, { set: { orderKey: key } });
  return true;
}

/** A village summary of `year` was written: its key and next year's follow. */
export async function keepStandingKeys(
  store: Store,
  villageId: string,
  year: number,
  schemeOf: SchemeOfYear,
): Promise<void> {
  const ids = [year - 1, year, year + 1].map((y) => `${villageId}.${y}`);
  const docs = await summariesOf(store).find({ _id: { $in: ids } }, { fields: FIELDS, limit: 3 });
  const of = (y: number) => docs.find((d) => d.year === y);
  for (const y of [year, year + 1]) {
    const s = of(y);
    if (!s) continue;
    const scheme = await schemeOf(y);
    if (scheme) await rekey(store, scheme, y, s, of(y - 1));
  }
}

/** The town's scheme or a year's standard changed: every key of the town follows. */
export async function keepTownStandingKeys(
  store: Store,
  townId: string,
  schemeOf: SchemeOfYear,
): Promise<number> {
  const docs: Keyed[] = await findAll(summariesOf(store), { townId }, { fields: FIELDS });
  const by = new Map(docs.map((d) => [d._id, d]));
  const schemes = new Map<number, Promise<ScoringScheme | null>>();
  const schemeFor = (year: number) => {
    let scheme = schemes.get(year);
    if (!scheme) schemes.set(year, (scheme = schemeOf(year)));
    return scheme;
  };
  // The changed keys are written 20 at a time: a town of 2,000 villages stays within a call.
  let n = 0;
  for (let i = 0; i < docs.length; i += REKEY_BATCH) {
    const changed = await Promise.all(
      docs.slice(i, i + REKEY_BATCH).map(async (s) => {
        const sc = await schemeFor(s.year);
        return !!sc && rekey(store, sc, s.year, s, by.get(`${s.villageId}.${s.year - 1}`));
      }),
    );
    n += changed.filter(Boolean).length;
  }
  return n;
}
