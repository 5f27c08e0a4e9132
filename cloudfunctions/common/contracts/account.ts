import { z } from 'zod';
import { CADRE_GRANTABLE_ROLES, Id, Role, RosterRole } from './shared';
import { relativesInputs, type RelativesOutputs } from './payouts';
import type { VillageHome } from './disclosure';
import { INVITATION_CODE, PERSON_NAME, PHONE_LAST4 } from './binding-rules';

const PersonName = z
  .string({ error: PERSON_NAME.missing })
  .trim()
  .min(PERSON_NAME.min, PERSON_NAME.tooShort)
  .max(PERSON_NAME.max, PERSON_NAME.tooLong);
const PhoneLast4 = z.string({ error: PHONE_LAST4.missing }).regex(PHONE_LAST4.pattern, PHONE_LAST4.wrong);

/**
 * The roster import's one rule, read by the preview a cadre sees and by the import itself, so
 * the preview shows exactly what the import will do: each row is imported, refused (with the
 * reason), or skipped as a repeat of an earlier row of the same sheet (same name and phone).
 */
export function planRosterImport<E extends { name: string; phoneLast4: string; roles: readonly Role[] }>(
  entries: readonly E[],
  byTownAdmin: boolean,
): {
  accepted: E[];
  refused: { entry: E; reason: string }[];
  repeats: { entry: E; firstIndex: number }[];
} {
  const accepted: E[] = [];
  const refused: { entry: E; reason: string }[] = [];
  const repeats: { entry: E; firstIndex: number }[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const reason = rosterRoleRefusal(entry.roles, byTownAdmin);
    if (reason) {
      refused.push({ entry, reason });
      return;
    }
    const key = `${entry.name}\n${entry.phoneLast4}`;
    const first = seen.get(key);
    if (first !== undefined) {
      repeats.push({ entry, firstIndex: first });
      return;
    }
    seen.set(key, index);
    accepted.push(entry);
  });
  return { accepted, refused, repeats };
}

/** Why a roster row's roles may not be imported by this importer, or null when they may. */
export function rosterRoleRefusal(roles: readonly Role[], byTownAdmin: boolean): string | null {
  if (byTownAdmin) return null;
  const cadreMay: readonly Role[] = CADRE_GRANTABLE_ROLES;
  if (roles.some((r) => !cadreMay.includes(r)))
    return '村民代表须由镇管理员导入或邀请，请去掉“村民代表”身份后再导入';
  return null;
}

export const accountInputs = {
  /** Who am I: the bound village and roles of the caller. */
  me: z.object({}),
  /**
   * The village home page in one call: who I am and the home of my village (a town admin
   * names a village of their town, or gets no home until they pick one).
   */
  home: z.object({ villageId: Id.optional() }),
  /** Villages of the town, for choosing where to claim a roster entry. */
  villages: z.object({ townId: Id.optional() }),
  createInvitation: z.object({
    villageId: Id,
    roles: z.array(Role).min(1, '请至少选择一个身份').max(4),
    maxUses: z.number().int().min(1).max(500).default(1),
    validDays: z.number().int().min(1).max(90).default(7),
  }),
  redeemInvitation: z.object({
    code: z
      .string({ error: INVITATION_CODE.missing })
      .trim()
      .toUpperCase()
      .regex(INVITATION_CODE.pattern, INVITATION_CODE.wrong),
    name: PersonName,
  }),
  importRoster: z.object({
    villageId: Id,
    entries: z
      .array(
        z.object({
          name: PersonName,
          phoneLast4: PhoneLast4,
          roles: z.array(RosterRole).min(1).max(4).default(['resident']),
        }),
      )
      .min(1, '名册不能为空')
      .max(2000, '一次最多导入 2000 人'),
  }),
  claimRoster: z.object({ villageId: Id, name: PersonName, phoneLast4: PhoneLast4 }),
  listClaims: z.object({ villageId: Id.optional() }),
  reviewClaim: z.object({ claimId: Id, approve: z.boolean() }),
  listMembers: z.object({ villageId: Id.optional() }),
  ...relativesInputs,
} as const;

export type AccountInputs = { [K in keyof typeof accountInputs]: z.input<(typeof accountInputs)[K]> };

export interface Binding {
  name: string;
  townId: string;
  townName: string;
  villageId: string | null;
  villageName: string | null;
  roles: Role[];
}

export interface Village {
  id: string;
  name: string;
  townId: string;
}

export interface Invitation {
  code: string;
  villageId: string;
  roles: Role[];
  maxUses: number;
  used: number;
  expiresAt: string;
}

export interface Claim {
  id: string;
  villageId: string;
  name: string;
  phoneLast4: string;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: string;
}

/** A pending claim as the reviewing cadre sees it. */
export interface ReviewableClaim extends Claim {
  /**
   * Pending claims (this one included) for the same roster entry: more than 1 means several
   * people say they are this villager, and only one of them can be.
   */
  sameEntryClaims: number;
}

/** A roster row the import did not take, and why (in Chinese, for the cadre). */
export interface RefusedRosterRow {
  name: string;
  phoneLast4: string;
  reason: string;
}

export interface Member {
  name: string;
  roles: Role[];
  boundAt: string;
  via: 'invitation' | 'roster' | 'seed';
}

export interface Me {
  signedIn: boolean;
  binding: Binding | null;
  pendingClaim: Claim | null;
  /**
   * Only for a person bound by invitation: whether a cadre has linked their own roster entry
   * to them (one person, one voter); `pendingClaim` is then their claim of it, if any.
   */
  rosterLink?: 'linked' | 'unlinked';
}

export interface AccountOutputs extends RelativesOutputs {
  me: Me;
  /** home: null when unbound or no village is chosen; homeError: why the chosen one cannot show. */
  home: { me: Me; home: VillageHome | null; homeError: { code: string; message: string } | null };
  villages: { villages: Village[] };
  createInvitation: Invitation;
  redeemInvitation: Binding;
  /** refused: rows the caller may not import (e.g. 村民代表 imported by a cadre). */
  importRoster: { added: number; skipped: number; refused: RefusedRosterRow[] };
  claimRoster: Claim;
  listClaims: { claims: ReviewableClaim[] };
  reviewClaim: Claim;
  listMembers: { members: Member[]; rosterSize: number };
}
