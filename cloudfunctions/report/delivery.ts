import type { DeliveryState, DeliveryStatus } from '../common/contracts/report';
import { DuplicateKeyError, MAX_PAGE, type Store } from '../common/store/port';
import { DEFAULT_DELIVERY_RULES, type DeliveryRules } from './domain/delivery';
import { lane, openJob, type JobSource } from './deliveryLanes';
import type { DeliveryEnv, RunCtx } from './deliverySend';
import { quotaPausedUntil, type QuotaPause } from './deliveryQuota';
import { deliveriesOf, jobsOf, type DeliveryJobDoc } from './store';

export type { DeliveryEnv } from './deliverySend';

/**
 * Delivery of a report or notice to every subscriber of a village, in resumable batches, AT
 * MOST ONCE per person, and every person counted in exactly one state.
 *
 * Each person has one delivery record (_id = subject|openid). A run moves records through
 *   queued | failedRetryable (due) | claimed (left by an older run, lease expired)
 *     --find (one read per batch of up to 1,000, with one read of their grants)--> due
 *     --grant check--> grantUsed, or
 *     --claim (one conditional update per chunk: inFlight, owner, claim, lease)--> inFlight
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
 * Throughput: each record is written twice after planning (claimed in flight, outcome), each
 * time with its chunk in one database operation; `concurrency / chunkSize` lanes each claim a
 * chunk, send it, and take the next while the chunk's outcomes are written. Sending starts
 * while the job is still being planned, as soon as the planner's first page is written.
 *
 * WeChat's daily quota (45009) pauses every job until the next China day (deliveryQuota): the
 * records it met go back to `queued` with their attempt undone, and no run sends before then.
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
/** Sends in flight when the caller names none. */
export const DEFAULT_CONCURRENCY = 20;
/** Records claimed, marked and recorded together when the caller names no chunk size. */
export const DEFAULT_CHUNK = 25;

