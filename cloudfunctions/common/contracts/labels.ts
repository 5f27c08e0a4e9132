/**
 * Names and their Chinese labels without any schema: what the pages of the main package show.
 * Importing this module costs no validation library (the schemas that use these names are in
 * shared.ts and disclosure.ts, which re-export them).
 */

/** Roles a person can hold in a village (town admins hold theirs in a town). */
export const ROLES = [
  'resident',
  'representative',
  'partyMember',
  'migrant',
  'cadre',
  'supervisor',
  'townAdmin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '村民',
  representative: '村民代表',
  partyMember: '党员',
  migrant: '外出务工人员',
  cadre: '村干部',
  supervisor: '村监委',
  townAdmin: '镇管理员',
};

/** The three kinds of disclosure (三务). */
export const CATEGORIES = ['party', 'affairs', 'finance'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  party: '党务公开',
  affairs: '村务公开',
  finance: '财务公开',
};
