import { createHash } from 'node:crypto';
import type { ItemDetail, ItemSummary } from '../common/contracts/decisions';
import { decisionsInputs as I } from '../common/contracts/decisions';
import { DomainError } from '../common/errors';
import { requireUser } from '../common/identity';
import type { Ctx } from '../common/router';
import { DuplicateKeyError, findAll } from '../common/store/port';
import type { z } from 'zod';
import { rank } from './domain/powerList';
import { authorize, listPermission } from './policy';
import { itemsOf, itemVersionsOf, type ItemHeadDoc, type ItemVersionDoc } from './store';

/** 小微权力清单, 负面清单 and 监督重点内容清单: read, search, add, adjust with a reason. */

const itemIdFor = (scopeKey: string, requestId: string) =>
  `p${createHash('sha256').update(`${scopeKey}\n${requestId}`).digest('hex').slice(0, 20)}`;
const versionId = (itemId: string, version: number) => `${itemId}.v${version}`;

export function summaryOf(h: ItemHeadDoc): ItemSummary {
  return {
    id: h._id,
    scope: h.scope,
    villageId: h.villageId,
    list: h.list,
    name: h.name,
    category: h.category,
    version: h.version,
    updatedAt: h.updatedAt,
    stepCount: h.steps.length,
    retired: h.retired,
  };
}

function headOf(v: ItemVersionDoc): ItemHeadDoc {
  return {
    _id: v.itemId,
    scope: v.scope,
    townId: v.townId,
    villageId: v.villageId,
    version: v.version,
    updatedAt: v.at,
    list: v.list,
    name: v.name,
    category: v.category,
    basis: v.basis,
    keywords: v.keywords,
    steps: v.steps,
    retired: v.retired,
  };
}

async function detailOf(ctx: Ctx, v: ItemVersionDoc, latest: number): Promise<ItemDetail> {
  const all = await itemVersionsOf(ctx.store).find(
    { itemId: v.itemId },
    { sort: { version: 1 }, fields: ['version', 'at', 'reason'] },
  );
  return {
    ...summaryOf(headOf(v)),
    basis: v.basis,
    keywords: v.keywords,
    steps: v.steps,
    reason: v.reason,
    latestVersion: latest,
    versions: all.map((x) => ({ version: x.version, at: x.at, reason: x.reason })),
  };
}

/** Writes the head unless a newer version is there already (retries and races never go back). */
async function putHead(ctx: Ctx, v: ItemVersionDoc): Promise<void> {
  const heads = itemsOf(ctx.store);
  const { _id, ...rest } = headOf(v);
  try {
    await heads.insert({ _id, ...rest });
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    await heads.updateWhere({ _id, version: { $lt: v.version } }, { set: rest });
  }
}

async function insertVersion(ctx: Ctx, doc: ItemVersionDoc): Promise<ItemVersionDoc> {
  try {
    await itemVersionsOf(ctx.store).insert(doc);
    return doc;
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const existing = await itemVersionsOf(ctx.store).get(doc._id);
    // The same request again finishes what it began; another's version at this number is a conflict.
    if (!existing || existing.requestId !== doc.requestId) throw new DomainError('VERSION_CONFLICT');
    return existing;
  }
}

export async function items(
  input: z.output<typeof I.items>,
  ctx: Ctx,
): Promise<{ village: { id: string; name: string } | null; items: ItemSummary[] }> {
  const user = requireUser(ctx.principal);
  // A town admin without a village in mind reads the base catalogue alone.
  const { village } =
    !input.villageId && user.roles.includes('townAdmin') && !user.villageId
      ? await authorize(ctx.store, ctx.principal, 'editTownList')
      : await authorize(ctx.store, ctx.principal, 'read', input.villageId);
  const townId = village?.townId ?? user.townId;
  const query = { list: input.list, retired: false, ...(input.category ? { category: input.category } : {}) };
  const [base, own] = await Promise.all([
    findAll(itemsOf(ctx.store), { ...query, townId, scope: 'town' }),
    village ? findAll(itemsOf(ctx.store), { ...query, villageId: village._id }) : Promise.resolve([]),
  ]);
  const all = [...base, ...own].sort(
    (a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name, 'zh'),
  );
  const found = input.query
    ? rank(
        input.query,
        all.map((h) => ({ ...h, stepsText: h.steps.map((s) => `${s.actor} ${s.action}`).join(' ') })),
      )
    : all;
  return { village: village ? { id: village._id, name: village.name } : null, items: found.map(summaryOf) };
}

