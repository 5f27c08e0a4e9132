import type { payoutInputs } from '../common/contracts/payouts';
import { ROLES, type Role } from '../common/contracts/shared';
import { DomainError, type ErrorCode } from '../common/errors';
import { requireUser, villages, type Principal, type UserDoc, type VillageDoc } from '../common/identity';
import type { Store } from '../common/store/port';

/**
 * Who may do what with payout lists, in one table. `village`: 'own' = only where the person is
 * bound; 'ownOrTown' = there, or (a town admin) any village of their town; 'town' = town-wide.
 */
export type PayoutPermission = 'read' | 'mine' | 'manage' | 'flags' | 'townView';

export const PAYOUT_POLICY: Record<
  PayoutPermission,
  { roles: readonly Role[]; village: 'own' | 'ownOrTown' | 'town' }
> = {
  /** Everyone of the village reads the lists (names masked); the town reads every village. */
  read: { roles: ROLES, village: 'ownOrTown' },
  /** 我家领了什么: a person bound to the village. */
  mine: { roles: ROLES.filter((r) => r !== 'townAdmin'), village: 'own' },
  /** Cadres paste, publish and correct. */
  manage: { roles: ['cadre'], village: 'own' },
  /** 优亲厚友, duplicates and sudden changes: the 村监委 and the town, never the public. */
  flags: { roles: ['supervisor', 'townAdmin'], village: 'ownOrTown' },
  townView: { roles: ['townAdmin'], village: 'town' },
};

export const PAYOUT_ACTION_PERMISSION: Record<keyof typeof payoutInputs, PayoutPermission> = {
  payoutPreview: 'manage',
  payoutPublish: 'manage',
  payoutCorrect: 'manage',
  payoutLists: 'read',
  payoutList: 'read',
  payoutMine: 'mine',
  payoutFlags: 'flags',
  payoutTown: 'townView',
};

/** The rule, pure: null when allowed, else the refusal. */
export function payoutRefusal(
  user: Pick<UserDoc, 'roles' | 'villageId' | 'townId'>,
  permission: PayoutPermission,
  village: Pick<VillageDoc, '_id' | 'townId'> | null,
): ErrorCode | null {
  const rule = PAYOUT_POLICY[permission];
  if (!user.roles.some((r) => rule.roles.includes(r))) return 'FORBIDDEN_ROLE';
  if (rule.village === 'town') return null;
  if (!village || village.townId !== user.townId) return 'FORBIDDEN_VILLAGE';
  if (rule.village === 'ownOrTown' && user.roles.includes('townAdmin')) return null;
  if (user.villageId !== village._id) return 'FORBIDDEN_VILLAGE';
  // In their own village a person acts by a role they hold there (a town admin is not one).
  return user.roles.some((r) => r !== 'townAdmin' && rule.roles.includes(r)) ? null : 'FORBIDDEN_ROLE';
}

/** Whether the viewer reads every name of this village's lists: its cadres and 村监委, the town. */
export function seesAllNames(user: Pick<UserDoc, 'roles' | 'villageId'>, villageId: string): boolean {
  if (user.roles.includes('townAdmin')) return true;
  return user.villageId === villageId && user.roles.some((r) => r === 'cadre' || r === 'supervisor');
}

/** Whether the viewer is shown the 优亲厚友 and other flags of this village. */
export function seesFlags(user: Pick<UserDoc, 'roles' | 'villageId'>, villageId: string): boolean {
  if (user.roles.includes('townAdmin')) return true;
  return user.villageId === villageId && user.roles.includes('supervisor');
}

/** Resolves the caller and the village (their own when none is named) and applies the table. */
export async function authorizePayout(
  store: Store,
  p: Principal,
  permission: PayoutPermission,
  villageId?: string | null,
): Promise<{ user: UserDoc; village: VillageDoc }> {
  const user = requireUser(p);
  const id = villageId ?? user.villageId;
  if (!id) {
    const code = payoutRefusal(user, permission, null);
    throw new DomainError(
      code === 'FORBIDDEN_ROLE' ? code : 'NOT_FOUND',
      code === 'FORBIDDEN_ROLE' ? undefined : '请选择村',
    );
  }
  const village = await villages(store).get(id);
  const code = payoutRefusal(user, permission, village);
  if (code) throw new DomainError(code);
  if (!village) throw new DomainError('NOT_FOUND', '没有找到这个村');
  return { user, village };
}

export function authorizePayoutTown(p: Principal): UserDoc {
  const user = requireUser(p);
  const code = payoutRefusal(user, 'townView', null);
  if (code) throw new DomainError(code);
  return user;
}
