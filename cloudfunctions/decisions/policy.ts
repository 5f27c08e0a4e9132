import { ROLES } from '../common/contracts/shared';
import type { decisionsInputs } from '../common/contracts/decisions';
import type { Principal, UserDoc, VillageDoc } from '../common/identity';
import type { Store } from '../common/store/port';
import { villagePolicy, type PolicyTable } from '../common/villagePolicy';

/**
 * Who may do what to which village, in one table. `village`:
 *  - 'own': only in the village the person is bound to;
 *  - 'ownOrTown': their own village, or (a town admin) any village of their town;
 *  - 'town': no village; the town the person belongs to.
 */
export type Permission = 'read' | 'editTownList' | 'editVillageList' | 'record' | 'confirm' | 'townView';

export const POLICY: PolicyTable<Permission> = {
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

const table = villagePolicy(POLICY);

export const { refusal } = table;

/**
 * Resolves the caller and the village (their own when none is named) and applies the table;
 * a town-wide permission resolves no village.
 */
export async function authorize(
  store: Store,
  p: Principal,
  permission: Permission,
  villageId?: string | null,
): Promise<{ user: UserDoc; village: VillageDoc | null }> {
  if (POLICY[permission].village === 'town')
    return { user: table.authorizeTown(p, permission), village: null };
  return table.authorize(store, p, permission, villageId);
}
