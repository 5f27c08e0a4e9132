import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Attachment } from '../common/contracts/disclosure';
import { chinaDateKey } from '../common/clock';
import {
  DECISION_REFUSALS,
  MEETING_KIND_LABELS,
  OUTCOME_LABELS,
  STEP_LABELS,
  decisionsInputs as I,
  type DecisionDetail,
  type DecisionSummary,
  type Step,
} from '../common/contracts/decisions';
import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { DuplicateKeyError } from '../common/store/port';
import { publishMajorMatter } from '../disclosure/public';
import { evaluate, tallyProblems } from './domain/quorum';
import { checkStep, meetingKindOf } from './domain/steps';
import { authorize, type Permission } from './policy';
import { appendPublishedStep } from './publicRecord';
import { detailOf, recordsOf, refreshDecision, stateOf, summaryOf } from './records';
import { decisionsOf, stepRecordsOf, type DecisionDoc, type StepRecordDoc } from './store';

/** 四议两公开: a major matter from the 党组织's proposal to the publication of its results. */

const decisionIdFor = (villageId: string, requestId: string) =>
  `m${createHash('sha256').update(`${villageId}\n${requestId}`).digest('hex').slice(0, 20)}`;
const recordId = (decisionId: string, step: Step, attempt: number) => `${decisionId}.${step}.${attempt}`;

async function load(ctx: Ctx, decisionId: string): Promise<DecisionDoc> {
  const d = await decisionsOf(ctx.store).get(decisionId);
  if (!d) throw new DomainError('NOT_FOUND', '没有找到这项决策事项');
  return d;
}

/** The decision acted on and the caller, once the table allows `permission` in its village. */
async function loadFor(ctx: Ctx, decisionId: string, permission: Permission) {
  const d = await load(ctx, decisionId);
  const { user } = await authorize(ctx.store, ctx.principal, permission, d.villageId);
  return { d, user };
}

function notInFuture(on: string, ctx: Ctx) {
  if (on > chinaDateKey(ctx.clock.now())) throw new DomainError('DATE_IN_FUTURE');
}

async function reply(ctx: Ctx, d: DecisionDoc): Promise<DecisionDetail> {
  return detailOf(d, await recordsOf(ctx.store, d._id), ctx.clock.now());
}

/**
 * The step check of every use case (before anything is written or published): throws the
 * refusal, naming the step that is open; else says whether this is a retry or which attempt.
 */
function mayRecord(records: StepRecordDoc[], requestId: string, step: Step, on: string) {
  const check = checkStep(records, requestId, step, on);
  if (check.ok) return check;
  const { refusal, open } = check;
  throw new DomainError(
    refusal,
    refusal === 'STEP_OUT_OF_ORDER' && open
      ? `${DECISION_REFUSALS[refusal]}：现在应办理“${STEP_LABELS[open]}”`
      : undefined,
  );
}

/** What a use case says of the step it records; the rest of the record is the same for all. */
type StepFacts = Pick<StepRecordDoc, 'step' | 'on' | 'meeting' | 'disclosureId' | 'body'>;

/**
 * Writes a step record and brings the decision up to date. The same request again (a retry
 * after a lost reply or a half-finished write) records nothing twice and repairs the head.
 */
async function record(
  ctx: Ctx,
  d: DecisionDoc,
  requestId: string,
  by: { _id: string; name: string },
  facts: StepFacts,
): Promise<DecisionDetail> {
  const check = mayRecord(await recordsOf(ctx.store, d._id), requestId, facts.step, facts.on);
  if (!check.retry) {
    const doc: StepRecordDoc = {
      ...facts,
      _id: recordId(d._id, facts.step, check.attempt),
      decisionId: d._id,
      villageId: d.villageId,
      requestId,
      attempt: check.attempt,
      recordedBy: { openid: by._id, name: by.name },
      at: ctx.clock.now().toISOString(),
      confirmedBy: null,
      confirmedAt: null,
      confirmNote: '',
    };
    try {
      await stepRecordsOf(ctx.store).insert(doc);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      // Someone else recorded this attempt a moment ago.
      throw new DomainError('VERSION_CONFLICT', '这一步刚刚已由他人记录，请刷新后查看');
    }
  }
  return reply(ctx, await refreshDecision(ctx.store, d, ctx.clock.now()));
}

