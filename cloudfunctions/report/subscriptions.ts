import {
  reportInputs as I,
  SUBSCRIBE_TEMPLATES,
  TEMPLATE_KEYS,
  type DeliveryStatus,
  type SubscriptionState,
  type TemplateKey,
} from '../common/contracts/report';
import { DomainError } from '../common/errors';
import { requireUser, requireVillageManager } from '../common/identity';
import { action, type Ctx } from '../common/router';
import { DuplicateKeyError, type Store } from '../common/store/port';
import { deliveryStatusOf, runDeliveries } from './delivery';
import { MAX_ONE_TIME_GRANTS } from './domain/delivery';
import { grantEventsOf, grantIdOf, grantsOf, jobsOf } from './store';

/** Subscriptions (a person's grants per template) and delivery of a published report or notice. */

/**
 * Time a publish (or a cadre's "send now") spends delivering before it replies: planning and a
 * first small batch. The cadre waits for the reply; the timer delivers the rest within minutes.
 */
export const INLINE_DELIVERY_BUDGET_MS = 1_000;
const INLINE_BATCH = 50;

async function subscriptionsOf(store: Store, openid: string): Promise<SubscriptionState[]> {
  const grants = await grantsOf(store).find({ _id: { $in: TEMPLATE_KEYS.map((t) => grantIdOf(openid, t)) } });
  return TEMPLATE_KEYS.map((t) => {
    const g = grants.find((x) => x.template === t);
    return {
      template: t,
      title: SUBSCRIBE_TEMPLATES[t].title,
      templateId: SUBSCRIBE_TEMPLATES[t].id,
      remaining: g?.oneTime ?? 0,
      longTerm: g?.longTerm ?? false,
    };
  });
}

/** Delivers right away for a short while when a sender is wired; the timer finishes the rest. */
export async function deliverNow(ctx: Ctx, subjectId: string): Promise<DeliveryStatus> {
  const sender = ctx.services?.subscribeSender;
  if (sender) {
    await runDeliveries(
      { store: ctx.store, clock: ctx.clock, sender },
      {
        owner: `call-${ctx.ids.next()}`,
        budgetMs: INLINE_DELIVERY_BUDGET_MS,
        subjectId,
        batchSize: INLINE_BATCH,
        planPage: INLINE_BATCH,
      },
    );
  } else {
    ctx.log?.(`no subscribe sender wired; delivery of ${subjectId} waits for the timer`);
  }
  return (await deliveryStatusOf(ctx.store, subjectId, ctx.clock.now())) as DeliveryStatus;
}

async function requireManagerOfJob(ctx: Ctx, subjectId: string) {
  const job = await jobsOf(ctx.store).get(subjectId);
  if (!job) throw new DomainError('NOT_FOUND', '还没有发送记录');
  await requireVillageManager(ctx.store, ctx.principal, job.villageId);
  return job;
}

export const subscribe = action(I.subscribe, async (input, ctx) => {
  const user = requireUser(ctx.principal);
  const at = ctx.clock.now().toISOString();
  // One answer per template per tap: a request listing a template twice counts once.
  const answers = new Map<TemplateKey, string>();
  for (const a of input.answers) if (!answers.has(a.template)) answers.set(a.template, a.answer);
  for (const [template, answer] of answers) {
    try {
      await grantEventsOf(ctx.store).insert({
        _id: `${user._id}|${input.requestId}|${template}`,
        openid: user._id,
        template,
        answer,
        at,
      });
    } catch (e) {
      if (e instanceof DuplicateKeyError) continue; // the same tap reported twice
      throw e;
    }
    const grantId = grantIdOf(user._id, template);
    const accept = answer === 'accept';
    const longTerm = accept && SUBSCRIBE_TEMPLATES[template].longTerm;
    const set = {
      lastAnswer: answer,
      updatedAt: at,
      villageId: user.villageId,
      ...(longTerm ? { longTerm: true } : {}),
    };
    if (accept && !longTerm) {
      // Counted up to what we may rely on WeChat to hold; a tap past it is recorded only.
      const counted = await grantsOf(ctx.store).updateWhere(
        { _id: grantId, oneTime: { $lt: MAX_ONE_TIME_GRANTS } },
        { set, inc: { oneTime: 1 } },
      );
      if (counted) continue;
    }
    if (await grantsOf(ctx.store).update(grantId, { set })) continue;
    try {
      await grantsOf(ctx.store).insert({
        _id: grantId,
        openid: user._id,
        villageId: user.villageId,
        template,
        oneTime: accept && !longTerm ? 1 : 0,
        longTerm,
        lastAnswer: answer,
        updatedAt: at,
      });
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      // Another tap created it meanwhile: count this one on top, within the cap.
      await grantsOf(ctx.store).updateWhere(
        { _id: grantId, oneTime: { $lt: MAX_ONE_TIME_GRANTS } },
        { set, ...(accept && !longTerm ? { inc: { oneTime: 1 } } : {}) },
      );
    }
  }
  return { subscriptions: await subscriptionsOf(ctx.store, user._id) };
});

export const mySubscriptions = action(I.mySubscriptions, async (_input, ctx) => {
  const user = requireUser(ctx.principal);
  return { subscriptions: await subscriptionsOf(ctx.store, user._id) };
});

export const deliveryStatus = action(I.deliveryStatus, async (input, ctx) => {
  await requireManagerOfJob(ctx, input.subjectId);
  return (await deliveryStatusOf(ctx.store, input.subjectId, ctx.clock.now())) as DeliveryStatus;
});

export const resumeDelivery = action(I.resumeDelivery, async (input, ctx) => {
  await requireManagerOfJob(ctx, input.subjectId);
  return deliverNow(ctx, input.subjectId);
});
