import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { chinaDateKey } from '../common/clock';
import {
  ASSET_REFUSALS,
  KIND_OF_CATEGORY,
  assetsInputs as I,
  type AssetsOutputs,
  type ChangeView,
  type RegisterItem,
} from '../common/contracts/assets';
import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { findAll } from '../common/store/port';
import { requirePassedDecision } from './decision';
import { CHANGES_NEEDING_DECISION, changeProblem, itemProblem, stateAt } from './domain/register';
import { authorize } from './policy';
import { publishChange } from './publicRecord';
import { refreshVillage } from './summary';
import { changesOf, insertOnce, itemsOf, type ChangeDoc, type ItemDoc, type Person } from './store';

/** The register (登记簿): items acquired, and every change as an immutable entry with a reason. */

export const itemIdFor = (villageId: string, code: string) => `${villageId}:${code}`;

export function itemView(i: ItemDoc): RegisterItem {
  return {
    id: i._id,
    code: i.code,
    name: i.name,
    kind: i.kind,
    category: i.category,
    location: i.location,
    acquiredOn: i.acquiredOn,
    valueFen: i.valueFen,
    areaHundredths: i.areaHundredths,
    status: i.status,
    photos: i.photos,
    note: i.note,
  };
}

function changeView(c: ChangeDoc): ChangeView {
  return {
    id: c._id,
    kind: c.kind,
    on: c.on,
    reason: c.reason,
    decisionId: c.decisionId,
    valueFen: c.valueFen,
    areaHundredths: c.areaHundredths,
    status: c.status,
    photos: c.photos ?? [],
    by: c.by.name,
  };
}

export function notInFuture(on: string, ctx: Ctx): void {
  if (on > chinaDateKey(ctx.clock.now())) throw new DomainError('ASSET_DATE_IN_FUTURE');
}

type ItemRow = Omit<z.output<typeof I.registerItem>, 'requestId' | 'villageId'>;

/** Writes an item and its acquisition entry once; the same request again repairs, never doubles. */
async function acquire(
  ctx: Ctx,
  village: { _id: string; townId: string },
  row: ItemRow,
  requestId: string,
  by: Person,
): Promise<{ item: ItemDoc; created: boolean }> {
  const id = itemIdFor(village._id, row.code);
  const existing = await itemsOf(ctx.store).get(id);
  if (existing && existing.requestId !== requestId) return { item: existing, created: false };
  const at = ctx.clock.now().toISOString();
  const item: ItemDoc = existing ?? {
    _id: id,
    villageId: village._id,
    townId: village.townId,
    requestId,
    code: row.code,
    name: row.name,
    kind: KIND_OF_CATEGORY[row.category],
    category: row.category,
    location: row.location,
    acquiredOn: row.acquiredOn,
    photos: row.photos,
    note: row.note,
    valueFen: row.valueFen,
    areaHundredths: row.areaHundredths,
    status: row.status,
    updatedAt: at,
  };
  // The entry first: an item never exists without the entry that explains it.
  await insertOnce(changesOf(ctx.store), {
    _id: `${id}.0`,
    villageId: village._id,
    itemId: id,
    requestId,
    kind: 'acquire',
    on: item.acquiredOn,
    reason: '登记取得',
    decisionId: null,
    valueFen: item.valueFen,
    areaHundredths: item.areaHundredths,
    status: item.status,
    by,
    at,
  });
  if (!existing && !(await insertOnce(itemsOf(ctx.store), item))) {
    const raced = await itemsOf(ctx.store).get(id);
    if (raced && raced.requestId !== requestId) return { item: raced, created: false };
  }
  await publishChange(ctx.store, `${id}.0`);
  return { item, created: true };
}

function rowProblem(row: ItemRow, ctx: Ctx): string | null {
  const code = itemProblem(row);
  if (code) return code;
  if (row.acquiredOn > chinaDateKey(ctx.clock.now())) return 'ASSET_DATE_IN_FUTURE';
  return null;
}

