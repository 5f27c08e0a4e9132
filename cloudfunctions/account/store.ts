import type { Role } from '../common/contracts/shared';
import type { Collection, Doc, Store } from '../common/store/port';

export interface InvitationDoc extends Doc {
  /** _id is the 8-character code people type. */
  villageId: string;
  townId: string;
  roles: Role[];
  maxUses: number;
  used: number;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
}

export interface RosterEntryDoc extends Doc {
  villageId: string;
  name: string;
  phoneLast4: string;
  roles: Role[];
  claimedBy: string | null;
  importedAt: string;
}

export interface ClaimDoc extends Doc {
  openid: string;
  villageId: string;
  rosterId: string;
  name: string;
  phoneLast4: string;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export const invitationsOf = (s: Store): Collection<InvitationDoc> =>
  s.collection<InvitationDoc>('invitations');
export const rosterOf = (s: Store): Collection<RosterEntryDoc> => s.collection<RosterEntryDoc>('roster');
export const claimsOf = (s: Store): Collection<ClaimDoc> => s.collection<ClaimDoc>('claims');

/** Wrong roster guesses of one person on one China day. _id = `${openid}|${YYYY-MM-DD}`. */
export interface ClaimMissDoc extends Doc {
  openid: string;
  day: string;
  misses: number;
}

export const claimMissesOf = (s: Store): Collection<ClaimMissDoc> =>
  s.collection<ClaimMissDoc>('claimMisses');
