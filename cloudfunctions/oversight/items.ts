import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { chinaDateKey } from '../common/clock';
import {
  DAILY_RAISE_LIMIT,
  oversightInputs as I,
  type OversightOutputs,
  type Subject,
} from '../common/contracts/oversight';
import { DomainError } from '../common/errors';
import { requireUser, villages, type UserDoc } from '../common/identity';
import type { Ctx } from '../common/router';
import { DuplicateKeyError, type Query } from '../common/store/port';
import { decisionRef } from '../decisions/public';
import { disclosureVersionRef, payoutRowRef } from '../disclosure/public';
import { noticeRef, reportRef } from '../report/public';
import { raiseItem, type Actor, type Step } from './domain/item';
import { viewerOf, authorize } from './policy';
import { detailFor } from './commands';
import { readItem, settle, villageName } from './flow';
import { notifyAfter } from './notify';
import { itemsOf, raisePlaceId, raisePlacesOf, stepsOf, stepId, type ItemDoc } from './store';
import { deadlinesOf } from './townView';
import { applyStats, statsDelta } from './villageStats';
import { summaryOf } from './views';

/** 问题反映: raising a question, the reporter's list, one item, the village inbox. */

/**
 * Takes one of the reporter's places of the day for the item (a retry finds its own place);
 * refuses when every place is taken by other items.
 */
async function takeRaisePlace(ctx: Ctx, openid: string, day: string, itemId: string): Promise<void> {
  for (let n = 1; n <= DAILY_RAISE_LIMIT; n++) {
    const _id = raisePlaceId(openid, day, n);
    try {
      await raisePlacesOf(ctx.store).insert({ _id, itemId });
      return;
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      if ((await raisePlacesOf(ctx.store).get(_id))?.itemId === itemId) return;
    }
  }
  throw new DomainError('RAISE_LIMIT');
}

function itemIdFor(openid: string, requestId: string): string {
  return `q${createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 20)}`;
}

/** What a refusal says when the subject of that kind is not there for the reporter. */
const SUBJECT_MISSING: Record<Exclude<Subject['kind'], 'general'>, string> = {
  disclosure: '没有找到您要反映的公开内容或明细，请返回重新选择',
  notice: '没有找到这条本村的通知公告，请返回重新选择',
  report: '没有找到这份本村已发布的村情月报，请返回重新选择',
  decision: '没有找到这项本村的村级决策，请返回重新选择',
  payout: '没有找到这份本村发放名单中的这一行，请返回重新选择',
};

/**
 * The words the item keeps about its subject, read from the subject's own context; refuses a
 * subject that does not exist, is not published, or is of another village (nothing written).
 */
async function subjectTitle(ctx: Ctx, user: UserDoc, subject: Subject): Promise<string | null> {
  if (subject.kind === 'general') return null;
  const missing = () => new DomainError('SUBJECT_NOT_FOUND', SUBJECT_MISSING[subject.kind]);
  const ofReporter = <R extends { villageId: string; townId: string }>(ref: R | null): R => {
    if (!ref || ref.villageId !== user.villageId || ref.townId !== user.townId) throw missing();
    return ref;
  };
  switch (subject.kind) {
    case 'notice':
      return ofReporter(await noticeRef(ctx.store, subject.noticeId)).label;
    case 'report':
      return ofReporter(await reportRef(ctx.store, subject.reportId)).label;
    case 'decision':
      return ofReporter(await decisionRef(ctx.store, subject.decisionId)).label;
    case 'payout':
      return ofReporter(await payoutRowRef(ctx.store, subject.seriesId, subject.version, subject.rowIndex))
        .label;
    case 'disclosure': {
      const ref = ofReporter(await disclosureVersionRef(ctx.store, subject.seriesId, subject.version));
      const base = `${ref.periodLabel} ${ref.title}`;
      if (subject.itemIndex === undefined) return base;
      const line = ref.itemLabels[subject.itemIndex];
      if (line === undefined) throw missing();
      return `${base}（第 ${subject.itemIndex + 1} 条明细：${line}）`;
    }
  }
}

