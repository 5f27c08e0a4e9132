import type {
  Deadlines,
  EscalationReason,
  ItemState,
  OversightRefusal,
  Photo,
  QuestionCategory,
  Rating,
  StepKind,
  Subject,
} from '../../common/contracts/oversight';
import { dueAfter, isPast } from './deadlines';

/**
 * The life of one question (问题反映), as pure rules: what each command may do in each state,
 * the steps it produces, and how steps fold into the item. Steps are immutable; the item is a
 * cache of their fold and can be rebuilt from them at any time.
 */

export type ActorRole = 'reporter' | 'supervisor' | 'cadre' | 'town' | 'system';

export interface Actor {
  id: string;
  name: string;
  role: ActorRole;
}

/** One immutable, timestamped step. */
export interface Step {
  seq: number;
  kind: StepKind;
  at: string;
  actor: Actor;
  text: string;
  photos: Photo[];
  rating?: Rating;
  reason?: EscalationReason;
  assignee?: { id: string; name: string };
  outcome?: 'pass' | 'return';
}

/** What the first step (raised) carries besides its text. */
export interface Raised {
  villageId: string;
  townId: string;
  category: QuestionCategory;
  subject: Subject;
  showName: boolean;
  allowPublic: boolean;
  deadlines: Deadlines;
}

export interface ItemCore extends Raised {
  reporterId: string;
  reporterName: string;
  text: string;
  photos: Photo[];
  raisedAt: string;
  state: ItemState;
  stepCount: number;
  acceptDueAt: string;
  answerDueAt: string | null;
  rateDueAt: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  rating: Rating | null;
  objected: boolean;
  escalationReason: EscalationReason | null;
  firstAnsweredAt: string | null;
  lastAnswer: { text: string; at: string } | null;
  /** What everyone may read once checked: the verified answer, or the town's conclusion. */
  publicAnswer: { text: string; at: string } | null;
  closedAt: string | null;
}

export function raiseItem(
  raised: Raised,
  reporter: Actor,
  text: string,
  photos: Photo[],
  at: string,
): ItemCore {
  return {
    ...raised,
    reporterId: reporter.id,
    reporterName: reporter.name,
    text,
    photos,
    raisedAt: at,
    state: 'submitted',
    stepCount: 1,
    acceptDueAt: dueAfter(at, raised.deadlines.acceptDays),
    answerDueAt: null,
    rateDueAt: null,
    assigneeId: null,
    assigneeName: null,
    rating: null,
    objected: false,
    escalationReason: null,
    firstAnsweredAt: null,
    lastAnswer: null,
    publicAnswer: null,
    closedAt: null,
  };
}

/** States in which nothing more happens unless the reporter objects. */
export const FINISHED: readonly ItemState[] = ['closed', 'referred'];

export function isOpen(state: ItemState): boolean {
  return !FINISHED.includes(state);
}

/** Folds one step into the item (the only place state changes are written down). */
export function applyStep(item: ItemCore, step: Step): ItemCore {
  const next: ItemCore = { ...item, stepCount: Math.max(item.stepCount, step.seq) };
  const d = item.deadlines;
  switch (step.kind) {
    case 'raised':
      return next;
    case 'accepted':
      return {
        ...next,
        state: 'accepted',
        answerDueAt: dueAfter(step.at, d.answerDays),
        assigneeId: step.assignee?.id ?? null,
        assigneeName: step.assignee?.name ?? null,
      };
    case 'referred':
      return { ...next, state: 'referred', closedAt: step.at };
    case 'answered':
      return {
        ...next,
        // After escalation the town decides what happens next; the answer is recorded.
        state: item.state === 'escalated' || item.state === 'takenOver' ? item.state : 'answered',
        firstAnsweredAt: item.firstAnsweredAt ?? step.at,
        lastAnswer: { text: step.text, at: step.at },
      };
    case 'verified':
      return {
        ...next,
        state: 'verified',
        rateDueAt: dueAfter(step.at, d.rateDays),
        publicAnswer: item.lastAnswer,
      };
    case 'returned':
      return { ...next, state: 'returned' };
    case 'rated':
      return step.rating === 'unsatisfied'
        ? { ...next, rating: step.rating }
        : { ...next, rating: step.rating ?? null, state: 'closed', closedAt: step.at };
    case 'objected':
      return { ...next, objected: true };
    case 'escalated':
      return { ...next, state: 'escalated', escalationReason: step.reason ?? null, closedAt: null };
    case 'instructed':
      return next;
    case 'takenOver':
      return { ...next, state: 'takenOver' };
    case 'closed':
      return {
        ...next,
        state: 'closed',
        closedAt: step.at,
        publicAnswer: step.actor.role === 'town' ? { text: step.text, at: step.at } : item.publicAnswer,
      };
  }
}

export function foldSteps(item: ItemCore, steps: Step[]): ItemCore {
  return [...steps].sort((a, b) => a.seq - b.seq).reduce(applyStep, item);
}

/** A command someone gives on an item. */
export type Command =
  | { kind: 'accept'; note: string; assignee?: { id: string; name: string } }
  | { kind: 'refer'; note: string }
  | { kind: 'answer'; text: string; photos: Photo[] }
  | { kind: 'verify'; outcome: 'pass' | 'return'; note: string }
  | { kind: 'rate'; rating: Rating; comment: string }
  | { kind: 'object'; text: string }
  | { kind: 'instruct'; text: string }
  | { kind: 'takeOver'; note: string }
  | { kind: 'close'; conclusion: string };

