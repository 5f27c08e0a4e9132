import { DomainError } from '../common/errors';
import { requireUser, requireVillageRole, type Principal } from '../common/identity';
import type { Store } from '../common/store/port';
import type { RoundDoc } from './store';

/** Cadres of the village, its supervisors and the town's admins check a round's count. */
export async function requireSteward(store: Store, p: Principal, round: RoundDoc) {
  return requireVillageRole(store, p, round.villageId, 'cadre', 'supervisor', 'townAdmin');
}

export /** Only the town's admins open and close rounds: nobody in the village steers what rates it. */
function requireTownAdmin(p: Principal, what: string) {
  const u = requireUser(p);
  if (!u.roles.includes('townAdmin')) {
    throw new DomainError('FORBIDDEN_ROLE', `测评由镇纪委统一${what}，村里只能查看参与情况`);
  }
  return u;
}
