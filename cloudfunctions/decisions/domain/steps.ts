import {
  MEETING_STEPS,
  STEPS,
  type DecisionStatus,
  type MeetingKind,
  type MeetingStep,
  type Outcome,
  type ResolutionBody,
  type Step,
} from '../../common/contracts/decisions';

export { MEETING_STEPS, STEPS, type MeetingStep, type Step };

/**
 * 四议两公开: the steps of a major-matter decision, in the order they must happen.
 * 党组织提议 → 两委商议 → 党员大会审议 → 村民代表会议 (or 村民会议) 决议 → 决议公开 → 实施结果公开.
 */

export function isMeetingStep(s: Step): s is MeetingStep {
  return (MEETING_STEPS as readonly Step[]).includes(s);
}

/** The kind of meeting (and so the quorum rule) of a meeting step. */
export function meetingKindOf(step: MeetingStep, body: ResolutionBody): MeetingKind {
  return step === 'resolution' ? body : step;
}

/** What is known of one step of a decision. */
export interface StepState {
  step: Step;
  /** done: recorded (a meeting that passed); open: the next to do; waiting: later. */
  state: 'done' | 'open' | 'waiting' | 'stopped';
  /** China date it was held / published. */
  on: string | null;
  /** Meeting steps: attempts so far (a meeting without quorum is held again). */
  attempts: number;
  outcome: Outcome | null;
  /** Meeting steps: whether a 村监委 member confirmed the attempt that counts. */
  confirmed: boolean;
}

/** What the recorded attempts say about where a decision stands. */
export interface Progress {
  status: DecisionStatus;
  /** The step to record next; null when finished or rejected. */
  next: Step | null;
}

export interface RecordedStep {
  step: Step;
  on: string;
  outcome: Outcome | null;
  confirmed: boolean;
}

/** Folds the recorded attempts (in order) into the state of every step. */
export function progressOf(recorded: readonly RecordedStep[]): { progress: Progress; steps: StepState[] } {
  const byStep = new Map<Step, RecordedStep[]>();
  for (const r of recorded) byStep.set(r.step, [...(byStep.get(r.step) ?? []), r]);
  let stopped = false;
  let next: Step | null = null;
  const steps: StepState[] = STEPS.map((step) => {
    const tries = byStep.get(step) ?? [];
    const last = tries[tries.length - 1] ?? null;
    const base = {
      step,
      attempts: tries.length,
      on: last?.on ?? null,
      outcome: last?.outcome ?? null,
      confirmed: !!last?.confirmed,
    };
    if (stopped) return { ...base, state: 'stopped' as const };
    const done = !!last && (!isMeetingStep(step) || last.outcome === 'passed');
    if (done) return { ...base, state: 'done' as const };
    if (last?.outcome === 'rejected') {
      stopped = true;
      return { ...base, state: 'stopped' as const };
    }
    if (next === null) {
      next = step;
      return { ...base, state: 'open' as const };
    }
    return { ...base, state: 'waiting' as const };
  });
  const status: DecisionStatus = stopped
    ? 'rejected'
    : next === null
      ? 'completed'
      : STEPS.indexOf(next) > STEPS.indexOf('resolution')
        ? 'resolved'
        : 'inProgress';
  return { progress: { status, next: stopped ? null : next }, steps };
}

export type StepRefusal = 'STEP_OUT_OF_ORDER' | 'DECISION_CLOSED' | 'DATE_BEFORE_PREVIOUS' | 'NOT_CONFIRMED';

/**
 * Whether `step` may be recorded now on `on` (China date): it must be the open step, the decision
 * must still be open, its date not before the previous step's, and 决议公开 needs the resolution
 * meeting confirmed by the 村监委.
 */
export function canRecord(recorded: readonly RecordedStep[], step: Step, on: string): StepRefusal | null {
  const { progress, steps } = progressOf(recorded);
  if (progress.next === null) return 'DECISION_CLOSED';
  if (progress.next !== step) return 'STEP_OUT_OF_ORDER';
  const lastOn = recorded.reduce<string | null>((m, r) => (m === null || r.on > m ? r.on : m), null);
  if (lastOn && on < lastOn) return 'DATE_BEFORE_PREVIOUS';
  if (step === 'resolutionPublic' && !steps.find((s) => s.step === 'resolution')?.confirmed)
    return 'NOT_CONFIRMED';
  return null;
}

/** Adds days to a China date key 'YYYY-MM-DD' (calendar arithmetic in UTC, no time zones). */
export function addDays(dateKey: string, days: number): string {
  const d = new Date(`${dateKey}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A step that is due by a date, for overdue flags. */
export interface DueStep {
  step: Step;
  dueOn: string;
}

/**
 * What is due next and by when: 决议公开 within `majorDays` of the resolution (the disclosure
 * context's rule for major matters, passed in); 实施结果公开 by the date the decision planned for
 * completion (when it named one). Other steps follow the village's own pace.
 */
export function dueOf(
  steps: readonly StepState[],
  next: Step | null,
  plannedCompletion: string | null,
  majorDays: number,
): DueStep | null {
  if (next === 'resolutionPublic') {
    const on = steps.find((s) => s.step === 'resolution')?.on;
    return on ? { step: next, dueOn: addDays(on, majorDays) } : null;
  }
  if (next === 'resultPublic' && plannedCompletion) return { step: next, dueOn: plannedCompletion };
  return null;
}

/** Meeting steps held (and counted) but not yet confirmed by a 村监委 member. */
export function unconfirmedSteps(steps: readonly StepState[]): Step[] {
  return steps.filter((s) => isMeetingStep(s.step) && s.attempts > 0 && !s.confirmed).map((s) => s.step);
}
