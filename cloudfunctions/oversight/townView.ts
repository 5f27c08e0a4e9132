import type { z } from 'zod';
import {
  DEFAULT_DEADLINES,
  oversightInputs as I,
  type Deadlines,
  type OversightOutputs,
  type TownVillageRow,
} from '../common/contracts/oversight';
import { requireUser, villages } from '../common/identity';
import type { Ctx, Env } from '../common/router';
import { chinaDateKey } from '../common/clock';
import { findAll, type Query, type Store } from '../common/store/port';
import { townLedgerFindings } from '../assessment/public';
import { overdueFixesByVillage } from './domain/fixes';
import { townFixId } from './log';
import { validDeadlines } from './domain/deadlines';
import { emptyStats, escalatedCount, medianOfHistogram, overdueCount, satisfactionOf } from './domain/stats';
import { settle } from './flow';
import { authorize } from './policy';
import { fixMovesOf, itemsOf, logOf, settingsOf, statsOf, type StatsDoc } from './store';

/**
 * The town 纪委's view and settings. The view reads one page of villages and their kept
 * figures: the same three store operations at 6 villages or 2,000.
 */

export async function deadlinesOf(store: Store, townId: string): Promise<Deadlines> {
  return validDeadlines(await settingsOf(store).get(townId), DEFAULT_DEADLINES);
}

export function rowOf(
  villageId: string,
  villageName: string,
  s: StatsDoc | undefined,
  now: Date,
  overdueFixes = 0,
): TownVillageRow {
  const stats = s ?? { ...emptyStats(), _id: villageId, townId: '' };
  const sat = satisfactionOf(stats.ratings);
  return {
    villageId,
    villageName,
    total: stats.total,
    open: Object.keys(stats.open).length,
    overdue: overdueCount(stats.open, now),
    escalated: escalatedCount(stats.open),
    medianDaysToAnswer: medianOfHistogram(stats.answerDays),
    satisfaction: sat.rate,
    rated: sat.rated,
    closed: stats.closed,
    overdueFixes,
  };
}

/** Overdue 整改 of a page of villages: three reads, however many villages the page holds. */
async function overdueFixesOf(store: Store, ids: string[], now: Date): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const where = { villageId: { $in: ids } };
  const [own, moves, town] = await Promise.all([
    findAll(logOf(store), { ...where, kind: 'finding' }, { fields: ['villageId', 'fix'] }),
    findAll(fixMovesOf(store), where),
    townLedgerFindings(store, ids),
  ]);
  const fixes = [
    ...own.map((e) => ({ id: e._id, villageId: e.villageId, dueOn: e.fix?.dueOn ?? null })),
    ...town.map((f) => ({ id: townFixId(f.ledgerId, f.index), villageId: f.villageId, dueOn: f.deadline })),
  ];
  return overdueFixesByVillage(fixes, moves, chinaDateKey(now));
}

export async function townView(
  input: z.output<typeof I.townView>,
  ctx: Ctx,
): Promise<OversightOutputs['townView']> {
  const user = requireUser(ctx.principal);
  authorize(user, 'townView', { villageId: null, townId: user.townId });
  const query: Query = { townId: user.townId };
  if (input.cursor) query._id = { $gt: input.cursor };
  const [page, total, deadlines] = await Promise.all([
    villages(ctx.store).find(query, { sort: { _id: 1 }, limit: input.limit + 1, fields: ['name'] }),
    villages(ctx.store).count({ townId: user.townId }),
    deadlinesOf(ctx.store, user.townId),
  ]);
  const rows = page.slice(0, input.limit);
  const ids = rows.map((v) => v._id);
  const now = ctx.clock.now();
  const [stats, fixes] = await Promise.all([
    ids.length ? statsOf(ctx.store).find({ _id: { $in: ids } }, { limit: ids.length }) : Promise.resolve([]),
    overdueFixesOf(ctx.store, ids, now),
  ]);
  const byId = new Map(stats.map((s) => [s._id, s]));
  return {
    rows: rows.map((v) => rowOf(v._id, v.name, byId.get(v._id), now, fixes.get(v._id) ?? 0)),
    next: page.length > input.limit ? (rows[rows.length - 1]?._id ?? null) : null,
    totals: { villages: total },
    deadlines,
    asOf: now.toISOString(),
  };
}

export async function deadlines(_input: z.output<typeof I.deadlines>, ctx: Ctx): Promise<Deadlines> {
  const user = requireUser(ctx.principal);
  authorize(user, 'deadlines', { villageId: user.villageId, townId: user.townId });
  return deadlinesOf(ctx.store, user.townId);
}

/** New deadlines apply to items raised from now on; an item keeps those it was raised under. */
export async function setDeadlines(input: z.output<typeof I.setDeadlines>, ctx: Ctx): Promise<Deadlines> {
  const user = requireUser(ctx.principal);
  authorize(user, 'setDeadlines', { villageId: null, townId: user.townId });
  const doc = { ...input, updatedAt: ctx.clock.now().toISOString(), updatedBy: user._id };
  if (!(await settingsOf(ctx.store).update(user.townId, { set: doc }))) {
    await settingsOf(ctx.store).insert({ _id: user.townId, ...doc });
  }
  return { acceptDays: input.acceptDays, answerDays: input.answerDays, rateDays: input.rateDays };
}

/**
 * The timer's work: store the steps the clock has made due (escalations, closes without a
 * rating) for at most `budget` items per run, and tell the town of each escalation.
 */
export async function sweep(env: Env, budget = 200): Promise<{ settled: number }> {
  const now = env.clock.now();
  const iso = now.toISOString();
  const queries: Query[] = [
    { state: 'submitted', acceptDueAt: { $lte: iso } },
    { state: { $in: ['accepted', 'returned'] }, answerDueAt: { $lte: iso } },
    { state: 'verified', rateDueAt: { $lte: iso } },
  ];
  let settled = 0;
  for (const q of queries) {
    if (settled >= budget) break;
    const due = await itemsOf(env.store).find(q, { sort: { _id: 1 }, limit: budget - settled });
    for (const item of due) {
      const after = await settle(env, item, now);
      if (after.stepCount > item.stepCount) settled++;
    }
  }
  return { settled };
}
