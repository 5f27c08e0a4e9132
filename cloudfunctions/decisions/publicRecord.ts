import { STEP_LABELS, type Step } from '../common/contracts/decisions';
import type { Store } from '../common/store/port';
import { appendPublic, type PublicRecord } from '../record/public';
import { recordsOf } from './records';
import { decisionsOf, stepRecordsOf, type DecisionDoc, type StepRecordDoc } from './store';

/**
 * The public record of decisions: each published step (决议公开, 实施结果公开) enters the
 * village's public record chain. Its content is what the village reads of the step: the
 * decision's title and summary, the step's date and text, the 三务公开 record it went out as,
 * and for the resolution the numbers of the meeting that passed it (its minutes by file id).
 * Never who recorded or confirmed it (openids), never a request id.
 */

/** The steps that are publications. */
export const PUBLISHED_STEPS: readonly Step[] = ['resolutionPublic', 'resultPublic'];

function publicContentOf(d: DecisionDoc, r: StepRecordDoc, all: StepRecordDoc[]) {
  const passed =
    r.step === 'resolutionPublic'
      ? [...all].reverse().find((x) => x.step === 'resolution' && x.meeting?.outcome === 'passed')
      : undefined;
  const m = passed?.meeting;
  return {
    decisionId: d._id,
    villageId: d.villageId,
    title: d.title,
    category: d.category,
    summary: d.summary,
    step: r.step,
    attempt: r.attempt,
    on: r.on,
    body: r.body,
    disclosureId: r.disclosureId,
    meeting: m
      ? {
          kind: m.kind,
          heldOn: passed.on,
          entitled: m.entitled,
          present: m.present,
          votesFor: m.votesFor,
          votesAgainst: m.votesAgainst,
          abstentions: m.abstentions,
          households: m.households,
          outcome: m.outcome,
          minutes: m.minutes.map((a) => ({ fileId: a.fileId, name: a.name, kind: a.kind })),
        }
      : null,
    publishedAt: r.at,
  };
}

function recordOf(d: DecisionDoc, r: StepRecordDoc, all: StepRecordDoc[]): PublicRecord {
  return {
    villageId: d.villageId,
    townId: d.townId,
    kind: 'decision',
    recordId: r._id,
    version: 1,
    label: `${d.title}（${STEP_LABELS[r.step]}）`,
    at: r.at,
    content: publicContentOf(d, r, all),
  };
}

/**
 * Appends the published step of this request to the chain (once: a retry finds its entry).
 * Called after the step record is written, also when the step was written by an earlier try.
 */
export async function appendPublishedStep(
  store: Store,
  decisionId: string,
  requestId: string,
): Promise<void> {
  const d = await decisionsOf(store).get(decisionId);
  if (!d) return;
  const all = await recordsOf(store, decisionId);
  const r = all.find((x) => x.requestId === requestId && PUBLISHED_STEPS.includes(x.step));
  if (r) await appendPublic(store, recordOf(d, r, all));
}

/** The public content of a published step as stored now (null when it or its decision is gone). */
export async function decisionStepContent(store: Store, recordId: string): Promise<unknown | null> {
  const r = await stepRecordsOf(store).get(recordId);
  if (!r || !PUBLISHED_STEPS.includes(r.step)) return null;
  const d = await decisionsOf(store).get(r.decisionId);
  if (!d) return null;
  return publicContentOf(d, r, await recordsOf(store, d._id));
}
