import { chinaDateKey } from '../common/clock';
import type {
  DecisionDetail,
  DecisionStatus,
  DecisionSummary,
  MeetingAttempt,
  StepView,
} from '../common/contracts/decisions';
import type { Store } from '../common/store/port';
import { DuplicateKeyError, findAll } from '../common/store/port';
import { MAJOR_MATTER_DAYS } from '../disclosure/public';
import { isLateEntry, recordKey } from './domain/meetings';
import { dueOf, progressOf, recordedOf, STEPS, unconfirmedSteps } from './domain/steps';
import {
  decisionsOf,
  regularMeetingsOf,
  stepRecordsOf,
  villageSummariesOf,
  type DecisionDoc,
  type StepRecordDoc,
  type VillageSummaryDoc,
} from './store';

/**
 * The derived state of this context, rebuilt from its sources on every write: a decision's
 * head from its step records, a village's summary from its decisions and meetings. Both can be
 * rebuilt at any time, so a write that stopped half-way is repaired by the next one (or a retry).
 */

export function recordsInOrder(records: StepRecordDoc[]): StepRecordDoc[] {
  return [...records].sort((a, b) => STEPS.indexOf(a.step) - STEPS.indexOf(b.step) || a.attempt - b.attempt);
}

export async function recordsOf(store: Store, decisionId: string): Promise<StepRecordDoc[]> {
  return recordsInOrder(await findAll(stepRecordsOf(store), { decisionId }));
}

export function stateOf(d: Pick<DecisionDoc, 'plannedCompletion'>, records: StepRecordDoc[]) {
  const { progress, steps } = progressOf(recordedOf(records));
  const views: StepView[] = steps.map((s) => ({
    ...s,
    disclosureId:
      [...records].reverse().find((r) => r.step === s.step && r.disclosureId)?.disclosureId ?? null,
  }));
  const due = dueOf(steps, progress.next, d.plannedCompletion, MAJOR_MATTER_DAYS);
  return {
    status: progress.status,
    next: progress.next,
    nextDueOn: due?.dueOn ?? null,
    unconfirmed: unconfirmedSteps(steps),
    steps: views,
    resultBody: records.find((r) => r.step === 'resultPublic')?.body ?? null,
  };
}

/** Brings the decision's head in line with its records, then the village's summary. */
export async function refreshDecision(store: Store, decision: DecisionDoc, now: Date): Promise<DecisionDoc> {
  const records = await recordsOf(store, decision._id);
  const state = stateOf(decision, records);
  const updated: DecisionDoc = { ...decision, ...state, updatedAt: now.toISOString() };
  const { _id, ...rest } = updated;
  await decisionsOf(store).update(_id, { set: rest });
  await refreshVillage(store, decision.villageId, decision.townId, now);
  return updated;
}

const EMPTY_COUNTS: Record<DecisionStatus, number> = {
  inProgress: 0,
  resolved: 0,
  completed: 0,
  rejected: 0,
};

/** Rebuilds one village's summary from its decisions and meetings of record (bounded: one village). */
export async function refreshVillage(
  store: Store,
  villageId: string,
  townId: string,
  now: Date,
): Promise<VillageSummaryDoc> {
  const [ds, meetings] = await Promise.all([
    findAll(
      decisionsOf(store),
      { villageId },
      { fields: ['title', 'status', 'next', 'nextDueOn', 'unconfirmed'] },
    ),
    findAll(regularMeetingsOf(store), { villageId }, { fields: ['kind', 'periodKey', 'at'] }),
  ]);
  const counts = { ...EMPTY_COUNTS };
  for (const d of ds) counts[d.status]++;
  const doc: VillageSummaryDoc = {
    _id: villageId,
    townId,
    counts,
    due: ds
      .filter((d) => d.next && d.nextDueOn)
      .map((d) => ({ decisionId: d._id, title: d.title, step: d.next!, dueOn: d.nextDueOn! }))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
    unconfirmed: ds.reduce((n, d) => n + d.unconfirmed.length, 0),
    held: meetings.map((m) => recordKey(m.kind, m.periodKey)).sort(),
    late: meetings
      .filter((m) => isLateEntry(m.kind, m.periodKey, chinaDateKey(m.at)))
      .map((m) => recordKey(m.kind, m.periodKey))
      .sort(),
    updatedAt: now.toISOString(),
  };
  const { _id, ...rest } = doc;
  if (!(await villageSummariesOf(store).update(_id, { set: rest }))) {
    try {
      await villageSummariesOf(store).insert(doc);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      await villageSummariesOf(store).update(_id, { set: rest });
    }
  }
  return doc;
}

export function summaryOf(d: DecisionDoc, today: string): DecisionSummary {
  return {
    id: d._id,
    villageId: d.villageId,
    title: d.title,
    category: d.category,
    resolutionBody: d.resolutionBody,
    status: d.status,
    next: d.next,
    nextDueOn: d.nextDueOn,
    overdue: !!d.nextDueOn && d.nextDueOn < today,
    unconfirmed: d.unconfirmed,
    proposedOn: d.proposedOn,
    updatedAt: d.updatedAt,
  };
}

export function detailOf(d: DecisionDoc, records: StepRecordDoc[], now: Date): DecisionDetail {
  const meetings: MeetingAttempt[] = records
    .filter((r): r is StepRecordDoc & { meeting: NonNullable<StepRecordDoc['meeting']> } => !!r.meeting)
    .map((r) => ({
      step: r.step as MeetingAttempt['step'],
      attempt: r.attempt,
      heldOn: r.on,
      ...r.meeting,
      recordedBy: r.recordedBy.name,
      confirmedBy: r.confirmedBy?.name ?? null,
      confirmedAt: r.confirmedAt,
      confirmNote: r.confirmNote,
    }));
  return {
    ...summaryOf(d, chinaDateKey(now)),
    summary: d.summary,
    proposer: d.proposer,
    plannedCompletion: d.plannedCompletion,
    attachments: d.attachments,
    steps: d.steps,
    meetings,
    resultBody: d.resultBody,
  };
}
