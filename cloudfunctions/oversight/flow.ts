import { DomainError } from '../common/errors';
import { villages } from '../common/identity';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { applyStep, dueSteps, foldSteps, type ItemCore, type Step } from './domain/item';
import type { Env } from '../common/router';
import { notifyAfter } from './notify';
import { itemsOf, stepsOf, stepId, type ItemDoc, type StepDoc } from './store';
import { applyStats, statsDelta } from './villageStats';

/**
 * Writing steps: each step is inserted under a deterministic id (item + sequence number), so
 * two writers racing for the same next step cannot both succeed, and a retry cannot add one
 * twice. The item (a cache of the steps' fold) follows with a compare-and-set on its step
 * count; a write interrupted between the two is repaired by whoever comes next.
 */

/** Fields of the item that steps change (everything but what was fixed at raising). */
const STEP_FIELDS = [
  'state',
  'stepCount',
  'answerDueAt',
  'rateDueAt',
  'assigneeId',
  'assigneeName',
  'rating',
  'objected',
  'escalationReason',
  'firstAnsweredAt',
  'lastAnswer',
  'publicAnswer',
  'closedAt',
] as const satisfies readonly (keyof ItemCore)[];

function changed(after: ItemCore): Record<string, unknown> {
  return Object.fromEntries(STEP_FIELDS.map((k) => [k, after[k]]));
}

function stepDoc(item: ItemDoc, step: Step): StepDoc {
  return { _id: stepId(item._id, step.seq), itemId: item._id, villageId: item.villageId, ...step };
}

/** Moves the item cache to `after` if nobody else moved it meanwhile; keeps the village figures. */
async function saveFold(store: Store, item: ItemDoc, after: ItemDoc): Promise<boolean> {
  const n = await itemsOf(store).updateWhere(
    { _id: item._id, stepCount: item.stepCount },
    { set: changed(after) },
  );
  if (n === 0) return false;
  await applyStats(store, item.townId, item.villageId, statsDelta(item._id, item, after));
  return true;
}

/** Steps stored beyond the item's count (a write interrupted before the item was updated). */
async function repair(store: Store, item: ItemDoc): Promise<ItemDoc> {
  const extra = await findAll(stepsOf(store), { itemId: item._id, seq: { $gt: item.stepCount } });
  if (!extra.length) return (await itemsOf(store).get(item._id)) ?? item;
  const after = foldSteps(item, extra) as ItemDoc;
  await saveFold(store, item, after);
  return (await itemsOf(store).get(item._id)) ?? after;
}

export type Commit = { ok: true; item: ItemDoc } | { ok: false; item: ItemDoc; existing: StepDoc | null };

/**
 * Stores the steps and folds them into the item. On a lost race (the first step's id is
 * taken) the item is brought up to date and `ok: false` returned with the step found there.
 */
export async function commit(store: Store, item: ItemDoc, steps: Step[]): Promise<Commit> {
  for (const step of steps) {
    try {
      await stepsOf(store).insert(stepDoc(item, step));
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      const first = steps[0]?.seq ?? step.seq;
      const existing = await stepsOf(store).get(stepId(item._id, first));
      return { ok: false, item: await repair(store, item), existing };
    }
  }
  const after = steps.reduce<ItemCore>(applyStep, item) as ItemDoc;
  if (!(await saveFold(store, item, after)))
    return { ok: false, item: await repair(store, item), existing: null };
  return { ok: true, item: after };
}

/**
 * The item with every step the clock has made due stored (escalations, closes without rating),
 * whoever comes first (a reader, a writer or the timer); the town hears of each escalation once,
 * from whoever stored it.
 */
export async function settle(env: Env, item: ItemDoc, now: Date): Promise<ItemDoc> {
  let current = item;
  // Each due step moves the item to a later stage; three rounds cover every chain.
  for (let round = 0; round < 3; round++) {
    const due = dueSteps(current, now);
    if (!due.length) return current;
    const r = await commit(env.store, current, due);
    if (r.ok) await notifyAfter(env, r.item, due);
    current = r.item;
  }
  return current;
}

/** Reads an item and repairs a write interrupted between its step and the item. */
export async function readItem(store: Store, itemId: string): Promise<ItemDoc> {
  const item = await itemsOf(store).get(itemId);
  if (!item) throw new DomainError('NOT_FOUND', '没有找到这条问题反映');
  const next = await stepsOf(store).get(stepId(item._id, item.stepCount + 1));
  return next ? repair(store, item) : item;
}

export async function stepsOfItem(store: Store, itemId: string): Promise<StepDoc[]> {
  return findAll(stepsOf(store), { itemId }, { sort: { seq: 1 } });
}

export async function villageName(store: Store, villageId: string): Promise<string> {
  return (await villages(store).get(villageId))?.name ?? '';
}
