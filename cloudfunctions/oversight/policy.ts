import { inVillage as memberOf, townAdminOf } from '../common/access';
import type { oversightInputs } from '../common/contracts/oversight';
import { DomainError } from '../common/errors';
import type { UserDoc } from '../common/identity';
import type { Viewer } from './domain/masking';

/**
 * Who may do what to which village, in one table. A persona is what a person is *relative
 * to the village (and item) acted on*: the same cadre is `cadre` in their own village and
 * nobody in the next one.
 */
export type Persona = 'villager' | 'reporter' | 'cadre' | 'supervisor' | 'town';

export type OversightAction = keyof typeof oversightInputs;

export const POLICY: Record<OversightAction, readonly Persona[]> = {
  raise: ['villager'],
  mine: ['villager'],
  get: ['reporter', 'cadre', 'supervisor', 'town'],
  inbox: ['cadre', 'supervisor', 'town'],
  accept: ['supervisor'],
  refer: ['supervisor'],
  answer: ['cadre'],
  verify: ['supervisor'],
  rate: ['reporter'],
  object: ['reporter'],
  instruct: ['town'],
  takeOver: ['town'],
  close: ['town'],
  aboutDisclosure: ['villager', 'town'],
  townView: ['town'],
  deadlines: ['villager', 'town'],
  setDeadlines: ['town'],
  logMonth: ['cadre', 'supervisor', 'town'],
  logAdd: ['supervisor'],
  fixUpdate: ['cadre', 'supervisor', 'town'],
  logExport: ['cadre', 'supervisor', 'town'],
};

export interface Target {
  villageId: string | null;
  townId: string;
  reporterId?: string;
}

/** The personas a user holds relative to a target village (and item). */
export function personasOf(user: UserDoc, t: Target): Persona[] {
  const out: Persona[] = [];
  const inVillage = memberOf(user, { _id: t.villageId, townId: t.townId });
  if (inVillage) out.push('villager');
  if (t.reporterId !== undefined && t.reporterId === user._id) out.push('reporter');
  if (inVillage && user.roles.includes('cadre')) out.push('cadre');
  if (inVillage && user.roles.includes('supervisor')) out.push('supervisor');
  if (townAdminOf(user, t.townId)) out.push('town');
  return out;
}

/** Which role a persona needs anywhere (to tell "wrong village" from "wrong role"). */
const ROLE_OF: Record<Persona, (u: UserDoc) => boolean> = {
  villager: (u) => u.villageId !== null,
  reporter: () => false,
  cadre: (u) => u.roles.includes('cadre'),
  supervisor: (u) => u.roles.includes('supervisor'),
  town: (u) => u.roles.includes('townAdmin'),
};

/** Whether the table allows the action (pure; the table test reads this). */
export function allows(user: UserDoc, action: OversightAction, t: Target): boolean {
  const held = personasOf(user, t);
  return POLICY[action].some((p) => held.includes(p));
}

/**
 * Throws the named refusal unless the table allows the action: NOT_REPORTER for someone
 * else's item, FORBIDDEN_VILLAGE for the right role in another village, FORBIDDEN_ROLE else.
 */
export function authorize(user: UserDoc, action: OversightAction, t: Target): Persona[] {
  const held = personasOf(user, t);
  const granted = POLICY[action].filter((p) => held.includes(p));
  if (granted.length) return granted;
  const allowed = POLICY[action];
  if (allowed.some((p) => p !== 'reporter' && ROLE_OF[p](user))) throw new DomainError('FORBIDDEN_VILLAGE');
  if (allowed.includes('reporter')) {
    if (user.villageId !== t.villageId) throw new DomainError('FORBIDDEN_VILLAGE');
    throw new DomainError('NOT_REPORTER');
  }
  throw new DomainError('FORBIDDEN_ROLE');
}

/** How an item is shown to someone: a cadre of the village is a cadre first (never sees a hidden name). */
export function viewerOf(user: UserDoc, t: Target): Viewer {
  const held = personasOf(user, t);
  if (held.includes('reporter')) return 'reporter';
  if (held.includes('cadre')) return 'cadre';
  if (held.includes('town')) return 'town';
  if (held.includes('supervisor')) return 'supervisor';
  return 'public';
}

/** The steps that handle a question for its reporter (the 村监委's and the cadres'). */
const HANDLING: readonly OversightAction[] = ['accept', 'refer', 'answer', 'verify'];

/** Who handled the item so far, as its steps say: the reporter and the author of the last answer. */
export interface Handled {
  reporterId: string;
  answeredBy: string | null;
}

/** The author of the latest answer among the steps (null before any). */
export function answeredBy(steps: readonly { kind: string; actor: { id: string } }[]): string | null {
  const answers = steps.filter((s) => s.kind === 'answered');
  return answers[answers.length - 1]?.actor.id ?? null;
}

/**
 * Nobody handles their own case: a person never accepts, refers, answers or verifies a question
 * they raised (a cadre would answer and then rate themselves), and never verifies an answer they
 * gave (a person who is both cadre and 村监委 member). Null when allowed, else the refusal.
 */
export function ownHandling(
  userId: string,
  action: OversightAction,
  h: Handled,
): 'OWN_ITEM' | 'OWN_ANSWER' | null {
  if (!HANDLING.includes(action)) return null;
  if (h.reporterId === userId) return 'OWN_ITEM';
  if (action === 'verify' && h.answeredBy === userId) return 'OWN_ANSWER';
  return null;
}
