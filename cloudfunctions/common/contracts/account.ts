import { z } from 'zod';
import { Id, Role, RosterRole } from './shared';

const PersonName = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(2, '姓名至少 2 个字')
  .max(20, '姓名不超过 20 个字');
const PhoneLast4 = z.string({ error: '请填写手机号后四位' }).regex(/^\d{4}$/, '请填写手机号后四位数字');

export const accountInputs = {
  /** Who am I: the bound village and roles of the caller. */
  me: z.object({}),
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
      .string({ error: '请填写邀请码' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母或数字'),
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

export interface AccountOutputs {
  me: { signedIn: boolean; binding: Binding | null; pendingClaim: Claim | null };
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