export async function registerItem(
  input: z.output<typeof I.registerItem>,
  ctx: Ctx,
): Promise<AssetsOutputs['registerItem']> {
  const { user, village } = await authorize(ctx.store, ctx.principal, 'manage', input.villageId);
  const problem = rowProblem(input, ctx);
  if (problem) throw new DomainError(problem as keyof typeof ASSET_REFUSALS);
  const r = await acquire(ctx, village, input, input.requestId, { openid: user._id, name: user.name });
  if (!r.created) throw new DomainError('ITEM_EXISTS');
  await refreshVillage(ctx.store, village._id, village.townId, ctx.clock.now());
  return itemView(r.item);
}

/** A register pasted from Excel: every row checked first; one bad row refuses all, each explained. */
export async function importItems(
  input: z.output<typeof I.importItems>,
  ctx: Ctx,
): Promise<AssetsOutputs['importItems']> {
  const { user, village } = await authorize(ctx.store, ctx.principal, 'manage', input.villageId);
  const errors: string[] = [];
  let first: keyof typeof ASSET_REFUSALS | null = null;
  const codes = new Set<string>();
  input.items.forEach((row, i) => {
    const problem = (rowProblem(row, ctx) ?? (codes.has(row.code) ? 'ITEM_EXISTS' : null)) as
      | keyof typeof ASSET_REFUSALS
      | null;
    codes.add(row.code);
    if (!problem) return;
    first ??= problem;
    errors.push(`第${i + 1}行（编号 ${row.code}）：${ASSET_REFUSALS[problem]}`);
  });
  if (first) throw new DomainError(first, `有 ${errors.length} 行需要修改：${errors.slice(0, 5).join('；')}`);
  let created = 0;
  for (const [i, row] of input.items.entries()) {
    const r = await acquire(ctx, village, row, `${input.requestId}-${i}`, {
      openid: user._id,
      name: user.name,
    });
    if (r.created) created++;
  }
  await refreshVillage(ctx.store, village._id, village.townId, ctx.clock.now());
  return { created, existing: input.items.length - created };
}

async function loadItem(ctx: Ctx, itemId: string): Promise<ItemDoc> {
  const item = await itemsOf(ctx.store).get(itemId);
  if (!item) throw new DomainError('NOT_FOUND', '没有找到这个登记项目');
  return item;
}

const changesIn = async (ctx: Ctx, itemId: string) =>
  findAll(changesOf(ctx.store), { itemId }, { sort: { on: 1, at: 1 } });

/** The head follows its entries (also repairs a head left behind by a half-finished write). */
export async function rebuildHead(ctx: Ctx, item: ItemDoc): Promise<ChangeDoc[]> {
  const changes = await changesIn(ctx, item._id);
  const state = stateAt(changes, '9999-12-31') ?? item;
  await itemsOf(ctx.store).update(item._id, { set: { ...state, updatedAt: ctx.clock.now().toISOString() } });
  return changes;
}