export interface RunOptions {
  /** Names this run in the claims it holds. */
  owner: string;
  /** Stop taking new work after this long (the function limit is 60 s). */
  budgetMs: number;
  /** Only this subject (a cadre's "send now"); otherwise every unfinished job. */
  subjectId?: string;
  /** Due records found by one read (default and most: the database's page, 1,000). */
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** Records claimed, marked in flight and recorded together (default 25, at most `concurrency`). */
  chunkSize?: number;
  planPage?: number;
  rules?: DeliveryRules;
  /** Unfinished jobs read at once (a run reads on while it has time). */
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
  /** Set when the day's quota of subscribe messages is used up: sending resumes at this instant. */
  quotaPausedUntil?: string;
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

/**
 * The unfinished jobs, oldest first (then by _id), read a page at a time as the run gets to
 * them, by a cursor on (createdAt, _id): jobs published at the same instant are each read once.
 */
function jobFeed(env: DeliveryEnv, opts: RunOptions): () => Promise<DeliveryJobDoc | null> {
  const unfinished = { $in: ['planning', 'sending'] };
  const limit = opts.maxJobs ?? 100;
  const buffered: DeliveryJobDoc[] = [];
  let cursor: DeliveryJobDoc | null = null;
  let end = false;
  const page = async (): Promise<DeliveryJobDoc[]> => {
    const col = jobsOf(env.store);
    if (opts.subjectId) {
      end = true;
      const job = await col.get(opts.subjectId);
      return job && job.state !== 'done' ? [job] : [];
    }
    if (cursor) {
      const same = await col.find(
        { state: unfinished, createdAt: cursor.createdAt, _id: { $gt: cursor._id } },
        { sort: { _id: 1 }, limit },
      );
      if (same.length) return same;
    }
    const later = await col.find(
      { state: unfinished, ...(cursor ? { createdAt: { $gt: cursor.createdAt } } : {}) },
      { sort: { createdAt: 1, _id: 1 }, limit },
    );
    if (!later.length) end = true;
    return later;
  };
  return async () => {
    if (!buffered.length && !end) {
      buffered.push(...(await page()));
      cursor = buffered.at(-1) ?? cursor;
    }
    return buffered.shift() ?? null;
  };
}

/**
 * One delivery run (a timer tick, or right after publishing): plans and sends until the work
 * or the time budget runs out. Safe to run while another run is going, and to be killed at any
 * point.
 */
export async function runDeliveries(env: DeliveryEnv, opts: RunOptions): Promise<RunReport> {
  const rules = opts.rules ?? DEFAULT_DELIVERY_RULES;
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const chunkSize = Math.max(1, Math.min(opts.chunkSize ?? DEFAULT_CHUNK, concurrency));
  const deadline = env.clock.now().getTime() + opts.budgetMs;
  const source = {
    batchSize: Math.min(MAX_PAGE, opts.batchSize ?? MAX_PAGE),
    chunkSize,
    planPage: opts.planPage ?? MAX_PAGE,
    timeLeft: () => env.clock.now().getTime() < deadline,
  };
  const tally = { attempted: 0, sent: 0, unconfirmed: 0 };
  const report: RunReport = { jobs: 0, planned: 0, attempted: 0, sent: 0, unconfirmed: 0, stoppedBy: 'idle' };
  const feed = jobFeed(env, opts);
  // Used up earlier today: this run only plans what is still to be planned.
  const quota: QuotaPause = { until: await quotaPausedUntil(env.store, env.clock.now()) };

  // Jobs opened in order; a lane done with one takes the next, opening it when it is the first.
  const opened: JobSource[] = [];
  const finished: Promise<void>[] = [];
  let opening: Promise<JobSource | null> | null = null;
  let noMore = false;
  const open = async (): Promise<JobSource | null> => {
    let job = source.timeLeft() ? await feed() : null;
    // While the quota is used up, a job that is planned has nothing to do in this run.
    while (job && quota.until && job.state !== 'planning') job = await feed();
    if (!job) {
      noMore = true;
      return null;
    }
    report.jobs++;
    const rc: RunCtx = {
      env,
      job,
      owner: opts.owner,
      rules,
      sendTimeoutMs: opts.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS,
      tally,
      quota,
    };
    const src = openJob(rc, source);
    opened.push(src);
    finished.push(
      src.settled.then(async (created) => {
        report.planned += created;
        await closeJob(env, job);
      }),
    );
    return src;
  };
  const after = async (prev: JobSource | null): Promise<JobSource | null> => {
    const i = prev ? opened.indexOf(prev) : -1;
    for (;;) {
      if (opened.some((s) => s.failed())) return null;
      const next = opened[i + 1];
      if (next) return next;
      if (noMore || !source.timeLeft()) return null;
      opening ??= open().finally(() => (opening = null));
      await opening;
    }
  };
  const lanes = Math.ceil(concurrency / chunkSize);
  await Promise.all(Array.from({ length: lanes }, async () => lane(await after(null), after)));
  const ends = await Promise.allSettled(finished);
  report.attempted = tally.attempted;
  report.sent = tally.sent;
  report.unconfirmed = tally.unconfirmed;
  for (const e of ends) if (e.status === 'rejected') throw e.reason;
  if (!source.timeLeft()) report.stoppedBy = 'budget';
  if (quota.until) report.quotaPausedUntil = quota.until;
  return report;
}

/** After a run's lanes have left a job: a withdrawal is applied, a job with nothing open is done. */
async function closeJob(env: DeliveryEnv, job: DeliveryJobDoc): Promise<void> {
  const now = await jobsOf(env.store).get(job._id);
  if (now?.cancelledAt) return cancelDelivery(env.store, job._id, now.cancelledAt);
  if (now?.state !== 'sending') return;
  const open = await deliveriesOf(env.store).count({ subjectId: job._id, state: { $in: OPEN_STATES } });
  if (open === 0)
    await jobsOf(env.store).updateWhere(
      { _id: job._id, state: 'sending' },
      { set: { state: 'done', doneAt: env.clock.now().toISOString() } },
    );
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

/** The counts of a delivery; with `now`, also whether it waits for the day's quota. */
export async function deliveryStatusOf(
  store: Store,
  subjectId: string,
  now?: Date,
): Promise<DeliveryStatus | null> {
  const job = await jobsOf(store).get(subjectId);
  if (!job) return null;
  const pausedUntil = now && job.state !== 'done' ? await quotaPausedUntil(store, now) : null;
  const counts: DeliveryStatus['counts'] = {};
  const col = deliveriesOf(store);
  const n = await Promise.all(ALL_STATES.map((s) => col.count({ subjectId, state: s })));
  ALL_STATES.forEach((s, i) => {
    if (n[i]) counts[s] = n[i];
  });
  return {
    subjectId,
    state: job.state,
    planned: n.reduce((a, b) => a + b, 0),
    counts,
    ...(pausedUntil ? { quotaPausedUntil: pausedUntil } : {}),
  };
}
