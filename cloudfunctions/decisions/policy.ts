import type { Role } from '../common/contracts/shared';
import { ROLES } from '../common/contracts/shared';
import type { decisionsInputs } from '../common/contracts/decisions';
import { DomainError, type ErrorCode } from '../common/errors';
import { requireUser, villages, type Principal, type UserDoc, type VillageDoc } from '../common/identity';
import type { Store } from '../common/store/port';

/**
 * Who may do what to which village, in one table. `village`:
 *  - 'own': only in the village the person is bound to;
 *  - 'ownOrTown': their own village, or (a town admin) any village of their town;
 *  - 'town': no village; the town the person belongs to.
 */
export type Permission = 'read' | 'editTownList' | 'editVillageList' | 'record' | 'confirm' | 'townView';

export const POLICY: Record<Permission, { roles: readonly Role[]; village: 'own' | 'ownOrTown' | 'town' }> = {
  /** Everyone bound to the village reads its list, decisions and meetings; the town reads all. */
  read: { roles: ROLES, village: 'ownOrTown' },
  /** The town keeps the base catalogue (基本目录). */
  editTownList: { roles: ['townAdmin'], village: 'town' },
  /** A village keeps its own +X items. */
  editVillageList: { roles: ['cadre'], village: 'own' },
  /** Cadres record the steps of their village's decisions and its meetings of record. */
  record: { roles: ['cadre'], village: 'own' },
  /** A 村监委 member confirms the meetings of their own village. */
  confirm: { roles: ['supervisor'], village: 'own' },
  townView: { roles: ['townAdmin'], village: 'town' },
};

/** The permission each action needs (createItem/reviseItem by the item's scope). */
export const ACTION_PERMISSION: Record<keyof typeof decisionsInputs, Permission | 'byScope'> = {
  items: 'read',
  item: 'read',
  createItem: 'byScope',
  reviseItem: 'byScope',
  propose: 'record',
  recordMeeting: 'record',
  confirmStep: 'confirm',
  publishResolution: 'record',
  publishResult: 'record',
  decisions: 'read',
  decision: 'read',
  recordRegular: 'record',
  regular: 'read',
  townView: 'townView',
};

export const listPermission = (scope: 'town' | 'village'): Permission =>
  scope === 'town' ? 'editTownList' : 'editVillageList';

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

/** Resolves the caller and the village (their own when none is named) and applies the table. */
export async function authorize(
  store: Store,
  p: Principal,
  permission: Permission,
  villageId?: string | null,
): Promise<{ user: UserDoc; village: VillageDoc | null }> {
  const user = requireUser(p);
  if (POLICY[permission].village === 'town') {
    const code = refusal(user, permission, null);
    if (code) throw new DomainError(code);
    return { user, village: null };
  }
  const id = villageId ?? user.villageId;
  if (!id) {
    // A town admin reading without naming a village: only their town's own (base) catalogue.
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
