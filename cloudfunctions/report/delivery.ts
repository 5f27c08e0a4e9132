import type { DeliveryState, DeliveryStatus } from '../common/contracts/report';
import { SUBSCRIBE_TEMPLATES } from '../common/contracts/report';
import type { Clock } from '../common/clock';
import { users } from '../common/identity';
import { DuplicateKeyError, findAll, type Query, type Store } from '../common/store/port';
import {
  backoffMs,
  classify,
  DEFAULT_DELIVERY_RULES,
  hadGrantAt,
  type DeliveryRules,
} from './domain/delivery';
import type { SendResult, SubscribeSender } from '../common/subscribe';
import {
  deliveriesOf,
  deliveryIdOf,
  grantEventsOf,
  grantIdOf,
  grantsOf,
  jobsOf,
  type DeliveryDoc,
  type DeliveryJobDoc,
} from './store';

/**
 * Delivery of a report or notice to every subscriber of a village, in resumable batches.
 *
 * Each person has one delivery record (_id = subject|openid). A run moves a record through
 *   queued | failedRetryable (due) | claimed (lease expired)
 *     --claim (conditional update on state, attempts and lease)--> claimed
 *     --grant check--> noGrant, or
 *     --mark (conditional on owner)--> inFlight --send--> sent | refused | failedRetryable | failed
 *
 * Only the holder of a claim sends, and only after it has recorded `inFlight`. A run that dies
 * leaves `claimed` (nothing was sent: another run takes it over when the lease ends) or
 * `inFlight` (the message may or may not have left: the process can die after the database
 * applied the mark but before the request went out, or after WeChat accepted the message but
 * before its answer came back). WeChat has no idempotency key and no way to ask whether a
 * message arrived, so an expired `inFlight` is AMBIGUOUS and is resolved like this:
 *  - one-time grant and our books show exactly one grant left: send again. WeChat allows one
 *    message per accepted tap, so if the first message went out the grant is used and WeChat
 *    answers 43101 instead of delivering a second one; if it did not, this is the only one.
 *    A 43101 here cannot tell "already delivered" from "refused", so it ends `unconfirmed`.
 *  - otherwise (a long-term grant, or several one-time grants): never send again; the record
 *    ends `unconfirmed` and the cadre sees the count. Delivery is AT MOST ONCE.
 * The only duplicate left possible is a person tapping "subscribe" again between our check and
 * the re-send of an ambiguous delivery.
 *
 * Who is sent to is decided as of PUBLICATION (job.createdAt), not as of the moment the planner
 * reaches a person: someone who subscribes after a report went out (often from the report they
 * are reading) keeps the grant for the next report, and is counted `noGrant` here. A person who
 * had a grant then but has none left when their turn comes ends `grantUsed`, not `noGrant`, so
 * the cadre's counts say who was not subscribed at publication.
 *
 * A withdrawn notice cancels what is not yet sent (cancelDelivery): open records end `cancelled`
 * and runs stop at the next batch; a send already in flight completes.
 */

export const OPEN_STATES: DeliveryState[] = ['queued', 'claimed', 'inFlight', 'failedRetryable'];
const ALL_STATES: DeliveryState[] = [
  'queued',
  'claimed',
  'inFlight',
  'sent',
  'failedRetryable',
  'refused',
  'noGrant',
  'failed',
  'unconfirmed',
  'grantUsed',
  'cancelled',
];

export interface DeliveryEnv {
  store: Store;
  clock: Clock;
  sender: SubscribeSender;
}

export interface RunOptions {
  /** Names this run in the claims it holds. */
  owner: string;
  /** Stop taking new work after this long (the function limit is 60 s). */
  budgetMs: number;
  /** Only this subject (a cadre's "send now"); otherwise every unfinished job. */
  subjectId?: string;
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  planPage?: number;
  rules?: DeliveryRules;
  maxJobs?: number;
}

export interface RunReport {
  jobs: number;
  planned: number;
  attempted: number;
  sent: number;
  stoppedBy: 'idle' | 'budget';
}

export type NewJob = Omit<DeliveryJobDoc, 'state' | 'planCursor' | 'planned' | 'doneAt'>;

