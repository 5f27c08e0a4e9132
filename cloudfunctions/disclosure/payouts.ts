import type { z } from 'zod';
import { rosterEntries, villageRoster } from '../account/public';
import { chinaMonthKey } from '../common/clock';
import {
  payoutInputs as I,
  type PayoutOutputs,
  type PayoutRow,
  type PreviewRow,
} from '../common/contracts/payouts';
import { DomainError } from '../common/errors';
import type { VillageDoc } from '../common/identity';
import type { Ctx } from '../common/router';
import { DuplicateKeyError, type Store } from '../common/store/port';
import { appendPublic } from '../record/public';
import { duplicatesOf, parsePayoutPaste, totalsOf, type StoredRow } from './domain/payouts';
import { refreshPayoutFlags } from './payoutFlags';
import { authorizePayout } from './payoutPolicy';
import { detailFor } from './payoutReads';
import { payoutRecordOf } from './payoutRecord';
import {
  householdRowsOf,
  payoutHeadsOf,
  payoutSeriesId,
  payoutVersionId,
  payoutVersionsOf,
  type PayoutHeadDoc,
  type PayoutVersionDoc,
} from './payoutStore';

/** 惠民资金发放名单: reading a paste, publishing, correcting. Published versions never change. */

export async function payoutPreview(
  input: z.output<typeof I.payoutPreview>,
  ctx: Ctx,
): Promise<PayoutOutputs['payoutPreview']> {
  const { village } = await authorizePayout(ctx.store, ctx.principal, 'manage', input.villageId);
  const roster = await villageRoster(ctx.store, village._id);
  const byName = new Map<string, string[]>();
  for (const e of roster) byName.set(e.name, [...(byName.get(e.name) ?? []), e.id]);
  const rows: PreviewRow[] = parsePayoutPaste(input.text).map((r) => {
    if (!r.ok) return { line: r.line, row: null, error: r.error, sameAs: [] };
    const ids = byName.get(r.row.household) ?? [];
    const [only] = ids;
    if (ids.length !== 1 || only === undefined) {
      const error =
        ids.length === 0
          ? `第 ${r.line} 行：户主“${r.row.household}”不在本村名册中，请核对姓名或先导入名册`
          : `第 ${r.line} 行：名册中有 ${ids.length} 位“${r.row.household}”，请在逐条录入中选择是哪一户`;
      return { line: r.line, row: null, error, sameAs: [] };
    }
    const row = {
      recipient: r.row.recipient,
      householdId: only,
      household: r.row.household,
      amountFen: r.row.amountFen,
      note: r.row.note,
    };
    return { line: r.line, row, error: null, sameAs: [] };
  });
  const good = rows.filter((r) => r.row !== null);
  const dups = duplicatesOf(good.map((r) => r.row as PayoutRow));
  const duplicates = [...dups.values()].map((idx) => {
    const lines = idx.map((i) => good[i]?.line ?? 0);
    for (const i of idx) {
      const g = good[i];
      if (g) g.sameAs = lines.filter((l) => l !== g.line);
    }
    return { recipient: good[idx[0] ?? 0]?.row?.recipient ?? '', lines };
  });
  return {
    rows,
    good: good.length,
    bad: rows.length - good.length,
    duplicates,
    totals: totalsOf(good.map((r) => r.row as PayoutRow)),
  };
}

/** The rows as stored: every household must be the village's roster entry (its name kept). */
async function storedRows(store: Store, village: VillageDoc, rows: PayoutRow[]): Promise<StoredRow[]> {
  const ids = [...new Set(rows.map((r) => r.householdId))];
  const entries = await rosterEntries(store, ids);
  const names = new Map(entries.filter((e) => e.villageId === village._id).map((e) => [e.id, e.name]));
  return rows.map((r) => {
    const household = names.get(r.householdId);
    if (household === undefined) throw new DomainError('PAYOUT_UNKNOWN_HOUSEHOLD');
    return {
      recipient: r.recipient,
      householdId: r.householdId,
      household,
      amountFen: r.amountFen,
      note: r.note,
    };
  });
}

/**
 * Everything a version brings about, each step safe to repeat: the head, the households' rows,
 * the village's flags and the public record. A retry after a stop half-way completes it.
 */
