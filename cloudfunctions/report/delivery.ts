import type { DeliveryState, DeliveryStatus } from '../common/contracts/report';
import { DuplicateKeyError, type Store } from '../common/store/port';
import { DEFAULT_DELIVERY_RULES, type DeliveryRules } from './domain/delivery';
import { plan } from './deliveryPlan';
import { claimBatch, release, sendChunk, type DeliveryEnv, type Held, type RunCtx } from './deliverySend';
import { deliveriesOf, jobsOf, type DeliveryJobDoc } from './store';

export type { DeliveryEnv } from './deliverySend';

/**
 * Delivery of a report or notice to every subscriber of a village, in resumable batches, AT
 * MOST ONCE per person, and every person counted in exactly one state.
 *
 * Each person has one delivery record (_id = subject|openid). A run moves records through
 *   queued | failedRetryable (due) | claimed (lease expired)
 *     --claim (one conditional update per batch: state, lease; tagged with the run's claim)--> claimed
 *     --grant check--> grantUsed, or
 *     --mark (one conditional update per chunk, on owner and claim)--> inFlight
 *     --send--> sent | refused | failedRetryable | failed | unconfirmed   (recorded per chunk)
 *
 * Only the holder of a claim sends, and only after it has recorded `inFlight`. A send is tried
 * again ONLY when WeChat itself answered that nothing was delivered (a transient error code).
 * Whenever the outcome is unknown, the record ends `unconfirmed` and is never sent again:
 *  - the sender threw or timed out without WeChat's answer (the request may have left, and
 *    WeChat may have accepted the message): `unconfirmed` at once;
 *  - a run died with records `inFlight` (the process can die after the database applied the
 *    mark but before the request went out, or after WeChat accepted the message but before its
 *    answer came back): the next run finds the lease expired and settles them `unconfirmed`.
 * WeChat has no idempotency key and no way to ask whether a message arrived, so this is the
 * only rule that keeps "nobody receives two messages" for people holding several one-time
 * grants or a long-term grant. An unconfirmed message is taken to have used its one-time grant
 * (it probably did): our count of grants may fall behind WeChat's, never run ahead of it.
 *
 * Who is sent to is decided as of PUBLICATION (job.createdAt), not as of the moment the planner
 * reaches a person: someone who subscribes after a report went out (often from the report they
 * are reading) keeps the grant for the next report, and is counted `noGrant` here. A person who
 * had a grant then but has none left when their turn comes ends `grantUsed`, not `noGrant`, so
 * the cadre's counts say who was not subscribed at publication.
 *
 * Throughput: records are claimed a batch at a time, sent in chunks whose marks and outcomes
 * are each one database operation, with `concurrency` sends in flight in `concurrency /
 * chunkSize` lanes; a lane takes the next chunk as soon as its own is recorded.
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

/** How long a send may take before its outcome counts as unknown (WeChat answers in well under a second). */
export const DEFAULT_SEND_TIMEOUT_MS = 10_000;

export interface RunOptions {
  /** Names this run in the claims it holds. */
  owner: string;
  /** Stop taking new work after this long (the function limit is 60 s). */
  budgetMs: number;
  /** Only this subject (a cadre's "send now"); otherwise every unfinished job. */
  subjectId?: string;
  /** Records claimed at once (default: 5 chunks per lane). */
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** Records marked and recorded together (default 25, at most `concurrency`). */
  chunkSize?: number;
  planPage?: number;
  rules?: DeliveryRules;
  maxJobs?: number;
  /** A send with no answer after this long is `unconfirmed` (its late answer is ignored). */
  sendTimeoutMs?: number;
}

export interface RunReport {
  jobs: number;
  planned: number;
  attempted: number;
  sent: number;
  /** Sends whose outcome this run could not learn (never sent again). */
  unconfirmed: number;
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

/** Sends one job's due records until none are left, the budget ends or the job is withdrawn. */
async function sendJob(
  rc: RunCtx,
  opts: { batchSize: number; concurrency: number; chunkSize: number; timeLeft: () => boolean },
): Promise<void> {
  const { store } = rc.env;
  const queue: Held[] = [];
  let token = '';
  let exhausted = false;
  let claiming: Promise<void> | null = null;
  let batches = 0;
  const refill = async () => {
    // Withdrawn while this run was sending: leave the rest to cancelDelivery.
    if (batches > 0 && (await jobsOf(store).get(rc.job._id))?.state !== 'sending') {
      exhausted = true;
      return;
    }
    batches++;
    token = `${rc.owner}#${batches}`;
    const held = await claimBatch(rc, token, opts.batchSize);
    if (held === null) exhausted = true;
    else queue.push(...held);
  };
  /** The next chunk to send with the claim it was taken under, or null when there is no more. */
  const next = async (): Promise<{ chunk: Held[]; token: string } | null> => {
    for (;;) {
      if (!opts.timeLeft()) return null;
      if (queue.length) return { chunk: queue.splice(0, opts.chunkSize), token };
      if (exhausted) return null;
      claiming ??= refill().finally(() => (claiming = null));
      await claiming;
    }
  };
  const lane = async () => {
    for (let c = await next(); c; c = await next()) await sendChunk(rc, c.token, c.chunk);
  };
  const lanes = Math.max(1, Math.ceil(opts.concurrency / opts.chunkSize));
  await Promise.all(Array.from({ length: lanes }, lane));
  // Claimed but not sent (the budget ended, or the job was withdrawn): back for the next run.
  if (queue.length) await release(rc, token, queue.splice(0));
  const job = await jobsOf(store).get(rc.job._id);
  if (job?.cancelledAt) await cancelDelivery(store, job._id, job.cancelledAt);
}

/**
 * One delivery run (a timer tick, or right after publishing): plans and sends until the work
 * or the time budget runs out. Safe to run while another run is going, and to be killed at any
 * point.
 */
export async function runDeliveries(env: DeliveryEnv, opts: RunOptions): Promise<RunReport> {
  const rules = opts.rules ?? DEFAULT_DELIVERY_RULES;
  const concurrency = Math.max(1, opts.concurrency ?? 20);
  const chunkSize = Math.max(1, Math.min(opts.chunkSize ?? 25, concurrency));
  const lanes = Math.ceil(concurrency / chunkSize);
  const batchSize = opts.batchSize ?? Math.min(1000, lanes * chunkSize * 5);
  const deadline = env.clock.now().getTime() + opts.budgetMs;
  const timeLeft = () => env.clock.now().getTime() < deadline;
  const tally = { attempted: 0, sent: 0, unconfirmed: 0 };
  const report: RunReport = { jobs: 0, planned: 0, attempted: 0, sent: 0, unconfirmed: 0, stoppedBy: 'idle' };

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
    const rc: RunCtx = {
      env,
      job,
      owner: opts.owner,
      rules,
      sendTimeoutMs: opts.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS,
      tally,
    };
    await sendJob(rc, { batchSize, concurrency, chunkSize, timeLeft });
    const open = await deliveriesOf(env.store).count({ subjectId: job._id, state: { $in: OPEN_STATES } });
    if (open === 0) {
      await jobsOf(env.store).updateWhere(
        { _id: job._id, state: 'sending' },
        { set: { state: 'done', doneAt: env.clock.now().toISOString() } },
      );
    }
  }
  report.attempted = tally.attempted;
  report.sent = tally.sent;
  report.unconfirmed = tally.unconfirmed;
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
