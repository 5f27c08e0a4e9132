import type { UserDoc } from '../common/identity';

/** Cadres of the village and town admins of its town: who sees drafts, read counts, delivery. */
export function manages(user: UserDoc | null, villageId: string, townId: string): boolean {
  if (!user) return false;
  if (user.roles.includes('townAdmin') && user.townId === townId) return true;
  return user.roles.includes('cadre') && user.villageId === villageId;
}