async function settle(
  store: Store,
  v: PayoutVersionDoc,
  previous: PayoutVersionDoc | null,
): Promise<PayoutHeadDoc> {
  const heads = payoutHeadsOf(store);
  const head: PayoutHeadDoc = {
    _id: v.seriesId,
    villageId: v.villageId,
    townId: v.townId,
    category: v.category,
    periodKey: v.periodKey,
    basis: v.basis,
    version: v.version,
    count: v.count,
    amountFen: v.amountFen,
    firstPublishedAt: v.version === 1 ? v.publishedAt : '',
    publishedAt: v.publishedAt,
  };
  const existing = await heads.get(v.seriesId);
  if (!existing) {
    try {
      await heads.insert(head);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
  } else if (existing.version < v.version) {
    const { _id, firstPublishedAt, ...rest } = head;
    void firstPublishedAt;
    await heads.updateWhere({ _id, version: { $lt: v.version } }, { set: rest });
  }
  const byHousehold = new Map<
    string,
    { index: number; recipient: string; amountFen: number; note: string }[]
  >();
  for (const h of previous?.rows ?? []) byHousehold.set(h.householdId, []);
  v.rows.forEach((r, index) => {
    const list = byHousehold.get(r.householdId) ?? [];
    list.push({ index, recipient: r.recipient, amountFen: r.amountFen, note: r.note });
    byHousehold.set(r.householdId, list);
  });
  for (const [householdId, rows] of byHousehold) {
    const _id = `${householdId}|${v.seriesId}`;
    const doc = {
      villageId: v.villageId,
      householdId,
      seriesId: v.seriesId,
      version: v.version,
      category: v.category,
      periodKey: v.periodKey,
      rows,
    };
    const n = await householdRowsOf(store).updateWhere({ _id, version: { $lte: v.version } }, { set: doc });
    if (n === 0 && !(await householdRowsOf(store).get(_id))) {
      try {
        await householdRowsOf(store).insert({ _id, ...doc });
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
      }
    }
  }
  await refreshPayoutFlags(store, v.villageId);
  await appendPublic(store, payoutRecordOf(v));
  return (await heads.get(v.seriesId)) ?? head;
}

async function insertVersion(ctx: Ctx, v: PayoutVersionDoc, conflict: 'PAYOUT_EXISTS' | 'VERSION_CONFLICT') {
  try {
    await payoutVersionsOf(ctx.store).insert(v);
    return v;
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const there = await payoutVersionsOf(ctx.store).get(v._id);
    if (!there || there.requestId !== v.requestId) throw new DomainError(conflict);
    return there;
  }
}

export async function payoutPublish(
  input: z.output<typeof I.payoutPublish>,
  ctx: Ctx,
): Promise<PayoutOutputs['payoutPublish']> {
  const { user, village } = await authorizePayout(ctx.store, ctx.principal, 'manage', input.villageId);
  const seriesId = payoutSeriesId(village._id, input.category, input.periodKey);
  const first = await payoutVersionsOf(ctx.store).get(payoutVersionId(seriesId, 1));
  if (first && first.requestId !== input.requestId) throw new DomainError('PAYOUT_EXISTS');
  let version = first;
  if (!version) {
    if (input.periodKey > chinaMonthKey(ctx.clock.now())) throw new DomainError('PAYOUT_FUTURE');
    const rows = await storedRows(ctx.store, village, input.rows);
    version = await insertVersion(
      ctx,
      {
        _id: payoutVersionId(seriesId, 1),
        seriesId,
        version: 1,
        requestId: input.requestId,
        villageId: village._id,
        townId: village.townId,
        category: input.category,
        periodKey: input.periodKey,
        basis: input.basis,
        rows,
        ...totalsOf(rows),
        reason: null,
        publishedAt: ctx.clock.now().toISOString(),
        publisher: { openid: user._id, name: user.name },
      },
      'PAYOUT_EXISTS',
    );
  }
  await settle(ctx.store, version, null);
  return detailFor(ctx, user, village, version);
}

export async function payoutCorrect(
  input: z.output<typeof I.payoutCorrect>,
  ctx: Ctx,
): Promise<PayoutOutputs['payoutCorrect']> {
  const head = await payoutHeadsOf(ctx.store).get(input.seriesId);
  const { user, village } = await authorizePayout(
    ctx.store,
    ctx.principal,
    'manage',
    head?.villageId ?? null,
  );
  if (!head) throw new DomainError('NOT_FOUND');
  const base = await payoutVersionsOf(ctx.store).get(payoutVersionId(head._id, input.baseVersion));
  if (!base) throw new DomainError('NOT_FOUND', '没有找到要更正的版本');
  const nextId = payoutVersionId(head._id, input.baseVersion + 1);
  let version = await payoutVersionsOf(ctx.store).get(nextId);
  if (version && version.requestId !== input.requestId) throw new DomainError('VERSION_CONFLICT');
  if (!version) {
    if (head.version !== input.baseVersion) throw new DomainError('VERSION_CONFLICT');
    const rows = await storedRows(ctx.store, village, input.rows);
    version = await insertVersion(
      ctx,
      {
        ...base,
        _id: nextId,
        version: input.baseVersion + 1,
        requestId: input.requestId,
        basis: input.basis,
        rows,
        ...totalsOf(rows),
        reason: input.reason,
        publishedAt: ctx.clock.now().toISOString(),
        publisher: { openid: user._id, name: user.name },
      },
      'VERSION_CONFLICT',
    );
  }
  await settle(ctx.store, version, base);
  return detailFor(ctx, user, village, version);
}
