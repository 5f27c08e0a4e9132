import type { z } from 'zod';
import { rosterEntryOfPerson } from '../account/public';
import {
  PAYOUT_CATEGORIES,
  payoutInputs as I,
  type CategoryTotal,
  type PayoutDetail,
  type PayoutOutputs,
  type PayoutRowView,
  type PayoutSummary,
  type VillagePayoutFlags,
} from '../common/contracts/payouts';
import { DomainError } from '../common/errors';
import type { UserDoc, VillageDoc } from '../common/identity';
import type { Ctx } from '../common/router';
import { findAll, type Query } from '../common/store/port';
import { seesFullNames } from '../common/villagePolicy';
import { payoutDueOn } from './domain/cadence';
import { duplicatesOf, maskName, relativeMatches } from './domain/payouts';
import { knownRelatives, refreshPayoutFlags } from './payoutFlags';
import { authorizePayout, authorizePayoutTown, seesFlags } from './payoutPolicy';
import {
  householdRowsOf,
  payoutFlagsOf,
  payoutHeadsOf,
  payoutVersionId,
  payoutVersionsOf,
  type PayoutFlagsDoc,
  type PayoutHeadDoc,
  type PayoutVersionDoc,
} from './payoutStore';

/**
 * Every reply about payout lists is built here, from what the viewer may see: names masked for
 * everyone but the village's cadres, 村监委 and the town, except the viewer's own household;
 * flags only for the 村监委 and the town.
 */

function summaryOf(h: PayoutHeadDoc | PayoutVersionDoc): PayoutSummary {
  return {
    seriesId: '_id' in h && 'seriesId' in h ? h.seriesId : h._id,
    version: h.version,
    category: h.category,
    periodKey: h.periodKey,
    basis: h.basis,
    count: h.count,
    amountFen: h.amountFen,
    publishedAt: h.publishedAt,
    dueOn: payoutDueOn(h.periodKey),
  };
}

/** The viewer's own household (their roster entry), if a cadre linked one to them. */
async function ownHousehold(ctx: Ctx, user: UserDoc, villageId: string): Promise<string | null> {
  if (user.villageId !== villageId) return null;
  return (await rosterEntryOfPerson(ctx.store, villageId, user._id))?.id ?? null;
}

export async function detailFor(
  ctx: Ctx,
  user: UserDoc,
  village: VillageDoc,
  v: PayoutVersionDoc,
): Promise<PayoutDetail> {
  const all = seesFullNames(user, village._id);
  const flags = seesFlags(user, village._id);
  const own = all ? null : await ownHousehold(ctx, user, village._id);
  const marks = new Map<number, string[]>();
  if (flags) {
    for (const m of relativeMatches(v.rows, await knownRelatives(ctx.store, village._id))) {
      marks.set(m.index, [...(marks.get(m.index) ?? []), `${m.of}的${m.relation}`]);
    }
    for (const idx of duplicatesOf(v.rows).values()) {
      for (const i of idx) marks.set(i, [...(marks.get(i) ?? []), `同一人列出 ${idx.length} 次`]);
    }
  }
  const rows: PayoutRowView[] = v.rows.map((r, index) => {
    const full = all || (own !== null && r.householdId === own);
    const view: PayoutRowView = {
      index,
      recipient: full ? r.recipient : maskName(r.recipient),
      household: full ? r.household : maskName(r.household),
      amountFen: r.amountFen,
      note: r.note,
      full,
    };
    if (flags) view.flags = marks.get(index) ?? [];
    return view;
  });
  const versions = await findAll(
    payoutVersionsOf(ctx.store),
    { seriesId: v.seriesId },
    {
      sort: { version: 1 },
      fields: ['version', 'reason', 'publishedAt'],
    },
  );
  const detail: PayoutDetail = {
    ...summaryOf(v),
    villageId: village._id,
    villageName: village.name,
    reason: v.reason,
    rows,
    versions: versions.map((x) => ({ version: x.version, reason: x.reason, publishedAt: x.publishedAt })),
    namesVisible: all,
  };
  if (flags) detail.flagged = marks.size;
  return detail;
}

