import { actsFor } from '../common/access';
import type { UserDoc } from '../common/identity';

/** Cadres of the village and town admins of its town: who sees drafts, read counts, delivery. */
export function manages(user: UserDoc | null, villageId: string, townId: string): boolean {
  return actsFor(user, { _id: villageId, townId }, 'cadre', 'townAdmin');
}
