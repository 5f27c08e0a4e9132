import type { Store } from '../common/store/port';
import { satisfactionOf } from './domain/stats';
import { statsOf } from './store';

export { recordFinding, type FindingFromContext } from './findings';

/**
 * What other contexts (the index, the monthly report) may read of oversight: figures per
 * village, never an item, a name or a text.
 */
export interface OversightRates {
  villageId: string;
  /** Questions raised so far. */
  total: number;
  /** Closed or referred / total; null before any question. */
  closedRate: number | null;
  /** (满意 + 基本满意) / rated; null before any rating. */
  satisfaction: number | null;
  rated: number;
  /** Open items with the town (escalated or taken over). */
  escalatedOpen: number;
}

/** One record per village, read in batches of 100 (villages without questions get zeros). */
export async function oversightRates(
  store: Store,
  villageIds: string[],
): Promise<Map<string, OversightRates>> {
  const ids = [...new Set(villageIds)];
  const out = new Map<string, OversightRates>();
  for (let i = 0; i < ids.length; i += 100) {
    const batch = ids.slice(i, i + 100);
    const docs = await statsOf(store).find({ _id: { $in: batch } }, { limit: batch.length });
    const byId = new Map(docs.map((d) => [d._id, d]));
    for (const id of batch) {
      const d = byId.get(id);
      const sat = d ? satisfactionOf(d.ratings) : { rate: null, rated: 0 };
      out.set(id, {
        villageId: id,
        total: d?.total ?? 0,
        closedRate: d && d.total ? d.closed / d.total : null,
        satisfaction: sat.rate,
        rated: sat.rated,
        escalatedOpen: d ? Object.values(d.open).filter((o) => o.escalated).length : 0,
      });
    }
  }
  return out;
}

/** The public content of a public answer in the public record chain (record/read.ts). */
export { answerContent } from './publicRecord';
