import type { ItemDetail } from '../common/contracts/oversight';
import { oversightInputs as I } from '../common/contracts/oversight';
import { DomainError } from '../common/errors';
import { requireUser, users, type UserDoc } from '../common/identity';
import type { Ctx } from '../common/router';
import { findAll } from '../common/store/port';
import type { z } from 'zod';
import { decide, type Actor, type ActorRole, type Command } from './domain/item';
import { commit, readItem, settle, stepsOfItem, villageName } from './flow';
import { answeredBy, authorize, ownHandling, type OversightAction, type Persona } from './policy';
import { notifyAfter } from './notify';
import { appendPublicAnswers } from './publicRecord';
import type { ItemDoc } from './store';
import { detailOf } from './views';

/**
 * The steps of the loop after raising: 受理/转交 and 核实 by the 村监委, 答复 by a cadre,
 * 评价/异议 by the reporter, 督办/接办/办结 by the town. Each is one function: load and settle
 * the item, ask the policy, ask the domain, store the steps, reply with the item as the
 * caller may see it.
 */

const ROLE_FOR: Record<Persona, ActorRole> = {
  villager: 'reporter',
  reporter: 'reporter',
  cadre: 'cadre',
  supervisor: 'supervisor',
  town: 'town',
};

/** The cadres of a village, for the 村监委 to assign an item to. */
export async function cadresOf(ctx: Ctx, villageId: string): Promise<{ id: string; name: string }[]> {
  const rows = await findAll(users(ctx.store), { villageId, roles: 'cadre' }, { fields: ['name'] });
  return rows.map((u) => ({ id: u._id, name: u.name }));
}

/** The item as the caller may see it now, with its steps. */
export async function detailFor(ctx: Ctx, user: UserDoc, item: ItemDoc): Promise<ItemDetail> {
  const [steps, name] = await Promise.all([
    stepsOfItem(ctx.store, item._id),
    villageName(ctx.store, item.villageId),
  ]);
  const supervises = user.roles.includes('supervisor') && user.villageId === item.villageId;
  const cadres =
    supervises && item.state === 'submitted'
      ? (await cadresOf(ctx, item.villageId)).filter((c) => c.id !== item.reporterId)
      : undefined;
  return detailOf(item, steps, user, name, ctx.clock.now(), cadres);
}

/** Commands that can make an answer public (verify: the 村监委 passes it; close: the town's conclusion). */
const PUBLISHING: readonly OversightAction[] = ['verify', 'close'];

async function act(
  ctx: Ctx,
  action: OversightAction,
  itemId: string,
  command: (user: UserDoc, item: ItemDoc) => Promise<Command> | Command,
): Promise<ItemDetail> {
  const user = requireUser(ctx.principal);
  const now = ctx.clock.now();
  const stored = await readItem(ctx.store, itemId);
  // Asked first: a refused caller changes nothing, not even the steps the clock has made due.
  const granted = authorize(user, action, {
    villageId: stored.villageId,
    townId: stored.townId,
    reporterId: stored.reporterId,
  });
  const own = ownHandling(user._id, action, {
    reporterId: stored.reporterId,
    answeredBy: action === 'verify' ? answeredBy(await stepsOfItem(ctx.store, stored._id)) : null,
  });
  if (own) throw new DomainError(own);
  const item = await settle(ctx, stored, now);
  const persona = granted[0] as Persona;
  const actor: Actor = { id: user._id, name: user.name, role: ROLE_FOR[persona] };
  const cmd = await command(user, item);
  const decision = decide(item, cmd, actor, now.toISOString());
  if (!decision.ok) {
    // A retry of a publication whose entry a crash left unwritten completes it.
    if (PUBLISHING.includes(action)) await appendPublicAnswers(ctx.store, item);
    throw new DomainError(decision.code);
  }
  const r = await commit(ctx.store, item, decision.steps);
  if (!r.ok) {
    // A retry of a command that went in before is answered as done; anything else lost a race.
    const first = decision.steps[0];
    const same = r.existing && first && r.existing.kind === first.kind && r.existing.actor.id === actor.id;
    if (!same) throw new DomainError('STEP_CONFLICT');
    if (PUBLISHING.includes(action)) await appendPublicAnswers(ctx.store, r.item);
    return detailFor(ctx, user, r.item);
  }
  // An answer made public enters the public record chain before anyone hears of it.
  if (PUBLISHING.includes(action)) await appendPublicAnswers(ctx.store, r.item);
  await notifyAfter(ctx, r.item, decision.steps);
  return detailFor(ctx, user, r.item);
}

export async function accept(input: z.output<typeof I.accept>, ctx: Ctx) {
  return act(ctx, 'accept', input.itemId, async (_user, item) => {
    if (!input.assigneeId) return { kind: 'accept', note: input.note };
    const cadre = await users(ctx.store).get(input.assigneeId);
    // A cadre is never assigned a question they raised themselves.
    const own = cadre?._id === item.reporterId;
    if (!cadre || own || cadre.villageId !== item.villageId || !cadre.roles.includes('cadre')) {
      throw new DomainError('ASSIGNEE_INVALID');
    }
    return { kind: 'accept', note: input.note, assignee: { id: cadre._id, name: cadre.name } };
  });
}

export const refer = (input: z.output<typeof I.refer>, ctx: Ctx) =>
  act(ctx, 'refer', input.itemId, () => ({ kind: 'refer', note: input.note }));

export const answer = (input: z.output<typeof I.answer>, ctx: Ctx) =>
  act(ctx, 'answer', input.itemId, () => ({ kind: 'answer', text: input.text, photos: input.photos }));

export const verify = (input: z.output<typeof I.verify>, ctx: Ctx) =>
  act(ctx, 'verify', input.itemId, () => ({ kind: 'verify', outcome: input.outcome, note: input.note }));

export const rate = (input: z.output<typeof I.rate>, ctx: Ctx) =>
  act(ctx, 'rate', input.itemId, () => ({ kind: 'rate', rating: input.rating, comment: input.comment }));

export const object = (input: z.output<typeof I.object>, ctx: Ctx) =>
  act(ctx, 'object', input.itemId, () => ({ kind: 'object', text: input.text }));

export const instruct = (input: z.output<typeof I.instruct>, ctx: Ctx) =>
  act(ctx, 'instruct', input.itemId, () => ({ kind: 'instruct', text: input.text }));

export const takeOver = (input: z.output<typeof I.takeOver>, ctx: Ctx) =>
  act(ctx, 'takeOver', input.itemId, () => ({ kind: 'takeOver', note: input.note }));

export const close = (input: z.output<typeof I.close>, ctx: Ctx) =>
  act(ctx, 'close', input.itemId, () => ({ kind: 'close', conclusion: input.conclusion }));
