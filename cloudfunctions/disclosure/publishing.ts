import { chinaDateKey } from '../common/clock';
import { disclosureInputs as I } from '../common/contracts/disclosure';
import { DomainError } from '../common/errors';
import { requireVillageRole } from '../common/identity';
import { action } from '../common/router';
import { DuplicateKeyError } from '../common/store/port';
import { appendPublic } from '../record/public';
import {
  correctionProblem,
  futureProblem,
  movedPeriodProblem,
  openMonthProblem,
  type Problem,
} from './domain/publishing';
import { totalsOf } from '../common/totals';
import { cover, putHead, recountCoverage, seriesIdFor, versionId } from './heads';
import { rebuildHome } from './home';
import { disclosureRecordOf } from './record';
import { headsOf, versionsOf, type VersionDoc } from './store';
import { detailOf } from './views';

/** 三务公开 publishing: a new series, and corrections as new versions with a reason. */

/** A rule's problem is refused by its name, before anything is written. */
function refuse(problem: Problem | null): void {
  if (problem) throw new DomainError(problem.code, problem.message);
}

export const publish = action(I.publish, async (input, ctx) => {
  const { user, village } = await requireVillageRole(ctx.store, ctx.principal, input.villageId, 'cadre');
  const today = chinaDateKey(ctx.clock.now());
  refuse(futureProblem(input.periodKey, input.occurredOn ?? null, today));
  refuse(openMonthProblem(input, today));
  const seriesId = seriesIdFor(village._id, input.requestId);
  const doc: VersionDoc = {
    _id: versionId(seriesId, 1),
    seriesId,
    version: 1,
    requestId: input.requestId,
    villageId: village._id,
    townId: village.townId,
    category: input.category,
    major: input.major,
    occurredOn: input.occurredOn ?? null,
    title: input.title,
    periodKey: input.periodKey,
    body: input.body,
    attachments: input.attachments,
    items: input.items,
    totals: input.category === 'finance' ? totalsOf(input.items) : null,
    reason: null,
    publishedAt: ctx.clock.now().toISOString(),
    publisher: { openid: user._id, name: user.name },
  };
  let version = doc;
  try {
    await versionsOf(ctx.store).insert(doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    // A retry of the same request: finish what the first attempt may have left undone.
    version = (await versionsOf(ctx.store).get(doc._id)) as VersionDoc;
  }
  const head = await putHead(ctx.store, version);
  await cover(ctx.store, village, version);
  await rebuildHome(ctx.store, village, today);
  await appendPublic(ctx.store, disclosureRecordOf(version));
  return detailOf(ctx.store, version, head);
});

export const correct = action(I.correct, async (input, ctx) => {
  const head = await headsOf(ctx.store).get(input.seriesId);
  if (!head) throw new DomainError('NOT_FOUND');
  const { user, village } = await requireVillageRole(ctx.store, ctx.principal, head.villageId, 'cadre');
  const items = input.items;
  refuse(correctionProblem(head.category, input.periodKey, items));
  const today = chinaDateKey(ctx.clock.now());
  refuse(futureProblem(input.periodKey, null, today));
  // Moving a correction into an open month would mark that month disclosed; a correction that
  // keeps its period keeps the rule it was published under.
  if (input.periodKey !== head.periodKey) {
    refuse(openMonthProblem({ ...head, periodKey: input.periodKey }, today));
    refuse(movedPeriodProblem(head, input.periodKey, chinaDateKey(head.firstPublishedAt)));
  }
  const next = input.baseVersion + 1;
  const doc: VersionDoc = {
    _id: versionId(head._id, next),
    seriesId: head._id,
    version: next,
    requestId: input.requestId,
    villageId: head.villageId,
    townId: head.townId,
    category: head.category,
    major: head.major,
    occurredOn: head.occurredOn,
    title: input.title,
    periodKey: input.periodKey,
    body: input.body,
    attachments: input.attachments,
    items,
    totals: head.category === 'finance' ? totalsOf(items) : null,
    reason: input.reason,
    publishedAt: ctx.clock.now().toISOString(),
    publisher: { openid: user._id, name: user.name },
  };
  // A newer version than the head may exist when an earlier request stopped half-way:
  // bring the head up to it, so whoever refreshes sees it.
  const conflict = async (existing: VersionDoc): Promise<never> => {
    await putHead(ctx.store, existing);
    throw new DomainError('VERSION_CONFLICT');
  };
  if (input.baseVersion !== head.version) {
    const existing = await versionsOf(ctx.store).get(doc._id);
    if (!existing) throw new DomainError('VERSION_CONFLICT');
    if (existing.requestId !== input.requestId) await conflict(existing);
  }
  let version = doc;
  try {
    await versionsOf(ctx.store).insert(doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const existing = (await versionsOf(ctx.store).get(doc._id)) as VersionDoc;
    if (existing.requestId !== input.requestId) await conflict(existing);
    version = existing;
  }
  const newHead = await putHead(ctx.store, version);
  if (head.periodKey !== version.periodKey) await recountCoverage(ctx.store, village);
  else await cover(ctx.store, village, version);
  await rebuildHome(ctx.store, village, today);
  await appendPublic(ctx.store, disclosureRecordOf(version));
  return detailOf(ctx.store, version, newHead);
});
