import { createHash, randomInt } from 'node:crypto';
import { accountInputs as I, type Binding, type Claim, type Invitation } from '../common/contracts/account';
import { ROSTER_ROLES, type Role } from '../common/contracts/shared';
import { DomainError } from '../common/errors';
import {
  requireUser,
  requireVillageRole,
  resolveVillage,
  towns,
  users,
  villages,
  type Principal,
  type UserDoc,
} from '../common/identity';
import { action } from '../common/router';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { claimsOf, invitationsOf, rosterOf, type ClaimDoc, type InvitationDoc } from './store';

/** No 0/O or 1/I: codes are read aloud and typed by older people. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function newCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);

/** Roles a cadre may hand out; cadres and supervisors are appointed by the town. */
const CADRE_MAY_INVITE: readonly Role[] = ROSTER_ROLES;

async function bindingOf(store: Store, u: UserDoc): Promise<Binding> {
  const [town, village] = await Promise.all([
    towns(store).get(u.townId),
    u.villageId ? villages(store).get(u.villageId) : Promise.resolve(null),
  ]);
  return {
    name: u.name,
    townId: u.townId,
    townName: town?.name ?? '',
    villageId: u.villageId,
    villageName: village?.name ?? null,
    roles: u.roles,
  };
}

const claimOf = (c: ClaimDoc): Claim => ({
  id: c._id,
  villageId: c.villageId,
  name: c.name,
  phoneLast4: c.phoneLast4,
  status: c.status,
  createdAt: c.createdAt,
});

function requireUnbound(p: Principal) {
  if (p.user) throw new DomainError('ALREADY_BOUND');
}