/** Creates the delivery job of a subject; a second call (a retried publish) changes nothing. */
export async function startDelivery(store: Store, job: NewJob): Promise<void> {
  try {
    await jobsOf(store).insert({ ...job, state: 'planning', planCursor: '', planned: 0, doneAt: null });
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
}

/** Works through `items`, `concurrency` at a time; no item is started once `go` says stop. */
async function pool<T>(
  items: readonly T[],
  concurrency: number,
  go: () => boolean,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && go()) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Creates one record per person of the village, in pages; overlapping planners are harmless. */
async function plan(
  env: DeliveryEnv,
  job: DeliveryJobDoc,
  timeLeft: () => boolean,
  pageSize: number,
): Promise<number> {
  const { store } = env;
  let cursor = job.planCursor;
  let created = 0;
  for (let guard = 0; guard < 10_000 && timeLeft(); guard++) {
    const page = await users(store).find(
      { villageId: job.villageId, _id: { $gt: cursor } },
      { sort: { _id: 1 }, limit: pageSize, fields: ['_id'] },
    );
    if (page.length) {
      const granted = await grantedAtPublication(
        store,
        job,
        page.map((u) => u._id),
      );
      const at = env.clock.now().toISOString();
      for (let i = 0; i < page.length; i += 50) {
        await Promise.all(
          page.slice(i, i + 50).map(async (u) => {
            try {
              await deliveriesOf(store).insert({
                _id: deliveryIdOf(job._id, u._id),
                subjectId: job._id,
                openid: u._id,
                // Without a grant at publication there is nothing to send; decided once, here.
                state: granted.has(u._id) ? 'queued' : 'noGrant',
                attempts: 0,
                nextAttemptAt: '',
                owner: '',
                leaseUntil: '',
                lastCode: null,
                updatedAt: at,
                sentAt: null,
              });
              created++;
            } catch (e) {
              if (!(e instanceof DuplicateKeyError)) throw e;
            }
          }),
        );
      }
      cursor = page[page.length - 1]._id;
      // Withdrawn meanwhile: stop planning (cancelDelivery closes what was planned).
      if ((await jobsOf(store).get(job._id))?.state === 'done') {
        job.state = 'done';
        break;
      }
      await jobsOf(store).updateWhere(
        { _id: job._id, planCursor: { $lt: cursor } },
        { set: { planCursor: cursor } },
      );
    }
    if (page.length < pageSize) {
      const planned = await deliveriesOf(store).count({ subjectId: job._id });
      await jobsOf(store).updateWhere(
        { _id: job._id, state: 'planning' },
        { set: { state: 'sending', planned } },
      );
      job.state = 'sending';
      break;
    }
  }
  return created;
}

/** Who of `openids` had a usable grant for the job's template when the subject was published. */
async function grantedAtPublication(
  store: Store,
  job: DeliveryJobDoc,
  openids: string[],
): Promise<Set<string>> {
  const grants = await grantsOf(store).find(
    { _id: { $in: openids.map((id) => grantIdOf(id, job.template)) } },
    { limit: openids.length },
  );
  const usable = grants.filter((g) => g.longTerm || g.oneTime > 0);
  // Only grants changed since publication need their taps (few: people who subscribed since).
  const changed = usable.filter((g) => g.updatedAt > job.createdAt).map((g) => g.openid);
  const taps = changed.length
    ? await findAll(
        grantEventsOf(store),
        { openid: { $in: changed }, template: job.template, answer: 'accept' },
        { fields: ['openid', 'at'] },
      )
    : [];
  const acceptedAt = new Map<string, string[]>();
  for (const t of taps) acceptedAt.set(t.openid, [...(acceptedAt.get(t.openid) ?? []), t.at]);
  return new Set(
    usable.filter((g) => hadGrantAt(g, acceptedAt.get(g.openid) ?? [], job.createdAt)).map((g) => g.openid),
  );
}

/** Sends one delivery if this run wins its claim; returns whether a message was accepted. */
async function deliverOne(
  env: DeliveryEnv,
  job: DeliveryJobDoc,
  rec: DeliveryDoc,
  opts: { owner: string; rules: DeliveryRules },
  tally: { attempted: number; sent: number },
): Promise<void> {
  const { store, clock, sender } = env;
  const col = deliveriesOf(store);
  const now = clock.now().getTime();
  const claim: Query = { _id: rec._id, state: rec.state, attempts: rec.attempts };
  if (rec.state === 'failedRetryable') claim.nextAttemptAt = { $lte: iso(now) };
  if (rec.state === 'claimed' || rec.state === 'inFlight') claim.leaseUntil = { $lt: iso(now) };
  // A dead run's inFlight may have been sent: everything after this treats it with care.
  const ambiguous = rec.ambiguous === true || rec.state === 'inFlight';
  const won = await col.updateWhere(claim, {
    set: {
      state: 'claimed',
      owner: opts.owner,
      leaseUntil: iso(now + opts.rules.leaseMs),
      updatedAt: iso(now),
      ...(ambiguous ? { ambiguous: true } : {}),
    },
    inc: { attempts: 1 },
  });
  if (won !== 1) return;
  const attempts = rec.attempts + 1;
  const mine = { _id: rec._id, owner: opts.owner };

  const grantId = grantIdOf(rec.openid, job.template);
  const grant = await grantsOf(store).get(grantId);
  const settle = (state: DeliveryState) =>
    col.updateWhere({ ...mine, state: 'claimed' }, { set: { state, updatedAt: iso(clock.now().getTime()) } });
  if (ambiguous && (!grant || grant.longTerm || grant.oneTime !== 1)) {
    await settle('unconfirmed');
    return;
  }
  if (!grant || (!grant.longTerm && grant.oneTime <= 0)) {
    // Planned because a grant existed at publication; another message has used it since.
    await settle('grantUsed');
    return;
  }
  const marked = await col.updateWhere(
    { ...mine, state: 'claimed' },
    { set: { state: 'inFlight', updatedAt: iso(clock.now().getTime()) } },
  );
  if (marked !== 1) return;

  tally.attempted++;
  let result: SendResult;
  try {
    result = await sender.send({
      touser: rec.openid,
      templateId: SUBSCRIBE_TEMPLATES[job.template].id,
      page: job.page,
      data: job.data,
    });
  } catch (e) {
    result = { ok: false, code: -1, message: String(e) };
  }
  const at = clock.now().getTime();
  // Only while the claim is still ours: after our lease ended another run owns the outcome.
  const finish = { ...mine, state: 'inFlight' };
  const code = result.ok ? 0 : result.code;
  switch (classify(result, attempts, opts.rules)) {
    case 'sent':
      tally.sent++;
      await col.updateWhere(finish, {
        set: { state: 'sent', sentAt: iso(at), lastCode: 0, updatedAt: iso(at) },
      });
      // One message uses one one-time grant (WeChat counts the same way).
      if (!grant.longTerm)
        await grantsOf(store).updateWhere({ _id: grantId, oneTime: { $gt: 0 } }, { inc: { oneTime: -1 } });
      return;
    case 'refused':
      // After an ambiguous attempt, 43101 may just mean our first message used the grant.
      await col.updateWhere(finish, {
        set: { state: ambiguous ? 'unconfirmed' : 'refused', lastCode: code, updatedAt: iso(at) },
      });
      // WeChat says nothing is left: our count was ahead of theirs.
      await grantsOf(store).update(grantId, {
        set: { oneTime: 0, longTerm: false, lastAnswer: 'refused', updatedAt: iso(at) },
      });
      return;
    case 'retry':
      await col.updateWhere(finish, {
        set: {
          state: 'failedRetryable',
          nextAttemptAt: iso(at + backoffMs(attempts, opts.rules)),
          lastCode: code,
          owner: '',
          leaseUntil: '',
          updatedAt: iso(at),
        },
      });
      return;
    case 'failed':
      await col.updateWhere(finish, { set: { state: 'failed', lastCode: code, updatedAt: iso(at) } });
      return;
  }
}

/** Due work of one job: new, due for retry, or claimed by a run whose lease ended. */
async function dueBatch(
  store: Store,
  subjectId: string,
  nowIso: string,
  size: number,
): Promise<DeliveryDoc[]> {
  const col = deliveriesOf(store);
  const out = await col.find(
    { subjectId, state: { $in: ['claimed', 'inFlight'] }, leaseUntil: { $lt: nowIso } },
    { limit: size },
  );
  if (out.length < size) {
    out.push(
      ...(await col.find(
        { subjectId, state: 'failedRetryable', nextAttemptAt: { $lte: nowIso } },
        { limit: size - out.length },
      )),
    );
  }
  if (out.length < size)
    out.push(...(await col.find({ subjectId, state: 'queued' }, { limit: size - out.length })));
  return out;
}

function rotate<T>(items: T[], key: string): T[] {
  if (items.length < 2) return items;
  let h = 0;
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const k = h % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * One delivery run (a timer tick, or right after publishing): plans and sends until the work
 * or the time budget runs out. Safe to run while another run is going.
 */
export async function runDeliveries(env: DeliveryEnv, opts: RunOptions): Promise<RunReport> {
  const rules = opts.rules ?? DEFAULT_DELIVERY_RULES;
  const batchSize = opts.batchSize ?? 200;
  const concurrency = opts.concurrency ?? 20;
  const deadline = env.clock.now().getTime() + opts.budgetMs;
  const timeLeft = () => env.clock.now().getTime() < deadline;
  const tally = { attempted: 0, sent: 0 };
  const report: RunReport = { jobs: 0, planned: 0, attempted: 0, sent: 0, stoppedBy: 'idle' };

  const jobs = opts.subjectId
    ? ([await jobsOf(env.store).get(opts.subjectId)].filter(
        (j) => j && j.state !== 'done',
      ) as DeliveryJobDoc[])
    : await jobsOf(env.store).find(
        { state: { $in: ['planning', 'sending'] } },
        { sort: { createdAt: 1 }, limit: opts.maxJobs ?? 20 },
      );

  for (const job of jobs) {
    if (!timeLeft()) break;
    report.jobs++;
    if (job.state === 'planning') report.planned += await plan(env, job, timeLeft, opts.planPage ?? 500);
    if (job.state !== 'sending') continue;
    const col = deliveriesOf(env.store);
    for (let guard = 0; guard < 100_000 && timeLeft(); guard++) {
      // Withdrawn while this run was sending: leave the rest to cancelDelivery.
      if (guard > 0 && (await jobsOf(env.store).get(job._id))?.state !== 'sending') break;
      const nowIso = env.clock.now().toISOString();
      const batch = await dueBatch(env.store, job._id, nowIso, batchSize);
      if (batch.length === 0) break;
      // Checked before every message, not just every batch: the budget holds to one send.
      await pool(rotate(batch, opts.owner), concurrency, timeLeft, (rec) =>
        deliverOne(env, job, rec, { owner: opts.owner, rules }, tally),
      );
    }
    const open = await col.count({ subjectId: job._id, state: { $in: OPEN_STATES } });
    if (open === 0) {
      await jobsOf(env.store).updateWhere(
        { _id: job._id, state: 'sending' },
        { set: { state: 'done', doneAt: env.clock.now().toISOString() } },
      );
    }
  }
  report.attempted = tally.attempted;
  report.sent = tally.sent;
  if (!timeLeft()) report.stoppedBy = 'budget';
  return report;
}

/**
 * Stops the delivery of a withdrawn subject: the job is done, and what was not yet sent ends
 * `cancelled` (a dead run's expired `inFlight` may have gone out: `unconfirmed`). A send a live
 * run holds completes. Safe to call again.
 */
export async function cancelDelivery(store: Store, subjectId: string, at: string): Promise<void> {
  await jobsOf(store).updateWhere(
    { _id: subjectId, state: { $in: ['planning', 'sending'] } },
    { set: { state: 'done', doneAt: at, cancelledAt: at } },
  );
  const col = deliveriesOf(store);
  await col.updateWhere(
    { subjectId, state: { $in: ['queued', 'failedRetryable'] } },
    { set: { state: 'cancelled', updatedAt: at } },
  );
  await col.updateWhere(
    { subjectId, state: 'claimed', leaseUntil: { $lt: at } },
    { set: { state: 'cancelled', updatedAt: at } },
  );
  await col.updateWhere(
    { subjectId, state: 'inFlight', leaseUntil: { $lt: at } },
    { set: { state: 'unconfirmed', updatedAt: at } },
  );
}

export async function deliveryStatusOf(store: Store, subjectId: string): Promise<DeliveryStatus | null> {
  const job = await jobsOf(store).get(subjectId);
  if (!job) return null;
  const counts: DeliveryStatus['counts'] = {};
  const col = deliveriesOf(store);
  const n = await Promise.all(ALL_STATES.map((s) => col.count({ subjectId, state: s })));
  ALL_STATES.forEach((s, i) => {
    if (n[i]) counts[s] = n[i];
  });
  return { subjectId, state: job.state, planned: n.reduce((a, b) => a + b, 0), counts };
}
