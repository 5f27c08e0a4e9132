import { randomInt } from 'node:crypto';
import { accountInputs as I, type Invitation } from '../common/contracts/account';
import { CADRE_GRANTABLE_ROLES, type Role } from '../common/contracts/shared';
import { DomainError } from '../common/errors';
import { requireVillageManager, users, type UserDoc } from '../common/identity';
import { action } from '../common/router';
import { DuplicateKeyError } from '../common/store/port';
import { invitationsOf, type InvitationDoc } from './store';
import { bindingOf, requireUnbound } from './views';

/** Invitations: a cadre or the town hands out roles by a code read aloud. */

/** No 0/O or 1/I: codes are read aloud and typed by older people. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function newCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** Roles a cadre may hand out; representatives, cadres and supervisors come from the town. */
const CADRE_MAY_GRANT: readonly Role[] = CADRE_GRANTABLE_ROLES;

export const createInvitation = action(I.createInvitation, async (input, ctx): Promise<Invitation> => {
  const { user, village } = await requireVillageManager(ctx.store, ctx.principal, input.villageId);
  if (input.roles.includes('townAdmin'))
    throw new DomainError('FORBIDDEN_ROLE', '镇管理员不能通过村邀请码产生');
  const isTown = user.roles.includes('townAdmin');
  if (!isTown && input.roles.some((r) => !CADRE_MAY_GRANT.includes(r))) {
    throw new DomainError('FORBIDDEN_ROLE', '村民代表、村干部和村监委成员须由镇管理员邀请');
  }
  const now = ctx.clock.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc: InvitationDoc = {
      _id: newCode(),
      villageId: village._id,
      townId: village.townId,
      roles: [...new Set(input.roles)],
      maxUses: input.maxUses,
      used: 0,
      expiresAt: new Date(now.getTime() + input.validDays * 86_400_000).toISOString(),
      createdBy: user._id,
      createdAt: now.toISOString(),
    };
    try {
      await invitationsOf(ctx.store).insert(doc);
      return {
        code: doc._id,
        villageId: doc.villageId,
        roles: doc.roles,
        maxUses: doc.maxUses,
        used: 0,
        expiresAt: doc.expiresAt,
      };
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
  }
  throw new DomainError('INTERNAL');
});

export const redeemInvitation = action(I.redeemInvitation, async (input, ctx) => {
  requireUnbound(ctx.principal);
  const inv = await invitationsOf(ctx.store).get(input.code);
  if (!inv) throw new DomainError('INVITATION_INVALID');
  const now = ctx.clock.now();
  if (inv.expiresAt <= now.toISOString()) throw new DomainError('INVITATION_EXPIRED');
  // Take a use atomically: only succeeds while uses remain.
  const taken = await invitationsOf(ctx.store).updateWhere(
    { _id: inv._id, used: { $lt: inv.maxUses } },
    { inc: { used: 1 } },
  );
  if (taken === 0) throw new DomainError('INVITATION_EXPIRED');
  const user: UserDoc = {
    _id: ctx.principal.openid,
    name: input.name,
    townId: inv.townId,
    villageId: inv.villageId,
    roles: inv.roles,
    boundAt: now.toISOString(),
    via: 'invitation',
  };
  try {
    await users(ctx.store).insert(user);
  } catch (e) {
    await invitationsOf(ctx.store).update(inv._id, { inc: { used: -1 } });
    if (e instanceof DuplicateKeyError) throw new DomainError('ALREADY_BOUND');
    throw e;
  }
  return bindingOf(ctx.store, user);
});
