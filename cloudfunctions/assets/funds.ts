import type { z } from 'zod';
import { chinaDateKey } from '../common/clock';
import { assetsInputs as I, type AssetsOutputs } from '../common/contracts/assets';
import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { monthEnd } from './domain/funds';
import { authorize } from './policy';
import { reconciliationOf } from './reconcile';
import { rebuildHead } from './register';
import { refreshVillage } from './summary';
import { changesOf, insertOnce, itemsOf } from './store';

/** 资金: month-end balances of the accounts, and their reconciliation with the 财务公开. */

export async function reconciliation(
  input: z.output<typeof I.reconciliation>,
  ctx: Ctx,
): Promise<AssetsOutputs['reconciliation']> {
  const { village } = await authorize(ctx.store, ctx.principal, 'read', input.villageId);
  const now = ctx.clock.now();
  const r = await reconciliationOf(ctx.store, village._id, now);
  return { villageName: village.name, asOf: chinaDateKey(now), ...r };
}

/**
 * An account's balance at the end of a month, as an entry of its history dated the month's last
 * day (_id by account and month: once per month; a correction is a 价值调整 with a reason).
 */
export async function recordBalance(
  input: z.output<typeof I.recordBalance>,
  ctx: Ctx,
): Promise<AssetsOutputs['recordBalance']> {
  const item = await itemsOf(ctx.store).get(input.itemId);
  if (!item) throw new DomainError('NOT_FOUND', '没有找到这个登记项目');
  const { user, village } = await authorize(ctx.store, ctx.principal, 'manage', item.villageId);
  const id = `${item._id}.m${input.month}`;
  const done = await changesOf(ctx.store).get(id);
  if (done && done.requestId !== input.requestId) throw new DomainError('BALANCE_RECORDED');
  if (!done) {
    const on = monthEnd(input.month);
    if (item.kind !== 'funds') throw new DomainError('NOT_AN_ACCOUNT');
    if (item.status === 'disposed') throw new DomainError('ITEM_DISPOSED');
    if (input.balanceFen < 0) throw new DomainError('VALUE_NEGATIVE');
    if (on > chinaDateKey(ctx.clock.now())) throw new DomainError('BALANCE_MONTH_OPEN');
    if (on < item.acquiredOn) throw new DomainError('CHANGE_DATE_BEFORE_ACQUIRED');
    const fresh = await insertOnce(changesOf(ctx.store), {
      _id: id,
      villageId: village._id,
      itemId: item._id,
      requestId: input.requestId,
      kind: 'balance',
      on,
      reason: '月末余额（以银行对账单为准）',
      decisionId: null,
      valueFen: input.balanceFen,
      areaHundredths: null,
      status: null,
      by: { openid: user._id, name: user.name },
      at: ctx.clock.now().toISOString(),
    });
    if (!fresh && (await changesOf(ctx.store).get(id))?.requestId !== input.requestId)
      throw new DomainError('BALANCE_RECORDED');
  }
  await rebuildHead(ctx, item);
  await refreshVillage(ctx.store, village._id, village.townId, ctx.clock.now());
  return reconciliation({ villageId: village._id }, ctx);
}
