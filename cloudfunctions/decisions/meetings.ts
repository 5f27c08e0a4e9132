import type { z } from 'zod';
import { chinaDateKey } from '../common/clock';
import {
  decisionsInputs as I,
  type RegularMeeting,
  type MissingMeeting,
} from '../common/contracts/decisions';
import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { DuplicateKeyError, findAll } from '../common/store/port';
import { isLateEntry, missingMeetings, periodOfDate } from './domain/meetings';
import { tallyProblems } from './domain/quorum';
import { authorize } from './policy';
import { refreshVillage } from './records';
import { regularMeetingsOf, villageSummariesOf, type RegularMeetingDoc } from './store';

/** Meetings of record: the 两委's quarterly reports and the monthly 列席, with attendance. */

function viewOf(m: RegularMeetingDoc): RegularMeeting {
  return {
    id: m._id,
    kind: m.kind,
    periodKey: m.periodKey,
    heldOn: m.heldOn,
    entitled: m.entitled,
    present: m.present,
    topics: m.topics,
    minutes: m.minutes,
    recordedBy: m.recordedBy.name,
    enteredOn: chinaDateKey(m.at),
    late: isLateEntry(m.kind, m.periodKey, chinaDateKey(m.at)),
  };
}

export async function recordRegular(
  input: z.output<typeof I.recordRegular>,
  ctx: Ctx,
): Promise<RegularMeeting> {
  const { user, village } = await authorize(ctx.store, ctx.principal, 'record', input.villageId);
  const v = village!;
  if (input.heldOn > chinaDateKey(ctx.clock.now())) throw new DomainError('DATE_IN_FUTURE');
  const problem = tallyProblems('committee', { ...input, votesFor: 0, votesAgainst: 0, abstentions: 0 })[0];
  if (problem) throw new DomainError(problem);
  const periodKey = periodOfDate(input.kind, input.heldOn);
  const doc: RegularMeetingDoc = {
    _id: `${v._id}:${input.kind}:${periodKey}`,
    villageId: v._id,
    townId: v.townId,
    kind: input.kind,
    periodKey,
    requestId: input.requestId,
    heldOn: input.heldOn,
    entitled: input.entitled,
    present: input.present,
    topics: input.topics,
    minutes: input.minutes,
    recordedBy: { openid: user._id, name: user.name },
    at: ctx.clock.now().toISOString(),
  };
  let saved = (await regularMeetingsOf(ctx.store).get(doc._id)) ?? doc;
  if (saved !== doc && saved.requestId !== input.requestId) throw new DomainError('MEETING_RECORDED');
  if (saved === doc) {
    try {
      await regularMeetingsOf(ctx.store).insert(doc);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      const existing = await regularMeetingsOf(ctx.store).get(doc._id);
      if (!existing || existing.requestId !== input.requestId) throw new DomainError('MEETING_RECORDED');
      saved = existing;
    }
  }
  await refreshVillage(ctx.store, v._id, v.townId, ctx.clock.now());
  return viewOf(saved);
}

export async function regular(
  input: z.output<typeof I.regular>,
  ctx: Ctx,
): Promise<{ villageName: string; records: RegularMeeting[]; missing: MissingMeeting[] }> {
  const { village } = await authorize(ctx.store, ctx.principal, 'read', input.villageId);
  const v = village!;
  const [records, summary] = await Promise.all([
    findAll(regularMeetingsOf(ctx.store), { villageId: v._id }, { sort: { heldOn: -1 } }),
    villageSummariesOf(ctx.store).get(v._id),
  ]);
  const held = new Set(summary?.held ?? []);
  for (const r of records) held.add(`${r.kind}:${r.periodKey}`);
  return {
    villageName: v.name,
    records: records.map(viewOf),
    missing: missingMeetings(v.trackingSince, chinaDateKey(ctx.clock.now()), held).reverse(),
  };
}
