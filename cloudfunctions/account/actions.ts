import * as claims from './claims';
import * as invitations from './invitations';
import * as me from './me';
import * as roster from './roster';
import { relativesActions } from './relatives';

export { MAX_CLAIM_MISSES_PER_DAY } from './claims';

/** The account context's action map. */
export const accountActions = {
  me: me.me,
  home: me.home,
  villages: me.listVillages,
  createInvitation: invitations.createInvitation,
  redeemInvitation: invitations.redeemInvitation,
  importRoster: roster.importRoster,
  claimRoster: claims.claimRoster,
  listClaims: claims.listClaims,
  reviewClaim: claims.reviewClaim,
  listMembers: roster.listMembers,
  ...relativesActions,
};
