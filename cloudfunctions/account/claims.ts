import { chinaDateKey } from '../common/clock';
import { accountInputs as I, type ReviewableClaim } from '../common/contracts/account';
import { DomainError } from '../common/errors';
import {
  requireUser,
  requireVillageManager,
  requireVillageRole,
  users,
  type UserDoc,
  type VillageDoc,
} from '../common/identity';
import { action } from '../common/router';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { claimMissesOf, claimsOf, rosterOf, type ClaimDoc } from './store';
import { claimOf, requireUnbound } from './views';
import { hash, rosterIdOf } from './roster';

/** Roster claims: a person claims their entry by name and phone, a cadre approves. */

/** Wrong name + last-4 guesses one person may make per China day before claiming stops. */
export const MAX_CLAIM_MISSES_PER_DAY = 5;

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

export const claimRoster = action(I.claimRoster, async (input, ctx) => {
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
});

export const listClaims = action(I.listClaims, async (input, ctx) => {
  const user = requireUser(ctx.principal);
  const villageId = input.villageId ?? user.villageId ?? '';
  await requireVillageManager(ctx.store, ctx.principal, villageId);
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
});

export const reviewClaim = action(I.reviewClaim, async (input, ctx) => {
  const claim = await claimsOf(ctx.store).get(input.claimId);
  if (!claim) throw new DomainError('NOT_FOUND');
  const { user: reviewer, village } = await requireVillageRole(
    ctx.store,
    ctx.principal,
    claim.villageId,
    'cadre',
  );
  // A cadre bound by invitation may claim an entry too: another cadre decides it.
  if (claim.openid === reviewer._id)
    throw new DomainError('FORBIDDEN_ROLE', '不能审核自己提交的认领，请由本村其他村干部审核');
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
});
