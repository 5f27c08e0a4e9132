import { type Binding, type Claim } from '../common/contracts/account';
import { DomainError } from '../common/errors';
import { towns, villages, type Principal, type UserDoc } from '../common/identity';
import { type Store } from '../common/store/port';
import { type ClaimDoc } from './store';

/** How a person's binding and a claim are shown, and the refusal of a second binding. */

export async function bindingOf(store: Store, u: UserDoc): Promise<Binding> {
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

export const claimOf = (c: ClaimDoc): Claim => ({
  id: c._id,
  villageId: c.villageId,
  name: c.name,
  phoneLast4: c.phoneLast4,
  status: c.status,
  createdAt: c.createdAt,
});

export function requireUnbound(p: Principal) {
  if (p.user) throw new DomainError('ALREADY_BOUND');
}
