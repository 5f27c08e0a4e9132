import type { Role } from './contracts/shared';
import { DomainError } from './errors';

/**
 * "May this person see or change this village": the one place it is answered. Every context's
 * policy asks here, always with the host's identity and the stored village, never the client's.
 */

/** What of a person decides their standing in a village (a bound user). */
export interface Standing {
  roles: readonly Role[];
  townId: string;
  villageId: string | null;
}

/** A village as stored (or a target naming one; a town-level target has no village). */
export interface VillageRef {
  _id: string | null;
  townId: string;
}

/** A member of the village: bound to it, in its town. */
export function inVillage(user: Standing | null, village: VillageRef): boolean {
  return !!user && village._id !== null && user.villageId === village._id && user.townId === village.townId;
}

/** A town admin of the village's town. */
export function townAdminOf(user: Standing | null, townId: string): boolean {
  return !!user && user.roles.includes('townAdmin') && user.townId === townId;
}

/**
 * Whether the user acts on the village holding one of `roles`: a village role counts in their
 * own village only, `townAdmin` in every village of their town.
 */
export function actsFor(user: Standing | null, village: VillageRef, ...roles: Role[]): boolean {
  if (!user) return false;
  if (roles.includes('townAdmin') && townAdminOf(user, village.townId)) return true;
  return inVillage(user, village) && user.roles.some((r) => r !== 'townAdmin' && roles.includes(r));
}

/**
 * Before a village is loaded by the id a caller names: a villager may name their own village
 * only, a town admin any (its town is checked once the village is loaded).
 */
export function assertMayName(user: Standing, villageId: string): void {
  if (!user.roles.includes('townAdmin') && villageId !== user.villageId)
    throw new DomainError('FORBIDDEN_VILLAGE');
}