export async function recordChange(
  input: z.output<typeof I.recordChange>,
  ctx: Ctx,
): Promise<AssetsOutputs['recordChange']> {
  const item = await loadItem(ctx, input.itemId);
  const { user, village } = await authorize(ctx.store, ctx.principal, 'manage', item.villageId);
  const id = `${item._id}.${createHash('sha256').update(input.requestId).digest('hex').slice(0, 16)}`;
  const done = await changesOf(ctx.store).get(id);
  if (!done) {
    notInFuture(input.on, ctx);
    const facts = {
      kind: input.kind,
      on: input.on,
      valueFen: input.kind === 'revalue' ? (input.valueFen ?? null) : null,
      areaHundredths: input.kind === 'resize' ? (input.areaHundredths ?? null) : null,
      status: input.kind === 'changeUse' ? (input.status ?? null) : null,
    };
    const problem = changeProblem(item, item.acquiredOn, facts);
    if (problem) throw new DomainError(problem);
    if (CHANGES_NEEDING_DECISION.includes(input.kind) && !input.decisionId)
      throw new DomainError('DECISION_REQUIRED');
    if (input.decisionId) await requirePassedDecision(ctx, village._id, input.decisionId, input.on);
    await insertOnce(changesOf(ctx.store), {
      _id: id,
      villageId: village._id,
      itemId: item._id,
      requestId: input.requestId,
      ...facts,
      reason: input.reason,
      decisionId: input.decisionId ?? null,
      photos: input.photos,
      by: { openid: user._id, name: user.name },
      at: ctx.clock.now().toISOString(),
    });
  }
  await publishChange(ctx.store, id);
  // The head follows its entries (also repairs a head left behind by a half-finished write).
  const changes = await changesIn(ctx, item._id);
  const state = stateAt(changes, '9999-12-31') ?? item;
  const now = ctx.clock.now();
  await itemsOf(ctx.store).update(item._id, { set: { ...state, updatedAt: now.toISOString() } });
  await refreshVillage(ctx.store, village._id, village.townId, now);
  return { item: itemView({ ...item, ...state }), changes: changes.map(changeView) };
}

/**
 * A change of use that follows from a contract (leased when signed, idle when handed back),
 * written as an entry like any other, once per contract event (`key`).
 */
export async function followContract(
  ctx: Ctx,
  itemId: string,
  status: 'leased' | 'idle',
  on: string,
  key: string,
  reason: string,
  by: Person,
): Promise<void> {
  const item = await itemsOf(ctx.store).get(itemId);
  if (!item || item.status === status || item.status === 'disposed') return;
  await insertOnce(changesOf(ctx.store), {
    _id: `${item._id}.${key}`,
    villageId: item.villageId,
    itemId: item._id,
    requestId: key,
    kind: 'changeUse',
    on: on < item.acquiredOn ? item.acquiredOn : on,
    reason,
    decisionId: null,
    valueFen: null,
    areaHundredths: null,
    status,
    by,
    at: ctx.clock.now().toISOString(),
  });
  await publishChange(ctx.store, `${item._id}.${key}`);
  const state = stateAt(await changesIn(ctx, item._id), '9999-12-31') ?? item;
  await itemsOf(ctx.store).update(item._id, { set: { ...state, updatedAt: ctx.clock.now().toISOString() } });
}

export async function item(input: z.output<typeof I.item>, ctx: Ctx): Promise<AssetsOutputs['item']> {
  const found = await loadItem(ctx, input.itemId);
  await authorize(ctx.store, ctx.principal, 'read', found.villageId);
  return { item: itemView(found), changes: (await changesIn(ctx, found._id)).map(changeView) };
}

/** The register today, or as its entries left it at the end of a past day. */
export async function register(
  input: z.output<typeof I.register>,
  ctx: Ctx,
): Promise<AssetsOutputs['register']> {
  const { village } = await authorize(ctx.store, ctx.principal, 'read', input.villageId);
  const today = chinaDateKey(ctx.clock.now());
  const asOf = input.asOf && input.asOf < today ? input.asOf : today;
  const items = await findAll(itemsOf(ctx.store), { villageId: village._id }, { sort: { code: 1 } });
  if (asOf === today) return { villageName: village.name, asOf, items: items.map(itemView) };
  const changes = await findAll(changesOf(ctx.store), { villageId: village._id, on: { $lte: asOf } });
  const byItem = new Map<string, ChangeDoc[]>();
  for (const c of changes) byItem.set(c.itemId, [...(byItem.get(c.itemId) ?? []), c]);
  const then = items.flatMap((i) => {
    const state = stateAt(byItem.get(i._id) ?? [], asOf);
    return state ? [itemView({ ...i, ...state })] : [];
  });
  return { villageName: village.name, asOf, items: then };
}
