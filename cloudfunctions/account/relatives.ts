import type { z } from 'zod';
import {
  relativesInputs as I,
  type DeclaredRelative,
  type RelativesOutputs,
} from '../common/contracts/payouts';
import { DomainError } from '../common/errors';
import { requireUser, type UserDoc } from '../common/identity';
import { action, type Ctx } from '../common/router';
import { DuplicateKeyError, findAll } from '../common/store/port';
import { refreshPayoutFlags } from '../disclosure/public';
import { relativesOf, relativeVersionsOf, type RelativesDoc } from './relativesStore';
import { rosterOf } from './store';

/**
 * 近亲属申报: each cadre and 村监委 member declares their close relatives, by roster entry or
 * name. A declaration replaces the one before, and every earlier one stays: the 优亲厚友 check
 * weighs everyone ever declared, so taking a name off before a payout hides nothing. A new
 * declaration refreshes the village's payout flags.
 */

const DECLARERS = ['cadre', 'supervisor'] as const;

function declarer(ctx: Ctx): UserDoc & { villageId: string } {
  const user = requireUser(ctx.principal);
  if (!user.roles.some((r) => (DECLARERS as readonly string[]).includes(r)))
    throw new DomainError('FORBIDDEN_ROLE');
  if (!user.villageId) throw new DomainError('NOT_BOUND');
  return user as UserDoc & { villageId: string };
}

const keyOf = (r: DeclaredRelative) => `${r.name}\n${r.rosterId ?? ''}`;

export async function myRelatives(
  _input: z.output<typeof I.myRelatives>,
  ctx: Ctx,
): Promise<RelativesOutputs['myRelatives']> {
  const user = declarer(ctx);
  const doc = await relativesOf(ctx.store).get(`${user.villageId}:${user._id}`);
  const roster = await findAll(rosterOf(ctx.store), { villageId: user.villageId }, { fields: ['name'] });
  return {
    relatives: doc?.relatives ?? [],
    version: doc?.version ?? 0,
    declaredAt: doc?.declaredAt ?? null,
    roster: roster.map((r) => ({ id: r._id, name: r.name })),
  };
}

export async function declareRelatives(
  input: z.output<typeof I.declareRelatives>,
  ctx: Ctx,
): Promise<RelativesOutputs['declareRelatives']> {
  const user = declarer(ctx);
  const id = `${user.villageId}:${user._id}`;
  const cur = await relativesOf(ctx.store).get(id);
  // A retry of the declaration already made answers with it.
  if (cur) {
    const made = await relativeVersionsOf(ctx.store).get(`${id}.v${cur.version}`);
    if (made?.requestId === input.requestId) {
      return { relatives: cur.relatives, version: cur.version, declaredAt: cur.declaredAt };
    }
  }
  const ids = [...new Set(input.relatives.flatMap((r) => (r.rosterId ? [r.rosterId] : [])))];
  if (ids.length > 0) {
    const found = await rosterOf(ctx.store).find({ _id: { $in: ids }, villageId: user.villageId });
    if (found.length !== ids.length)
      throw new DomainError('NOT_FOUND', '所选的村民不在本村名册中，请重新选择');
    const names = new Map(found.map((f) => [f._id, f.name]));
    if (input.relatives.some((r) => r.rosterId && names.get(r.rosterId) !== r.name)) {
      throw new DomainError('RELATIVE_NAME_MISMATCH');
    }
  }
  const version = (cur?.version ?? 0) + 1;
  const declaredAt = ctx.clock.now().toISOString();
  try {
    await relativeVersionsOf(ctx.store).insert({
      _id: `${id}.v${version}`,
      villageId: user.villageId,
      openid: user._id,
      version,
      requestId: input.requestId,
      relatives: input.relatives,
      declaredAt,
    });
  } catch (e) {
    if (e instanceof DuplicateKeyError) throw new DomainError('VERSION_CONFLICT');
    throw e;
  }
  const ever = new Map((cur?.ever ?? []).map((r) => [keyOf(r), r]));
  for (const r of input.relatives) ever.set(keyOf(r), r);
  const doc: RelativesDoc = {
    _id: id,
    villageId: user.villageId,
    townId: user.townId,
    openid: user._id,
    declarer: user.name,
    roles: user.roles,
    version,
    relatives: input.relatives,
    ever: [...ever.values()],
    declaredAt,
  };
  if (cur) {
    const { _id, ...rest } = doc;
    await relativesOf(ctx.store).update(_id, { set: rest });
  } else await relativesOf(ctx.store).insert(doc);
  await refreshPayoutFlags(ctx.store, user.villageId);
  return { relatives: input.relatives, version, declaredAt };
}

export const relativesActions = {
  myRelatives: action(I.myRelatives, myRelatives),
  declareRelatives: action(I.declareRelatives, declareRelatives),
};
