import type { Role } from './contracts/shared';
import { DomainError, type ErrorCode } from './errors';
import { requireUser, villages, type Principal, type UserDoc, type VillageDoc } from './identity';
import type { Store } from './store/port';

/**
 * The machinery behind a context's policy table (who may do what to which village). `village`:
 *  - 'own': only in the village the person is bound to;
 *  - 'ownOrTown': their own village, or (a town admin) any village of their town;
 *  - 'town': no village; the town the person belongs to.
 * Each context keeps its own table; the rule that reads a table is written once, here.
 */
export interface PolicyRule {
  roles: readonly Role[];
  village: 'own' | 'ownOrTown' | 'town';
}

export type PolicyTable<P extends string> = Record<P, PolicyRule>;

export interface VillagePolicy<P extends string> {
  /** Pure: null when `user` may act with `permission` on `village` (null for town-wide), else the refusal. */
  refusal(
    user: Pick<UserDoc, 'roles' | 'villageId' | 'townId'>,
    permission: P,
    village: Pick<VillageDoc, '_id' | 'townId'> | null,
  ): ErrorCode | null;
  /** Resolves the caller and the village (their own when none is named) and applies the table. */
  authorize(
    store: Store,
    p: Principal,
    permission: P,
    villageId?: string | null,
  ): Promise<{ user: UserDoc; village: VillageDoc }>;
  /** For town-wide permissions: the caller, refused unless the table allows. */
  authorizeTown(p: Principal, permission: P): UserDoc;
}

/**
 * The refusal, authorize and authorizeTown of one context's table. With `roleHeldInVillage`, a
 * person acting in their own village must hold there (not as town admin) a role the rule names.
 */
export function villagePolicy<P extends string>(
  table: PolicyTable<P>,
  options: { roleHeldInVillage?: boolean } = {},
): VillagePolicy<P> {
  const refusal: VillagePolicy<P>['refusal'] = (user, permission, village) => {
    const rule = table[permission];
    if (!user.roles.some((r) => rule.roles.includes(r))) return 'FORBIDDEN_ROLE';
    if (rule.village === 'town') return null;
    if (!village || village.townId !== user.townId) return 'FORBIDDEN_VILLAGE';
    if (rule.village === 'ownOrTown' && user.roles.includes('townAdmin')) return null;
    if (user.villageId !== village._id) return 'FORBIDDEN_VILLAGE';
    if (!options.roleHeldInVillage) return null;
    return user.roles.some((r) => r !== 'townAdmin' && rule.roles.includes(r)) ? null : 'FORBIDDEN_ROLE';
  };

  const authorize: VillagePolicy<P>['authorize'] = async (store, p, permission, villageId) => {
    const user = requireUser(p);
    const id = villageId ?? user.villageId;
    if (!id) {
      // No village named and none bound (a town admin): ask them to choose one, unless refused outright.
      const code = refusal(user, permission, null);
      throw new DomainError(
        code === 'FORBIDDEN_ROLE' ? code : 'NOT_FOUND',
        code === 'FORBIDDEN_ROLE' ? undefined : '请选择村',
      );
    }
    const village = await villages(store).get(id);
    const code = refusal(user, permission, village);
    if (code) throw new DomainError(code);
    if (!village) throw new DomainError('NOT_FOUND', '没有找到这个村');
    return { user, village };
  };

  const authorizeTown: VillagePolicy<P>['authorizeTown'] = (p, permission) => {
    const user = requireUser(p);
    const code = refusal(user, permission, null);
    if (code) throw new DomainError(code);
    return user;
  };

  return { refusal, authorize, authorizeTown };
}

/**
 * Whether the viewer reads the full names a village's records hold (a private counterparty, the
 * people of a payout list): the village's cadres and 村监委, and the town. Everyone else sees them masked.
 */
export function seesFullNames(user: Pick<UserDoc, 'roles' | 'villageId'>, villageId: string): boolean {
  if (user.roles.includes('townAdmin')) return true;
  return user.villageId === villageId && user.roles.some((r) => r === 'cadre' || r === 'supervisor');
}
