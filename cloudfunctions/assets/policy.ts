import type { assetsInputs } from '../common/contracts/assets';
import { ROLES } from '../common/contracts/shared';
import { villagePolicy, type PolicyTable } from '../common/villagePolicy';

/**
 * Who may do what to which village's 三资, in one table. `village`:
 *  - 'own': only in the village the person is bound to;
 *  - 'ownOrTown': their own village, or (a town admin) any village of their town;
 *  - 'town': no village; the town the person belongs to.
 */
export type Permission = 'read' | 'manage' | 'stocktake' | 'townView' | 'settings';

export const POLICY: PolicyTable<Permission> = {
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

export const { refusal, authorize, authorizeTown } = villagePolicy(POLICY);
