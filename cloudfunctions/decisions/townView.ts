import type { z } from 'zod';
import { chinaDateKey } from '../common/clock';
import { decisionsInputs as I, type TownVillageRow } from '../common/contracts/decisions';
import { towns, villages } from '../common/identity';
import type { Ctx } from '../common/router';
import { meetingTally } from './domain/meetings';
import { authorize } from './policy';
import { villageSummariesOf, type VillageSummaryDoc } from './store';

/**
 * The town's view: per village, decisions by state, steps overdue, meetings unconfirmed and
 * meetings of record missing. One call per page, flat in villages: a page of villages (by id,
 * after the cursor) and their summaries (kept on every write), so the cost does not grow with
 * the number of decisions.
 */
export async function townView(
  input: z.output<typeof I.townView>,
  ctx: Ctx,
): Promise<{ townName: string; asOf: string; villages: TownVillageRow[]; nextCursor: string | null }> {
  const { user } = await authorize(ctx.store, ctx.principal, 'townView');
  const today = chinaDateKey(ctx.clock.now());
  const [town, page] = await Promise.all([
    towns(ctx.store).get(user.townId),
    villages(ctx.store).find(
      { townId: user.townId, ...(input.cursor ? { _id: { $gt: input.cursor } } : {}) },
      { sort: { _id: 1 }, limit: input.limit + 1 },
    ),
  ]);
  const shown = page.slice(0, input.limit);
  const summaries = shown.length
    ? await villageSummariesOf(ctx.store).find(
        { _id: { $in: shown.map((v) => v._id) } },
        { limit: input.limit },
      )
    : [];
  const by = new Map<string, VillageSummaryDoc>(summaries.map((s) => [s._id, s]));
  const rows = shown.map((v): TownVillageRow => {
    const s = by.get(v._id);
    const { missing, ...heldMeetings } = meetingTally(
      v.trackingSince,
      today,
      new Set(s?.held ?? []),
      new Set(s?.late ?? []),
    );
    return {
      villageId: v._id,
      villageName: v.name,
      inProgress: s?.counts.inProgress ?? 0,
      resolved: s?.counts.resolved ?? 0,
      completed: s?.counts.completed ?? 0,
      rejected: s?.counts.rejected ?? 0,
      overdue: (s?.due ?? []).filter((d) => d.dueOn < today),
      unconfirmed: s?.unconfirmed ?? 0,
      missingMeetings: { count: missing.length, latest: missing[missing.length - 1] ?? null },
      heldMeetings,
    };
  });
  return {
    townName: town?.name ?? '',
    asOf: today,
    villages: rows,
    nextCursor: page.length > input.limit ? (shown[shown.length - 1]?._id ?? null) : null,
  };
}