export const accountActions = {
  me: action(I.me, async (_input, ctx) => {
    const p = ctx.principal;
    const pending = p.user
      ? []
      : await claimsOf(ctx.store).find({ openid: p.openid, status: 'pending' }, { limit: 1 });
    return {
      signedIn: true,
      binding: p.user ? await bindingOf(ctx.store, p.user) : null,
      pendingClaim: pending[0] ? claimOf(pending[0]) : null,
    };
  }),

  villages: action(I.villages, async (input, ctx) => {
    const townId = ctx.principal.user?.townId ?? input.townId;
    const list = await findAll(villages(ctx.store), townId ? { townId } : {}, { sort: { name: 1 } });
    return { villages: list.map((v) => ({ id: v._id, name: v.name, townId: v.townId })) };
  }),

  createInvitation: action(I.createInvitation, async (input, ctx): Promise<Invitation> => {
    const { user, village } = await requireVillageRole(
      ctx.store,
      ctx.principal,
      input.villageId,
      'cadre',
      'townAdmin',
    );
    if (input.roles.includes('townAdmin'))
      throw new DomainError('FORBIDDEN_ROLE', '镇管理员不能通过村邀请码产生');
    const isTown = user.roles.includes('townAdmin');
    if (!isTown && input.roles.some((r) => !CADRE_MAY_INVITE.includes(r))) {
      throw new DomainError('FORBIDDEN_ROLE', '村干部和村监委成员须由镇管理员邀请');
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
  }),

  redeemInvitation: action(I.redeemInvitation, async (input, ctx) => {
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
  }),

  importRoster: action(I.importRoster, async (input, ctx) => {
    const { village } = await requireVillageRole(ctx.store, ctx.principal, input.villageId, 'cadre');
    const importedAt = ctx.clock.now().toISOString();
    let added = 0;
    let skipped = 0;
    for (const e of input.entries) {
      try {
        await rosterOf(ctx.store).insert({
          _id: `r${hash(village._id, e.name, e.phoneLast4)}`,
          villageId: village._id,
          name: e.name,
          phoneLast4: e.phoneLast4,
          roles: [...new Set(e.roles)],
          claimedBy: null,
          importedAt,
        });
        added++;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        skipped++;
      }
    }
    return { added, skipped };
  }),

  claimRoster: action(I.claimRoster, async (input, ctx) => {
    requireUnbound(ctx.principal);
    const pending = await claimsOf(ctx.store).find(
      { openid: ctx.principal.openid, status: 'pending' },
      { limit: 1 },
    );
    if (pending.length) throw new DomainError('CLAIM_PENDING');
    const entry = await rosterOf(ctx.store).get(`r${hash(input.villageId, input.name, input.phoneLast4)}`);
    if (!entry || entry.claimedBy) throw new DomainError('ROSTER_NO_MATCH');
    const doc: ClaimDoc = {
      _id: `c${hash(entry._id, ctx.principal.openid)}`,
      openid: ctx.principal.openid,
      villageId: entry.villageId,
      rosterId: entry._id,
      name: entry.name,
      phoneLast4: entry.phoneLast4,
      status: 'pending',
      createdAt: ctx.clock.now().toISOString(),
      reviewedBy: null,
      reviewedAt: null,
    };
    try {
      await claimsOf(ctx.store).insert(doc);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      const prior = await claimsOf(ctx.store).get(doc._id);
      if (prior?.status === 'pending') throw new DomainError('CLAIM_PENDING');
      await claimsOf(ctx.store).update(doc._id, {
        set: { status: 'pending', createdAt: doc.createdAt, reviewedBy: null, reviewedAt: null },
      });
    }
    return claimOf(doc);
  }),

  listClaims: action(I.listClaims, async (input, ctx) => {
    const user = requireUser(ctx.principal);
    const villageId = input.villageId ?? user.villageId ?? '';
    await requireVillageRole(ctx.store, ctx.principal, villageId, 'cadre', 'townAdmin');
    const list = await claimsOf(ctx.store).find(
      { villageId, status: 'pending' },
      { sort: { createdAt: 1 }, limit: 200 },
    );
    return { claims: list.map(claimOf) };
  }),

  reviewClaim: action(I.reviewClaim, async (input, ctx) => {
    const claim = await claimsOf(ctx.store).get(input.claimId);
    if (!claim) throw new DomainError('NOT_FOUND');
    const { user: reviewer, village } = await requireVillageRole(
      ctx.store,
      ctx.principal,
      claim.villageId,
      'cadre',
    );
    const now = ctx.clock.now().toISOString();
    // Decide once: only a pending claim moves on, even under concurrent reviews.
    const status = input.approve ? 'approved' : 'rejected';
    const moved = await claimsOf(ctx.store).updateWhere(
      { _id: claim._id, status: 'pending' },
      { set: { status, reviewedBy: reviewer._id, reviewedAt: now } },
    );
    if (moved === 0) throw new DomainError('CLAIM_NOT_PENDING');
    if (input.approve) {
      // Two people may have claimed one entry: the entry goes to the first approved claim only.
      const took = await rosterOf(ctx.store).updateWhere(
        { _id: claim.rosterId, claimedBy: null },
        { set: { claimedBy: claim.openid } },
      );
      const entry = await rosterOf(ctx.store).get(claim.rosterId);
      if (!entry || (took === 0 && entry.claimedBy !== claim.openid)) {
        await claimsOf(ctx.store).update(claim._id, { set: { status: 'rejected' } });
        throw new DomainError('ROSTER_NO_MATCH', '该名册条目已被他人认领，认领未通过');
      }
      try {
        await users(ctx.store).insert({
          _id: claim.openid,
          name: claim.name,
          townId: village.townId,
          villageId: village._id,
          roles: entry.roles,
          boundAt: now,
          via: 'roster',
        });
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
        await rosterOf(ctx.store).updateWhere(
          { _id: claim.rosterId, claimedBy: claim.openid },
          { set: { claimedBy: null } },
        );
        await claimsOf(ctx.store).update(claim._id, { set: { status: 'rejected' } });
        throw new DomainError('ALREADY_BOUND', '该微信用户已绑定其他身份，认领未通过');
      }
    }
    return claimOf({ ...claim, status });
  }),

  listMembers: action(I.listMembers, async (input, ctx) => {
    const user = requireUser(ctx.principal);
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    if (!user.roles.some((r) => r === 'cadre' || r === 'supervisor' || r === 'townAdmin')) {
      throw new DomainError('FORBIDDEN_ROLE');
    }
    const [members, rosterSize] = await Promise.all([
      findAll(users(ctx.store), { villageId: village._id }, { sort: { name: 1 } }),
      rosterOf(ctx.store).count({ villageId: village._id }),
    ]);
    return {
      members: members.map((m) => ({ name: m.name, roles: m.roles, boundAt: m.boundAt, via: m.via })),
      rosterSize,
    };
  }),
};
