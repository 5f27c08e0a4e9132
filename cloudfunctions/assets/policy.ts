import type { assetsInputs } from '../common/contracts/assets';
import type { Role } from '../common/contracts/shared';
import { ROLES } from '../common/contracts/shared';
import { DomainError, type ErrorCode } from '../common/errors';
import { requireUser, villages, type Principal, type UserDoc, type VillageDoc } from '../common/identity';
import type { Store } from '../common/store/port';

/**
 * Who may do what to which village's 三资, in one table. `village`:
 *  - 'own': only in the village the person is bound to;
 *  - 'ownOrTown': their own village, or (a town admin) any village of their town;
 *  - 'town': no village; the town the person belongs to.
 */
export type Permission = 'read' | 'manage' | 'stocktake' | 'townView' | 'settings';

export const POLICY: Record<Permission, { roles: readonly Role[]; village: 'own' | 'ownOrTown' | 'town' }> = {
  /** The villagers own the 三资: everyone bound to the village reads them; the town reads all. */
  read: { roles: ROLES, village: 'ownOrTown' },
  /** Cadres keep the register, the contracts and the money received. */
  manage: { roles: ['cadre'], village: 'own' },
  /** The 村监委 checks the register against reality (账实相符). */
  stocktake: { roles: ['supervisor'], village: 'own' },
  townView: { roles: ['townAdmin'], village: 'town' },
  /** The town sets the amount from which a contract needs a decision. */
  settings: { roles: ['townAdmin'], village: 'town' },
};

export const ACTION_PERMISSION: Record<keyof typeof assetsInputs, Permission> = {
  register: 'read',
  exportRegister: 'read',
  item: 'read',
  registerItem: 'manage',
  importItems: 'manage',
  recordChange: 'manage',
  contracts: 'read',
  createContract: 'manage',
  recordVacated: 'manage',
  recordPayment: 'manage',
  waive: 'manage',
  recordStocktake: 'stocktake',
  stocktakes: 'read',
  subscribeReminders: 'manage',
  setThreshold: 'settings',
  recordBalance: 'manage',
  reconciliation: 'read',
  townView: 'townView',
};

/**
 * The rule itself, pure: null when `user` may act with `permission` on `village` (null for
 * town-wide permissions), else the refusal.
 */
export function refusal(
  user: Pick<UserDoc, 'roles' | 'villageId' | 'townId'>,
  permission: Permission,
  village: Pick<VillageDoc, '_id' | 'townId'> | null,
): ErrorCode | null {
  const rule = POLICY[permission];
  if (!user.roles.some((r) => rule.roles.includes(r))) return 'FORBIDDEN_ROLE';
  if (rule.village === 'town') return null;
  if (!village || village.townId !== user.townId) return 'FORBIDDEN_VILLAGE';
  if (rule.village === 'ownOrTown' && user.roles.includes('townAdmin')) return null;
  return user.villageId === village._id ? null : 'FORBIDDEN_VILLAGE';
}

/** Whether the viewer sees a private counterparty's full name: the village's cadres and 村监委, the town. */
export function seesNames(user: Pick<UserDoc, 'roles' | 'villageId'>, villageId: string): boolean {
  if (user.roles.includes('townAdmin')) return true;
  return user.villageId === villageId && user.roles.some((r) => r === 'cadre' || r === 'supervisor');
}

/** Resolves the caller and the village (their own when none is named) and applies the table. */
export async function authorize(
  store: Store,
  p: Principal,
  permission: Permission,
  villageId?: string | null,
): Promise<{ user: UserDoc; village: VillageDoc }> {
  const user = requireUser(p);
  const id = villageId ?? user.villageId;
  if (!id) {
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
}

/** For town-wide permissions: the caller, refused unless the table allows. */
export function authorizeTown(p: Principal, permission: Permission): UserDoc {
  const user = requireUser(p);
  const code = refusal(user, permission, null);
  if (code) throw new DomainError(code);
  return user;
}