export async function payoutLists(
  input: z.output<typeof I.payoutLists>,
  ctx: Ctx,
): Promise<PayoutOutputs['payoutLists']> {
  const { village } = await authorizePayout(ctx.store, ctx.principal, 'read', input.villageId);
  const q: Query = { villageId: village._id };
  if (input.category) q.category = input.category;
  if (input.year) q.periodKey = { $gte: `${input.year}-01`, $lte: `${input.year}-12` };
  const heads = await findAll(payoutHeadsOf(ctx.store), q, { sort: { periodKey: -1, category: 1 } });
  const totals: CategoryTotal[] = PAYOUT_CATEGORIES.map((category) => {
    const of = heads.filter((h) => h.category === category);
    return {
      category,
      count: of.reduce((s, h) => s + h.count, 0),
      amountFen: of.reduce((s, h) => s + h.amountFen, 0),
    };
  }).filter((t) => t.count > 0);
  return { villageName: village.name, lists: heads.map(summaryOf), totals };
}

export async function payoutList(
  input: z.output<typeof I.payoutList>,
  ctx: Ctx,
): Promise<PayoutOutputs['payoutList']> {
  const head = await payoutHeadsOf(ctx.store).get(input.seriesId);
  const { user, village } = await authorizePayout(ctx.store, ctx.principal, 'read', head?.villageId ?? null);
  if (!head) throw new DomainError('NOT_FOUND');
  const v = await payoutVersionsOf(ctx.store).get(payoutVersionId(head._id, input.version ?? head.version));
  if (!v) throw new DomainError('NOT_FOUND', '没有找到这一版本的名单');
  return detailFor(ctx, user, village, v);
}

export async function payoutMine(
  _input: z.output<typeof I.payoutMine>,
  ctx: Ctx,
): Promise<PayoutOutputs['payoutMine']> {
  const { user, village } = await authorizePayout(ctx.store, ctx.principal, 'mine');
  const entry = await rosterEntryOfPerson(ctx.store, village._id, user._id);
  if (!entry) return { household: null, rows: [], totalFen: 0 };
  const docs = await findAll(
    householdRowsOf(ctx.store),
    { householdId: entry.id },
    { sort: { periodKey: -1 } },
  );
  const rows = docs
    .filter((d) => d.villageId === village._id)
    .flatMap((d) =>
      d.rows.map((r) => ({
        seriesId: d.seriesId,
        version: d.version,
        category: d.category,
        periodKey: d.periodKey,
        recipient: r.recipient,
        amountFen: r.amountFen,
        note: r.note,
      })),
    );
  return { household: entry.name, rows, totalFen: rows.reduce((s, r) => s + r.amountFen, 0) };
}

function flagsView(d: PayoutFlagsDoc): VillagePayoutFlags {
  return {
    villageId: d._id,
    villageName: d.villageName,
    lists: d.lists,
    latestPeriodKey: d.latestPeriodKey,
    relatives: d.relatives,
    duplicates: d.duplicates,
    changes: d.changes,
    updatedAt: d.updatedAt,
  };
}

export async function payoutFlags(
  input: z.output<typeof I.payoutFlags>,
  ctx: Ctx,
): Promise<PayoutOutputs['payoutFlags']> {
  const { village } = await authorizePayout(ctx.store, ctx.principal, 'flags', input.villageId);
  const doc =
    (await payoutFlagsOf(ctx.store).get(village._id)) ?? (await refreshPayoutFlags(ctx.store, village._id));
  if (!doc) throw new DomainError('NOT_FOUND', '没有找到这个村');
  return flagsView(doc);
}

/** One query per page whatever the number of villages: the summaries kept on write. */
export async function payoutTown(
  input: z.output<typeof I.payoutTown>,
  ctx: Ctx,
): Promise<PayoutOutputs['payoutTown']> {
  const user = authorizePayoutTown(ctx.principal);
  const q: Query = { townId: user.townId };
  if (input.cursor) q._id = { $gt: input.cursor };
  const docs = await payoutFlagsOf(ctx.store).find(q, { sort: { _id: 1 }, limit: input.limit + 1 });
  const page = docs.slice(0, input.limit);
  const last = page[page.length - 1];
  return { villages: page.map(flagsView), next: docs.length > input.limit && last ? last._id : null };
}