export async function raise(input: z.output<typeof I.raise>, ctx: Ctx): Promise<OversightOutputs['raise']> {
  const user = requireUser(ctx.principal);
  const villageId = user.villageId;
  authorize(user, 'raise', { villageId, townId: user.townId });
  if (!villageId) throw new DomainError('NOT_BOUND');
  const id = itemIdFor(user._id, input.requestId);
  const existing = await itemsOf(ctx.store).get(id);
  if (existing) return { id, created: false, state: existing.state, acceptDueAt: existing.acceptDueAt };

  const now = ctx.clock.now();
  const at = now.toISOString();
  const raisedDay = chinaDateKey(now);
  if ((await itemsOf(ctx.store).count({ reporterId: user._id, raisedDay })) >= DAILY_RAISE_LIMIT) {
    throw new DomainError('RAISE_LIMIT');
  }
  const title = await subjectTitle(ctx, user, input.subject);
  await takeRaisePlace(ctx, user._id, raisedDay, id);
  const reporter: Actor = { id: user._id, name: user.name, role: 'reporter' };
  const core = raiseItem(
    {
      villageId,
      townId: user.townId,
      category: input.category,
      subject: input.subject,
      showName: input.showName,
      allowPublic: input.allowPublic,
      deadlines: await deadlinesOf(ctx.store, user.townId),
    },
    reporter,
    input.text,
    input.photos,
    at,
  );
  const item: ItemDoc = {
    _id: id,
    ...core,
    raisedDay,
    seriesId: input.subject.kind === 'disclosure' ? input.subject.seriesId : null,
    subjectTitle: title,
  };
  const step: Step = { seq: 1, kind: 'raised', at, actor: reporter, text: '', photos: input.photos };
  try {
    await stepsOf(ctx.store).insert({ _id: stepId(id, 1), itemId: id, villageId, ...step });
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
  try {
    await itemsOf(ctx.store).insert(item);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const again = await itemsOf(ctx.store).get(id);
    return { id, created: false, state: again?.state ?? 'submitted', acceptDueAt: core.acceptDueAt };
  }
  await applyStats(ctx.store, user.townId, villageId, statsDelta(id, null, item));
  await notifyAfter(ctx, item, [step]);
  return { id, created: true, state: item.state, acceptDueAt: item.acceptDueAt };
}

const OPEN: Query[string] = { $nin: ['closed', 'referred'] };

function skipOf(cursor: string | undefined): number {
  const n = cursor ? Number(cursor) : 0;
  return Number.isInteger(n) && n >= 0 && n <= 10_000 ? n : 0;
}

export async function mine(input: z.output<typeof I.mine>, ctx: Ctx): Promise<OversightOutputs['mine']> {
  const user = requireUser(ctx.principal);
  authorize(user, 'mine', { villageId: user.villageId, townId: user.townId });
  const skip = skipOf(input.cursor);
  const rows = await itemsOf(ctx.store).find(
    { reporterId: user._id },
    { sort: { raisedAt: -1, _id: 1 }, skip, limit: input.limit + 1 },
  );
  const now = ctx.clock.now();
  const name = user.villageId ? await villageName(ctx.store, user.villageId) : '';
  const page = rows.slice(0, input.limit);
  return {
    rows: page.map((r) => summaryOf(r, 'reporter', name, now)),
    next: rows.length > input.limit ? String(skip + input.limit) : null,
  };
}

export async function get(input: z.output<typeof I.get>, ctx: Ctx): Promise<OversightOutputs['get']> {
  const user = requireUser(ctx.principal);
  const stored = await readItem(ctx.store, input.itemId);
  authorize(user, 'get', {
    villageId: stored.villageId,
    townId: stored.townId,
    reporterId: stored.reporterId,
  });
  return detailFor(ctx, user, await settle(ctx, stored, ctx.clock.now()));
}

export async function inbox(input: z.output<typeof I.inbox>, ctx: Ctx): Promise<OversightOutputs['inbox']> {
  const user = requireUser(ctx.principal);
  const villageId = input.villageId ?? user.villageId;
  if (!villageId) throw new DomainError('NOT_FOUND', '请选择要查看的村');
  const village = await villages(ctx.store).get(villageId);
  if (!village) throw new DomainError('NOT_FOUND', '没有找到这个村');
  const target = { villageId, townId: village.townId };
  authorize(user, 'inbox', target);
  const query: Query = { villageId };
  if (input.filter === 'open') query.state = OPEN;
  if (input.filter === 'escalated') query.state = { $in: ['escalated', 'takenOver'] };
  const skip = skipOf(input.cursor);
  const rows = await itemsOf(ctx.store).find(query, {
    sort: { raisedAt: -1, _id: 1 },
    skip,
    limit: input.limit + 1,
  });
  const now = ctx.clock.now();
  const page = await Promise.all(rows.slice(0, input.limit).map((r) => settle(ctx, r, now)));
  const viewer = viewerOf(user, target);
  return {
    villageId,
    villageName: village.name,
    rows: page.map((r) => summaryOf(r, viewer, village.name, now)),
    next: rows.length > input.limit ? String(skip + input.limit) : null,
  };
}

/** How many questions a disclosure has, and the answers the reporters allowed to be public. */
export async function aboutDisclosure(
  input: z.output<typeof I.aboutDisclosure>,
  ctx: Ctx,
): Promise<OversightOutputs['aboutDisclosure']> {
  const user = requireUser(ctx.principal);
  // The disclosure's own village decides who may count its questions: its villagers and its
  // town, nobody of another village or town (every series has its first version).
  const ref = await disclosureVersionRef(ctx.store, input.seriesId, 1);
  if (!ref) throw new DomainError('NOT_FOUND', '没有找到这条公开内容');
  authorize(user, 'aboutDisclosure', { villageId: ref.villageId, townId: ref.townId });
  const scope: Query = { seriesId: input.seriesId, villageId: ref.villageId };
  const [count, open, answered] = await Promise.all([
    itemsOf(ctx.store).count(scope),
    itemsOf(ctx.store).count({ ...scope, state: OPEN }),
    itemsOf(ctx.store).find(
      { ...scope, allowPublic: true, 'publicAnswer.at': { $gt: '' } },
      { sort: { raisedAt: -1, _id: 1 }, limit: 20 },
    ),
  ]);
  return {
    seriesId: input.seriesId,
    count,
    open,
    answers: answered.map((r) => ({
      id: r._id,
      category: r.category,
      question: r.text,
      answer: r.publicAnswer?.text ?? '',
      answeredAt: r.publicAnswer?.at ?? '',
      itemIndex: r.subject.kind === 'disclosure' ? (r.subject.itemIndex ?? null) : null,
      state: r.state,
    })),
  };
}