export async function item(input: z.output<typeof I.item>, ctx: Ctx): Promise<ItemDetail> {
  const head = await itemsOf(ctx.store).get(input.itemId);
  if (!head) throw new DomainError('NOT_FOUND');
  const user = requireUser(ctx.principal);
  if (head.townId !== user.townId) throw new DomainError('FORBIDDEN_VILLAGE');
  if (head.villageId) await authorize(ctx.store, ctx.principal, 'read', head.villageId);
  const v = await itemVersionsOf(ctx.store).get(versionId(head._id, input.version ?? head.version));
  if (!v) throw new DomainError('NOT_FOUND', '没有这个版本');
  return detailOf(ctx, v, head.version);
}

/** An item's content as a new version holds it (a new item and a revision alike). */
function contentOf(
  input: Pick<z.output<typeof I.createItem>, 'list' | 'name' | 'category' | 'basis' | 'keywords' | 'steps'>,
) {
  return {
    list: input.list,
    name: input.name,
    category: input.category,
    basis: input.basis,
    keywords: input.keywords,
    steps: input.steps,
  };
}

export async function createItem(input: z.output<typeof I.createItem>, ctx: Ctx): Promise<ItemDetail> {
  const villageId = input.scope === 'village' ? (input.villageId ?? null) : null;
  const { user, village } = await authorize(ctx.store, ctx.principal, listPermission(input.scope), villageId);
  const townId = village?.townId ?? user.townId;
  const itemId = itemIdFor(village?._id ?? townId, input.requestId);
  const doc = await insertVersion(ctx, {
    _id: versionId(itemId, 1),
    itemId,
    version: 1,
    requestId: input.requestId,
    scope: input.scope,
    townId,
    villageId,
    ...contentOf(input),
    retired: false,
    reason: null,
    at: ctx.clock.now().toISOString(),
    by: { openid: user._id, name: user.name },
  });
  await putHead(ctx, doc);
  return detailOf(ctx, doc, doc.version);
}

export async function reviseItem(input: z.output<typeof I.reviseItem>, ctx: Ctx): Promise<ItemDetail> {
  const head = await itemsOf(ctx.store).get(input.itemId);
  if (!head) throw new DomainError('NOT_FOUND');
  const { user } = await authorize(ctx.store, ctx.principal, listPermission(head.scope), head.villageId);
  if (head.townId !== user.townId) throw new DomainError('FORBIDDEN_VILLAGE');
  if (head.retired && input.baseVersion === head.version) throw new DomainError('ITEM_RETIRED');
  const next = input.baseVersion + 1;
  if (input.baseVersion !== head.version) {
    // Only a retry of the request that made the newer version may pass.
    const existing = await itemVersionsOf(ctx.store).get(versionId(head._id, next));
    if (!existing || existing.requestId !== input.requestId) throw new DomainError('VERSION_CONFLICT');
  }
  const doc = await insertVersion(ctx, {
    _id: versionId(head._id, next),
    itemId: head._id,
    version: next,
    requestId: input.requestId,
    scope: head.scope,
    townId: head.townId,
    villageId: head.villageId,
    ...contentOf(input),
    retired: input.retired,
    reason: input.reason,
    at: ctx.clock.now().toISOString(),
    by: { openid: user._id, name: user.name },
  });
  await putHead(ctx, doc);
  return detailOf(ctx, doc, Math.max(doc.version, head.version));
}