export type Decision = { ok: true; steps: Step[] } | { ok: false; code: OversightRefusal };

const ALLOWED: Record<Command['kind'], readonly ItemState[]> = {
  accept: ['submitted'],
  refer: ['submitted'],
  answer: ['accepted', 'returned', 'escalated'],
  verify: ['answered'],
  rate: ['verified'],
  object: ['referred', 'closed'],
  instruct: ['escalated', 'takenOver'],
  takeOver: ['escalated'],
  close: ['escalated', 'takenOver'],
};

/** States in which a command is allowed; the page's buttons read the same table. */
export function allowedIn(kind: Command['kind'], state: ItemState): boolean {
  return ALLOWED[kind].includes(state);
}

/**
 * Decides a command on an item already settled to `at` (see dueSteps): the refusal, or the
 * steps it adds. Role and village are the policy's business, not this function's.
 */
export function decide(item: ItemCore, cmd: Command, actor: Actor, at: string): Decision {
  if (cmd.kind === 'rate' && item.rating !== null) return { ok: false, code: 'ALREADY_RATED' };
  if (cmd.kind === 'object' && item.objected) return { ok: false, code: 'ALREADY_OBJECTED' };
  if (!allowedIn(cmd.kind, item.state)) {
    return {
      ok: false,
      code: item.state === 'closed' && cmd.kind !== 'object' ? 'ITEM_CLOSED' : 'WRONG_STATE',
    };
  }
  let seq = item.stepCount;
  const step = (kind: StepKind, text: string, extra: Partial<Step> = {}): Step => ({
    seq: ++seq,
    kind,
    at,
    actor,
    text,
    photos: [],
    ...extra,
  });
  const system: Actor = { id: 'system', name: '系统', role: 'system' };
  const escalate = (reason: EscalationReason): Step => ({
    seq: ++seq,
    kind: 'escalated',
    at,
    actor: system,
    text: '',
    photos: [],
    reason,
  });
  switch (cmd.kind) {
    case 'accept':
      return {
        ok: true,
        steps: [step('accepted', cmd.note, cmd.assignee ? { assignee: cmd.assignee } : {})],
      };
    case 'refer':
      return { ok: true, steps: [step('referred', cmd.note)] };
    case 'answer':
      return { ok: true, steps: [step('answered', cmd.text, { photos: cmd.photos })] };
    case 'verify':
      return {
        ok: true,
        steps: [step(cmd.outcome === 'pass' ? 'verified' : 'returned', cmd.note, { outcome: cmd.outcome })],
      };
    case 'rate': {
      const rated = step('rated', cmd.comment, { rating: cmd.rating });
      return { ok: true, steps: cmd.rating === 'unsatisfied' ? [rated, escalate('unsatisfied')] : [rated] };
    }
    case 'object':
      return { ok: true, steps: [step('objected', cmd.text), escalate('objection')] };
    case 'instruct':
      return { ok: true, steps: [step('instructed', cmd.text)] };
    case 'takeOver':
      return { ok: true, steps: [step('takenOver', cmd.note)] };
    case 'close':
      return { ok: true, steps: [step('closed', cmd.conclusion)] };
  }
}

/**
 * Steps the clock has made due by `now`: an item not accepted or not answered in time
 * escalates to the town at the moment its deadline passed; an answer not rated in time is
 * closed without a rating. Applying them again changes nothing (each is due once).
 */
export function dueSteps(item: ItemCore, now: Date): Step[] {
  const system: Actor = { id: 'system', name: '系统', role: 'system' };
  const base = { actor: system, photos: [] as Photo[], seq: item.stepCount + 1 };
  // A command of two steps interrupted after its first: finish it.
  if (item.state === 'verified' && item.rating === 'unsatisfied') {
    return [{ ...base, kind: 'escalated', at: now.toISOString(), text: '', reason: 'unsatisfied' }];
  }
  if (
    item.objected &&
    (item.state === 'closed' || item.state === 'referred') &&
    item.escalationReason !== 'objection'
  ) {
    return [{ ...base, kind: 'escalated', at: now.toISOString(), text: '', reason: 'objection' }];
  }
  if (item.state === 'submitted' && isPast(item.acceptDueAt, now)) {
    return [{ ...base, kind: 'escalated', at: item.acceptDueAt, text: '', reason: 'acceptOverdue' }];
  }
  if ((item.state === 'accepted' || item.state === 'returned') && isPast(item.answerDueAt, now)) {
    return [
      { ...base, kind: 'escalated', at: item.answerDueAt as string, text: '', reason: 'answerOverdue' },
    ];
  }
  if (item.state === 'verified' && isPast(item.rateDueAt, now)) {
    return [{ ...base, kind: 'closed', at: item.rateDueAt as string, text: '逾期未评价，系统自动办结' }];
  }
  return [];
}

/** The deadline of the stage the item is in, if that stage has one. */
export function currentDue(item: ItemCore): string | null {
  if (item.state === 'submitted') return item.acceptDueAt;
  if (item.state === 'accepted' || item.state === 'returned') return item.answerDueAt;
  if (item.state === 'verified') return item.rateDueAt;
  return null;
}
