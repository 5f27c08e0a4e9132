import { assertMayName } from './access';
import type { Role } from './contracts/shared';
import { DomainError } from './errors';
import type { Collection, Doc, Store } from './store/port';

export interface UserDoc extends Doc {
  /** The WeChat openid: the only identity we accept, taken from the server context. */
  _id: string;
  name: string;
  townId: string;
  villageId: string | null;
  roles: Role[];
  boundAt: string;
  via: 'invitation' | 'roster' | 'seed';
}

export interface VillageDoc extends Doc {
  name: string;
  townId: string;
  /** First month from which disclosure cadence is tracked ('YYYY-MM'). */
  trackingSince: string;
}

export interface TownDoc extends Doc {
  name: string;
}

/** Who is calling: resolved on the server from the WeChat context, never from the event. */
export interface Principal {
  openid: string;
  user: UserDoc | null;
}

export const users = (s: Store): Collection<UserDoc> => s.collection<UserDoc>('users');
export const villages = (s: Store): Collection<VillageDoc> => s.collection<VillageDoc>('villages');
export const towns = (s: Store): Collection<TownDoc> => s.collection<TownDoc>('towns');

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return !!p.user && p.user.roles.some((r) => roles.includes(r));
}

export function requireUser(p: Principal): UserDoc {
  if (!p.user) throw new DomainError('NOT_BOUND');
  return p.user;
}

/** The caller must hold one of the roles (anywhere they are bound). */
export function requireRole(p: Principal, ...roles: Role[]): UserDoc {
  const u = requireUser(p);
  if (!u.roles.some((r) => roles.includes(r))) throw new DomainError('FORBIDDEN_ROLE');
  return u;
}

/**
 * The village an action reads: a villager's own, or for a town admin any village of the town
 * (the admin must name it, or gets NOT_FOUND when none is given).
 */
export async function resolveVillage(
  store: Store,
  p: Principal,
  requested: string | undefined,
): Promise<VillageDoc> {
  const u = requireUser(p);
  const id = requested ?? u.villageId;
  if (!id) throw new DomainError('NOT_FOUND', '请选择要查看的村');
  assertMayName(u, id);
  const v = await villages(store).get(id);
  if (!v) throw new DomainError('NOT_FOUND', '没有找到这个村');
  if (v.townId !== u.townId) throw new DomainError('FORBIDDEN_VILLAGE');
  return v;
}

/**
 * For writes: the caller must hold one of `roles` in exactly this village. Town admins act
 * on any village of their own town only when 'townAdmin' is among the roles.
 */
export async function requireVillageRole(
  store: Store,
  p: Principal,
  villageId: string,
  ...roles: Role[]
): Promise<{ user: UserDoc; village: VillageDoc }> {
  const user = requireRole(p, ...roles);
  const actsAsTown = roles.includes('townAdmin') && user.roles.includes('townAdmin');
  if (!actsAsTown && user.villageId !== villageId) throw new DomainError('FORBIDDEN_VILLAGE');
  const village = await villages(store).get(villageId);
  if (!village) throw new DomainError('NOT_FOUND', '没有找到这个村');
  if (village.townId !== user.townId) throw new DomainError('FORBIDDEN_VILLAGE');
  if (!actsAsTown && !user.roles.some((r) => r !== 'townAdmin' && roles.includes(r))) {
    throw new DomainError('FORBIDDEN_ROLE');
  }
  return { user, village };
}

/** A cadre of the village or a town admin of its town: who manages its members, invitations and reports. */
export function requireVillageManager(
  store: Store,
  p: Principal,
  villageId: string,
): Promise<{ user: UserDoc; village: VillageDoc }> {
  return requireVillageRole(store, p, villageId, 'cadre', 'townAdmin');
}
