import type { payoutInputs } from '../common/contracts/payouts';
import { ROLES } from '../common/contracts/shared';
import type { Principal, UserDoc } from '../common/identity';
import { villagePolicy, type PolicyTable } from '../common/villagePolicy';

/**
 * Who may do what with payout lists, in one table. `village`: 'own' = only where the person is
 * bound; 'ownOrTown' = there, or (a town admin) any village of their town; 'town' = town-wide.
 */
export type PayoutPermission = 'read' | 'mine' | 'manage' | 'flags' | 'townView';

export const PAYOUT_POLICY: PolicyTable<PayoutPermission> = {
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

// In their own village a person acts by a role they hold there (a town admin is not one).
const policy = villagePolicy(PAYOUT_POLICY, { roleHeldInVillage: true });

/** The rule, pure: null when allowed, else the refusal. */
export const payoutRefusal = policy.refusal;

/** Whether the viewer is shown the 优亲厚友 and other flags of this village. */
export function seesFlags(user: Pick<UserDoc, 'roles' | 'villageId'>, villageId: string): boolean {
  if (user.roles.includes('townAdmin')) return true;
  return user.villageId === villageId && user.roles.includes('supervisor');
}

/** Resolves the caller and the village (their own when none is named) and applies the table. */
export const authorizePayout = policy.authorize;

export const authorizePayoutTown = (p: Principal): UserDoc => policy.authorizeTown(p, 'townView');
