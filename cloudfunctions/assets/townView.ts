import type { z } from 'zod';
import { chinaDateKey } from '../common/clock';
import { assetsInputs as I, type AssetsOutputs, type TownAssetRow } from '../common/contracts/assets';
import { towns, villages } from '../common/identity';
import type { Ctx } from '../common/router';
import { authorizeTown } from './policy';
import { figuresFrom } from './public';
import { thresholdOf } from './summary';
import { settingsOf, summariesOf, upsert, type AssetSummaryDoc } from './store';

/**
 * The town's view of 三资: per village, totals, overdue receivables, contracts expiring or
 * expired but still occupied, contracts without a required decision, stocktake discrepancies.
 * One call per page, flat in villages: a page of villages and their summaries (kept on every
 * write), so the cost does not grow with the number of items or contracts.
 */
export async function townView(
  input: z.output<typeof I.townView>,
  ctx: Ctx,
): Promise<AssetsOutputs['townView']> {
  const user = authorizeTown(ctx.principal, 'townView');
  const today = chinaDateKey(ctx.clock.now());
  const [town, thresholdFen, page] = await Promise.all([
    towns(ctx.store).get(user.townId),
    thresholdOf(ctx.store, user.townId),
    villages(ctx.store).find(
      { townId: user.townId, ...(input.cursor ? { _id: { $gt: input.cursor } } : {}) },
      { sort: { _id: 1 }, limit: input.limit + 1 },
    ),
  ]);
  const shown = page.slice(0, input.limit);
  const summaries = shown.length
    ? await summariesOf(ctx.store).find({ _id: { $in: shown.map((v) => v._id) } }, { limit: input.limit })
    : [];
  const by = new Map<string, AssetSummaryDoc>(summaries.map((s) => [s._id, s]));
  const rows = shown.map((v): TownAssetRow => {
    const { villageId, ...figures } = figuresFrom(v._id, by.get(v._id), today, thresholdFen);
    return { villageId, villageName: v.name, ...figures };
  });
  return {
    townName: town?.name ?? '',
    asOf: today,
    thresholdFen,
    villages: rows,
    nextCursor: page.length > input.limit ? (shown[shown.length - 1]?._id ?? null) : null,
  };
}

export async function setThreshold(
  input: z.output<typeof I.setThreshold>,
  ctx: Ctx,
): Promise<AssetsOutputs['setThreshold']> {
  const user = authorizeTown(ctx.principal, 'settings');
  await upsert(settingsOf(ctx.store), {
    _id: user.townId,
    thresholdFen: input.thresholdFen,
    by: { openid: user._id, name: user.name },
    at: ctx.clock.now().toISOString(),
  });
  return { thresholdFen: input.thresholdFen };
}
