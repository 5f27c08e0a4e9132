import { actsFor } from '../common/access';
import { requireRole, resolveVillage, type UserDoc, type VillageDoc } from '../common/identity';
import { type Ctx } from '../common/router';
import { type Viewer } from './sheet';

/**
 * Who may read and write which village's sheet. Writes check their roles where they load the
 * sheet (villageWrite: the village's cadres and supervisors; townWrite and the town views:
 * the town's admins), always from the host's identity and the stored village.
 */
export const READ_ROLES = ['cadre', 'supervisor', 'townAdmin'] as const;

/** Whether the user acts for the village (its cadres and supervisors) or for its town. */
export function viewerOf(user: UserDoc, village: VillageDoc): Viewer {
  return {
    user,
    isVillage: actsFor(user, village, 'cadre', 'supervisor'),
    isTown: actsFor(user, village, 'townAdmin'),
  };
}

/** Cadres and supervisors of the village, or the town's admins, may read a sheet. */
export async function readAccess(ctx: Ctx, villageId: string | undefined) {
  const user = requireRole(ctx.principal, ...READ_ROLES);
  const village = await resolveVillage(ctx.store, ctx.principal, villageId);
  return { user, village, viewer: viewerOf(user, village) };
}
