import { createHash, randomInt } from 'node:crypto';
import { chinaDateKey } from '../common/clock';
import {
  accountInputs as I,
  planRosterImport,
  type AccountOutputs,
  type Binding,
  type Claim,
  type Invitation,
  type Me,
  type RefusedRosterRow,
  type ReviewableClaim,
} from '../common/contracts/account';
import { CADRE_GRANTABLE_ROLES, type Role } from '../common/contracts/shared';
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
  type VillageDoc,
} from '../common/identity';
import { action } from '../common/router';
import { villageHome } from '../disclosure/public';
import { relativesActions } from './relatives';
import { myRoundEntry } from '../survey/public';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import {
  claimMissesOf,
  claimsOf,
  invitationsOf,
  rosterOf,
  type ClaimDoc,
  type InvitationDoc,
  type RosterEntryDoc,
} from './store';

/** No 0/O or 1/I: codes are read aloud and typed by older people. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function newCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);

/** Roles a cadre may hand out; representatives, cadres and supervisors come from the town. */
const CADRE_MAY_GRANT: readonly Role[] = CADRE_GRANTABLE_ROLES;

/** Wrong name + last-4 guesses one person may make per China day before claiming stops. */
export const MAX_CLAIM_MISSES_PER_DAY = 5;

/** Roster rows written at once: few round trips, yet well within the database's limits. */
const ROSTER_WRITE_BATCH = 20;

const rosterIdOf = (villageId: string, name: string, phoneLast4: string) =>
  `r${hash(villageId, name, phoneLast4)}`;

/**
 * Takes one of today's guesses before looking at the roster (atomically, so parallel requests
 * cannot exceed the limit); a guess that matches gives it back.
 */
async function takeClaimAttempt(store: Store, openid: string, today: string): Promise<() => Promise<void>> {
  const misses = claimMissesOf(store);
  const id = `${openid}|${today}`;
  const giveBack = async () => {
    await misses.update(id, { inc: { misses: -1 } });
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    const below = { _id: id, misses: { $lt: MAX_CLAIM_MISSES_PER_DAY } };
    if (await misses.updateWhere(below, { inc: { misses: 1 } })) return giveBack;
    const day = await misses.get(id);
    if (day && day.misses >= MAX_CLAIM_MISSES_PER_DAY) throw new DomainError('TOO_MANY_ATTEMPTS');
    // No counter yet (or a give-back raced us): start today's, or try again.
    if (!day) {
      try {
        await misses.insert({ _id: id, openid, day: today, misses: 1 });
        return giveBack;
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
      }
    }
  }
  throw new DomainError('INTERNAL');
}

/** Runs `write` over `items` a batch at a time; each batch in parallel. */
async function inBatches<T>(items: readonly T[], size: number, write: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(write));
}

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

/**
 * Binds the person of an approved claim: takes the roster entry, then creates the user. Every
 * step is idempotent, so a retry after a failure anywhere in between finishes the job.
 */
async function completeApproval(store: Store, claim: ClaimDoc, village: VillageDoc, now: string) {
  // Two people may have claimed one entry: the entry goes to the first approved claim only.
  const took = await rosterOf(store).updateWhere(
    { _id: claim.rosterId, claimedBy: null },
    { set: { claimedBy: claim.openid } },
  );
  const entry = await rosterOf(store).get(claim.rosterId);
  if (!entry || (took === 0 && entry.claimedBy !== claim.openid)) {
    await claimsOf(store).update(claim._id, { set: { status: 'rejected' } });
    throw new DomainError('ROSTER_NO_MATCH', '该名册条目已被他人认领，认领未通过');
  }
  const user: UserDoc = {
    _id: claim.openid,
    name: claim.name,
    townId: village.townId,
    villageId: village._id,
    roles: entry.roles,
    boundAt: now,
    via: 'roster',
  };
  try {
    await users(store).insert(user);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const existing = await users(store).get(claim.openid);
    // A concurrent retry of this very approval bound them already.
    if (existing?.via === 'roster' && existing.villageId === village._id && existing.name === claim.name)
      return;
    // A person of this village bound by invitation: the entry is now linked to them, so they
    // and their roster entry are one person (one voter in a survey round).
    if (existing && existing.via !== 'roster' && existing.villageId === village._id) return;
    await rosterOf(store).updateWhere(
      { _id: claim.rosterId, claimedBy: claim.openid },
      { set: { claimedBy: null } },
    );
    await claimsOf(store).update(claim._id, { set: { status: 'rejected' } });
    throw new DomainError('ALREADY_BOUND', '该微信用户已绑定其他身份，认领未通过');
  }
}

