import type { z } from 'zod';
import {
  STOCKTAKE_RESULT_LABELS,
  assetsInputs as I,
  type AssetsOutputs,
  type StocktakeView,
} from '../common/contracts/assets';
import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { findAll } from '../common/store/port';
import { recordFinding } from '../oversight/public';
import { addDays } from './domain/contracts';
import { authorize } from './policy';
import { notInFuture } from './register';
import { refreshVillage } from './summary';
import { insertOnce, itemsOf, stocktakesOf, type StocktakeDoc } from './store';

/**
 * 账实相符: the 村监委 checks each item of the register against reality; each discrepancy becomes
 * a finding in the 村监委's 台账 with its 整改 and deadline, and reaches the town.
 */

/** Days the village has to rectify a stocktake discrepancy. */
export const STOCKTAKE_FIX_DAYS = 30;

const FIX_WHAT = {
  missing: '查明实物去向，追回或经村民代表会议决议后登记处置，并将结果报村监委',
  changed: '核实现状，恢复原状或按实际情况登记变动（写明原因和依据），并将结果报村监委',
} as const;

const fixDueOf = (s: StocktakeDoc) => (s.discrepancies ? addDays(s.on, STOCKTAKE_FIX_DAYS) : null);

function view(s: StocktakeDoc): StocktakeView {
  return {
    id: s._id,
    on: s.on,
    by: s.by.name,
    checks: s.checks,
    discrepancies: s.discrepancies,
    fixDueOn: fixDueOf(s),
  };
}

/** Every discrepancy of the stocktake in the 台账, once each (a retry completes, never doubles). */
async function fileFindings(ctx: Ctx, s: StocktakeDoc): Promise<void> {
  const dueOn = fixDueOf(s);
  if (!dueOn) return;
  for (const c of s.checks) {
    if (c.result === 'present') continue;
    await recordFinding(ctx.store, {
      villageId: s.villageId,
      townId: s.townId,
      key: `assets-stocktake:${s._id}:${c.itemId}`,
      date: s.on,
      title: `三资盘点：${c.itemName}${STOCKTAKE_RESULT_LABELS[c.result]}`,
      text: c.note,
      fix: { owner: '村两委', dueOn, what: FIX_WHAT[c.result] },
      by: { id: s.by.openid, name: s.by.name },
      at: s.at,
    });
  }
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
    await fileFindings(ctx, existing);
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
  await fileFindings(ctx, doc);
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
