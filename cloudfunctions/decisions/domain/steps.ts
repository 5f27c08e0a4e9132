import {
  MEETING_STEPS,
  STEPS,
  type DecisionStatus,
  type MeetingKind,
  type MeetingStep,
  type Outcome,
  type ResolutionBody,
  type Step,
  type StepView,
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

/** What is known of one step of a decision: its view without the publication it went out as. */
export type StepState = Omit<StepView, 'disclosureId'>;

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

/** What a stored step record tells the rules (read by shape: the domain knows no store). */
export interface StepRecordFacts {
  step: Step;
  on: string;
  requestId: string;
  meeting: { outcome: Outcome } | null;
  confirmedAt: string | null;
}

/** The stored records of a decision as the rules read them. */
export function recordedOf(records: readonly StepRecordFacts[]): RecordedStep[] {
  return records.map((r) => ({
    step: r.step,
    on: r.on,
    outcome: r.meeting?.outcome ?? null,
    confirmed: !!r.confirmedAt,
  }));
}

/** What a request to record a step may do: write it (as which attempt), answer again, or be refused. */
export type StepCheck =
  | { ok: true; retry: true }
  | { ok: true; retry: false; attempt: number }
  | { ok: false; refusal: StepRefusal; open: Step | null };

/**
 * The one check before a step is recorded (and before anything is published for it): the same
 * request again is a retry that writes nothing; otherwise `canRecord` decides, and a step
 * recorded again (a meeting held again) is the next attempt. A refusal names the open step.
 */
export function checkStep(
  records: readonly StepRecordFacts[],
  requestId: string,
  step: Step,
  on: string,
): StepCheck {
  if (records.some((r) => r.requestId === requestId)) return { ok: true, retry: true };
  const recorded = recordedOf(records);
  const refusal = canRecord(recorded, step, on);
  if (refusal) return { ok: false, refusal, open: progressOf(recorded).progress.next };
  return { ok: true, retry: false, attempt: records.filter((r) => r.step === step).length + 1 };
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