function requireUnbound(p: Principal) {
  if (p.user) throw new DomainError('ALREADY_BOUND');
}

export const accountActions = {
  me: action(I.me, async (_input, ctx) => {
    const p = ctx.principal;
    // A person bound by invitation may still link their own roster entry (one person, one
    // voter): they see whether it is linked and their pending claim, if any.
    const mayLink = !!p.user && p.user.via === 'invitation' && !!p.user.villageId;
    const [pending, linked] = await Promise.all([
      p.user && !mayLink
        ? []
        : claimsOf(ctx.store).find({ openid: p.openid, status: 'pending' }, { limit: 1 }),
      mayLink ? rosterOf(ctx.store).count({ villageId: p.user!.villageId, claimedBy: p.openid }) : 0,
    ]);
    const reply: AccountOutputs['me'] = {
      signedIn: true,
      binding: p.user ? await bindingOf(ctx.store, p.user) : null,
      pendingClaim: pending[0] ? claimOf(pending[0]) : null,
    };
    if (mayLink) reply.rosterLink = linked > 0 ? 'linked' : 'unlinked';
    return reply;
  }),

  home: action(I.home, async (input, ctx) => {
    const p = ctx.principal;
    const u = p.user;
    if (!u) {
      const pending = await claimsOf(ctx.store).find({ openid: p.openid, status: 'pending' }, { limit: 1 });
      const me: Me = { signedIn: true, binding: null, pendingClaim: pending[0] ? claimOf(pending[0]) : null };
      return { me, home: null, homeError: null };
    }
    const binding = (townName: string, villageName: string | null): Binding => ({
      name: u.name,
      townId: u.townId,
      townName,
      villageId: u.villageId,
      villageName,
      roles: u.roles,
    });
    if (input.villageId || u.villageId) {
      try {
        // The read model knows the village's and the town's names: nothing else to read.
        const home = await villageHome(ctx.store, p, input.villageId, ctx.clock.now());
        // Whether I may and did answer the open round: my own entry, only when a round is open.
        const survey = home.feed.survey;
        if (survey && u.villageId === home.village.id)
          Object.assign(survey, await myRoundEntry(ctx.store, p, survey.round.id));
        const me: Me = {
          signedIn: true,
          binding: binding(home.village.townName, u.villageId ? home.village.name : null),
          pendingClaim: null,
        };
        return { me, home, homeError: null };
      } catch (e) {
        // A town admin's chosen village may be gone or of another town: say so, and still
        // tell who they are so they can pick another.
        if (!(e instanceof DomainError) || !input.villageId || !u.roles.includes('townAdmin')) throw e;
        const me: Me = { signedIn: true, binding: await bindingOf(ctx.store, u), pendingClaim: null };
        return { me, home: null, homeError: { code: e.code, message: e.message } };
      }
    }
    const town = await towns(ctx.store).get(u.townId);
    return {
      me: { signedIn: true, binding: binding(town?.name ?? '', null), pendingClaim: null },
      home: null,
      homeError: null,
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
    const { user, village } = await requireVillageRole(
      ctx.store,
      ctx.principal,
      input.villageId,
      'cadre',
      'townAdmin',
    );
    const isTown = user.roles.includes('townAdmin');
    const importedAt = ctx.clock.now().toISOString();
    const refused: RefusedRosterRow[] = [];
    const docs = new Map<string, RosterEntryDoc>();
    // The same plan the cadre's preview showed: refused rows and repeats of the same sheet.
    const plan = planRosterImport(
      input.entries.map((e) => ({ ...e, roles: [...new Set(e.roles)] })),
      isTown,
    );
    for (const r of plan.refused) {
      refused.push({ name: r.entry.name, phoneLast4: r.entry.phoneLast4, reason: r.reason });
    }
    let skipped = plan.repeats.length;
    for (const e of plan.accepted) {
      const _id = rosterIdOf(village._id, e.name, e.phoneLast4);
      docs.set(_id, {
        _id,
        villageId: village._id,
        name: e.name,
        phoneLast4: e.phoneLast4,
        roles: e.roles,
        claimedBy: null,
        importedAt,
      });
    }
    let added = 0;
    // Ids are deterministic, so a retried import skips what the first attempt wrote.
    await inBatches([...docs.values()], ROSTER_WRITE_BATCH, async (doc) => {
      try {
        await rosterOf(ctx.store).insert(doc);
        added++;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        skipped++;
      }
    });
    return { added, skipped, refused };
  }),

  claimRoster: action(I.claimRoster, async (input, ctx) => {
    // A person bound by invitation may claim their own roster entry in their village, so a
    // cadre can link the two (one person, one voter); anyone else bound cannot claim.
    const bound = ctx.principal.user;
    if (bound && !(bound.via === 'invitation' && bound.villageId === input.villageId))
      requireUnbound(ctx.principal);
    if (bound && (await rosterOf(ctx.store).count({ villageId: input.villageId, claimedBy: bound._id }))) {
      throw new DomainError('ALREADY_BOUND', '您已经关联了本村名册');
    }
    const pending = await claimsOf(ctx.store).find(
      { openid: ctx.principal.openid, status: 'pending' },
      { limit: 1 },
    );
    if (pending.length) throw new DomainError('CLAIM_PENDING');
    const giveBack = await takeClaimAttempt(ctx.store, ctx.principal.openid, chinaDateKey(ctx.clock.now()));
    const entry = await rosterOf(ctx.store).get(rosterIdOf(input.villageId, input.name, input.phoneLast4));
    // An entry already taken by the caller: an approval that stopped half-way; claiming again
    // lets a cadre finish it.
    if (!entry || (entry.claimedBy && entry.claimedBy !== ctx.principal.openid))
      throw new DomainError('ROSTER_NO_MATCH');
    await giveBack();
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
    // Bounded: one pending claim per person.
    const pending = await findAll(
      claimsOf(ctx.store),
      { villageId, status: 'pending' },
      { sort: { createdAt: 1 } },
    );
    const perEntry = new Map<string, number>();
    for (const c of pending) perEntry.set(c.rosterId, (perEntry.get(c.rosterId) ?? 0) + 1);
    const claims: ReviewableClaim[] = pending
      .slice(0, 200)
      .map((c) => ({ ...claimOf(c), sameEntryClaims: perEntry.get(c.rosterId) ?? 1 }));
    return { claims };
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
    const status = input.approve ? 'approved' : 'rejected';
    if (claim.status !== 'pending') {
      // An approval that stopped before the person was bound (the claim says approved, yet no
      // user): approving again finishes it. Anything else was decided already.
      const unfinished =
        input.approve &&
        claim.status === 'approved' &&
        (!(await users(ctx.store).get(claim.openid)) ||
          (await rosterOf(ctx.store).get(claim.rosterId))?.claimedBy !== claim.openid);
      if (!unfinished) throw new DomainError('CLAIM_NOT_PENDING');
    } else {
      // Decide once: only a pending claim moves on, even under concurrent reviews.
      const moved = await claimsOf(ctx.store).updateWhere(
        { _id: claim._id, status: 'pending' },
        { set: { status, reviewedBy: reviewer._id, reviewedAt: now } },
      );
      if (moved === 0) throw new DomainError('CLAIM_NOT_PENDING');
    }
    if (input.approve) await completeApproval(ctx.store, claim, village, now);
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
  ...relativesActions,
};
