import type { z } from 'zod';
import { assetsInputs as I, type AssetsOutputs, type StocktakeView } from '../common/contracts/assets';
import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { findAll } from '../common/store/port';
import { authorize } from './policy';
import { notInFuture } from './register';
import { refreshVillage } from './summary';
import { insertOnce, itemsOf, stocktakesOf, type StocktakeDoc } from './store';

/** 账实相符: the 村监委 checks each item of the register against reality; discrepancies reach the town. */

function view(s: StocktakeDoc): StocktakeView {
  return { id: s._id, on: s.on, by: s.by.name, checks: s.checks, discrepancies: s.discrepancies };
}

export async function recordStocktake(
  input: z.output<typeof I.recordStocktake>,
  ctx: Ctx,
): Promise<AssetsOutputs['recordStocktake']> {
  const { user, village } = await authorize(ctx.store, ctx.principal, 'stocktake', input.villageId);
  const id = `${village._id}:${input.on}`;
  const existing = await stocktakesOf(ctx.store).get(id);
  if (existing) {
    if (existing.requestId !== input.requestId) throw new DomainError('STOCKTAKE_RECORDED');
    return view(existing);
  }
  notInFuture(input.on, ctx);
  const items = await findAll(itemsOf(ctx.store), { villageId: village._id }, { fields: ['name'] });
  const names = new Map(items.map((i) => [i._id, i.name]));
  if (input.checks.some((c) => !names.has(c.itemId))) throw new DomainError('STOCKTAKE_UNKNOWN_ITEM');
  const doc: StocktakeDoc = {
    _id: id,
    villageId: village._id,
    townId: village.townId,
    requestId: input.requestId,
    on: input.on,
    checks: input.checks.map((c) => ({ ...c, itemName: names.get(c.itemId) ?? '' })),
    discrepancies: input.checks.filter((c) => c.result !== 'present').length,
    by: { openid: user._id, name: user.name },
    at: ctx.clock.now().toISOString(),
  };
  if (!(await insertOnce(stocktakesOf(ctx.store), doc))) {
    const raced = await stocktakesOf(ctx.store).get(id);
    if (!raced || raced.requestId !== input.requestId) throw new DomainError('STOCKTAKE_RECORDED');
  }
  await refreshVillage(ctx.store, village._id, village.townId, ctx.clock.now());
  return view(doc);
}

export async function stocktakes(
  input: z.output<typeof I.stocktakes>,
  ctx: Ctx,
): Promise<AssetsOutputs['stocktakes']> {
  const { village } = await authorize(ctx.store, ctx.principal, 'read', input.villageId);
  const all = await findAll(stocktakesOf(ctx.store), { villageId: village._id }, { sort: { on: -1 } });
  return { villageName: village.name, stocktakes: all.map(view) };
}