export async function propose(input: z.output<typeof I.propose>, ctx: Ctx): Promise<DecisionDetail> {
  const { user, village } = await authorize(ctx.store, ctx.principal, 'record', input.villageId);
  const v = village!;
  notInFuture(input.proposedOn, ctx);
  const id = decisionIdFor(v._id, input.requestId);
  const now = ctx.clock.now().toISOString();
  const base: DecisionDoc = {
    _id: id,
    villageId: v._id,
    townId: v.townId,
    requestId: input.requestId,
    title: input.title,
    category: input.category,
    summary: input.summary,
    proposer: input.proposer,
    proposedOn: input.proposedOn,
    sortKey: `${input.proposedOn}:${id}`,
    resolutionBody: input.resolutionBody,
    plannedCompletion: input.plannedCompletion ?? null,
    attachments: input.attachments,
    ...stateOf({ plannedCompletion: input.plannedCompletion ?? null }, []),
    updatedAt: now,
  };
  try {
    await decisionsOf(ctx.store).insert(base);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
  const d = await load(ctx, id);
  return record(ctx, d, input.requestId, user, {
    step: 'proposal',
    on: input.proposedOn,
    meeting: null,
    disclosureId: null,
    body: input.summary,
  });
}

export async function recordMeeting(
  input: z.output<typeof I.recordMeeting>,
  ctx: Ctx,
): Promise<DecisionDetail> {
  const { d, user } = await loadFor(ctx, input.decisionId, 'record');
  notInFuture(input.heldOn, ctx);
  const kind = meetingKindOf(input.step, d.resolutionBody);
  const tally = {
    entitled: input.entitled,
    present: input.present,
    votesFor: input.votesFor,
    votesAgainst: input.votesAgainst,
    abstentions: input.abstentions,
    households: input.households,
  };
  const problem = tallyProblems(kind, tally)[0];
  if (problem) throw new DomainError(problem);
  // A meeting held again has the same members: lowering 应到 would manufacture a quorum.
  const earlier = (await recordsOf(ctx.store, d._id)).find((r) => r.step === input.step && r.meeting);
  if (
    earlier?.meeting &&
    earlier.meeting.entitled !== input.entitled &&
    earlier.requestId !== input.requestId
  )
    throw new DomainError(
      'ENTITLED_CHANGED',
      `${DECISION_REFUSALS.ENTITLED_CHANGED}：上次应到 ${earlier.meeting.entitled} 人`,
    );
  const { outcome } = evaluate(kind, tally);
  if (outcome !== input.outcome) {
    throw new DomainError(
      'OUTCOME_NOT_SUPPORTED',
      `${DECISION_REFUSALS.OUTCOME_NOT_SUPPORTED}：按${MEETING_KIND_LABELS[kind]}的规则，应到 ${input.entitled} 人、实到 ${input.present} 人、同意 ${input.votesFor} 票，结果应为“${OUTCOME_LABELS[outcome]}”`,
    );
  }
  return record(ctx, d, input.requestId, user, {
    step: input.step,
    on: input.heldOn,
    meeting: { kind, ...tally, outcome, minutes: input.minutes, note: input.note },
    disclosureId: null,
    body: null,
  });
}

export async function confirmStep(input: z.output<typeof I.confirmStep>, ctx: Ctx): Promise<DecisionDetail> {
  const { d, user } = await loadFor(ctx, input.decisionId, 'confirm');
  const id = recordId(d._id, input.step, input.attempt);
  const rec = await stepRecordsOf(ctx.store).get(id);
  if (!rec) throw new DomainError('NOT_FOUND', '没有找到这次会议记录');
  if (rec.recordedBy.openid === user._id) throw new DomainError('SELF_CONFIRM');
  if (rec.confirmedAt) {
    if (rec.confirmedBy?.openid === user._id)
      return reply(ctx, await refreshDecision(ctx.store, d, ctx.clock.now()));
    throw new DomainError('ALREADY_CONFIRMED');
  }
  const moved = await stepRecordsOf(ctx.store).updateWhere(
    { _id: id, confirmedAt: null },
    {
      set: {
        confirmedAt: ctx.clock.now().toISOString(),
        confirmedBy: { openid: user._id, name: user.name },
        confirmNote: input.note,
      },
    },
  );
  if (moved === 0) throw new DomainError('ALREADY_CONFIRMED');
  return reply(ctx, await refreshDecision(ctx.store, d, ctx.clock.now()));
}

/** What a publication step puts out as a 村务 major matter in 三务公开. */
interface MajorMatter {
  title: string;
  body: string;
  occurredOn: string;
  attachments: Attachment[];
}

/**
 * 决议公开 / 实施结果公开: checked (on `checkOn`) before anything is published, published as a
 * 村务 major matter, recorded as the step and entered in the public record chain. The same
 * request again (its id is the decision's and the step's) publishes and appends nothing twice.
 */
async function publishStep(
  ctx: Ctx,
  d: DecisionDoc,
  by: { _id: string; name: string },
  step: 'resolutionPublic' | 'resultPublic',
  checkOn: string,
  body: string,
  matter: (records: StepRecordDoc[]) => MajorMatter,
): Promise<DecisionDetail> {
  const records = await recordsOf(ctx.store, d._id);
  const requestId = `${d._id}-${step === 'resolutionPublic' ? 'resolution' : 'result'}`;
  mayRecord(records, requestId, step, checkOn);
  const disclosureId = await publishMajorMatter(ctx, {
    villageId: d.villageId,
    requestId,
    ...matter(records),
  });
  const on = chinaDateKey(ctx.clock.now());
  const detail = await record(ctx, d, requestId, by, { step, on, meeting: null, disclosureId, body });
  // The step enters the public record chain (a retry finds its entry there).
  await appendPublishedStep(ctx.store, d._id, requestId);
  return detail;
}

/** 决议公开: the resolution goes out as a 村务 major matter, with the numbers of its meeting. */
export async function publishResolution(
  input: z.output<typeof I.publishResolution>,
  ctx: Ctx,
): Promise<DecisionDetail> {
  const { d, user } = await loadFor(ctx, input.decisionId, 'record');
  const today = chinaDateKey(ctx.clock.now());
  return publishStep(ctx, d, user, 'resolutionPublic', today, input.body, (records) => {
    const meeting = [...records]
      .reverse()
      .find((r) => r.step === 'resolution' && r.meeting?.outcome === 'passed');
    const m = meeting?.meeting;
    const lines = [
      d.summary,
      m
        ? `${meeting.on.slice(0, 4)}年${Number(meeting.on.slice(5, 7))}月${Number(meeting.on.slice(8, 10))}日${MEETING_KIND_LABELS[m.kind]}表决：应到 ${m.entitled} 人，实到 ${m.present} 人；同意 ${m.votesFor} 票，反对 ${m.votesAgainst} 票，弃权 ${m.abstentions} 票，决议通过。`
        : '',
      input.body,
    ].filter(Boolean);
    return {
      title: `${d.title.slice(0, 52)}（决议公开）`,
      body: lines.join('\n'),
      occurredOn: meeting?.on ?? today,
      attachments: m?.minutes ?? [],
    };
  });
}

/** 实施结果公开: what was done, published as a 村务 major matter. */
export async function publishResult(
  input: z.output<typeof I.publishResult>,
  ctx: Ctx,
): Promise<DecisionDetail> {
  const { d, user } = await loadFor(ctx, input.decisionId, 'record');
  notInFuture(input.completedOn, ctx);
  // The work cannot have been done before the last step.
  return publishStep(ctx, d, user, 'resultPublic', input.completedOn, input.body, () => ({
    title: `${d.title.slice(0, 50)}（实施结果公开）`,
    body: input.body,
    occurredOn: input.completedOn,
    attachments: input.attachments,
  }));
}

export async function decisions(
  input: z.output<typeof I.decisions>,
  ctx: Ctx,
): Promise<{ items: DecisionSummary[]; nextCursor: string | null }> {
  const { village } = await authorize(ctx.store, ctx.principal, 'read', input.villageId);
  const page = await decisionsOf(ctx.store).find(
    { villageId: village!._id, ...(input.cursor ? { sortKey: { $lt: input.cursor } } : {}) },
    { sort: { sortKey: -1 }, limit: input.limit + 1 },
  );
  const today = chinaDateKey(ctx.clock.now());
  const items = page.slice(0, input.limit);
  return {
    items: items.map((d) => summaryOf(d, today)),
    nextCursor: page.length > input.limit ? (items[items.length - 1]?.sortKey ?? null) : null,
  };
}

export async function decision(input: z.output<typeof I.decision>, ctx: Ctx): Promise<DecisionDetail> {
  const { d } = await loadFor(ctx, input.decisionId, 'read');
  return reply(ctx, d);
}
