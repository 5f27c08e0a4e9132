import type { DeliveryState, DeliveryStatus } from '../common/contracts/report';
import { DuplicateKeyError, MAX_PAGE, type Store } from '../common/store/port';
import { DEFAULT_DELIVERY_RULES, type DeliveryRules } from './domain/delivery';
import { plan } from './deliveryPlan';
import {
  claimChunk,
  findDue,
  recordOutcomes,
  sendAll,
  type DeliveryEnv,
  type Due,
  type DueKinds,
  type RunCtx,
} from './deliverySend';
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

/** Planning under way beside the sending: pages planned so far, and a wait for the next one. */
interface Planning {
  done: boolean;
  pages: number;
  next(): Promise<void>;
}

/** Starts planning a job; `planning` tells the senders when new records may be there. */
function startPlanning(
  env: DeliveryEnv,
  job: DeliveryJobDoc,
  timeLeft: () => boolean,
  pageSize: number,
): { planning: Planning; created: Promise<number> } {
  let wake = () => undefined as void;
  let page = new Promise<void>((r) => (wake = r));
  const planning: Planning = { done: false, pages: 0, next: () => page };
  const onPage = () => {
    planning.pages++;
    const w = wake;
    page = new Promise<void>((r) => (wake = r));
    w();
  };
  const created = plan(env, job, timeLeft, pageSize, onPage).finally(() => {
    planning.done = true;
    onPage();
  });
  return { planning, created };
}

/** A chunk taken by a lane: its records, the claim it is taken under, and that claim's write. */
interface Taken {
  token: string;
  claim: Promise<Due[]>;
}

/**
 * Sends one job's due records until none are left, the budget ends or the job is withdrawn:
 * `lanes` each claim a chunk, send it, hand its outcomes to be recorded and claim the next,
 * so `concurrency` sends are in flight while the records of the last chunks are written.
 * While the job is still being planned, its records are sent as their pages are planned.
 */
async function sendJob(
  rc: RunCtx,
  opts: {
    batchSize: number;
    concurrency: number;
    chunkSize: number;
    timeLeft: () => boolean;
    planning: Planning | null;
  },
): Promise<void> {
  const { store } = rc.env;
  const { planning } = opts;
  const queue: Due[] = [];
  const kinds: DueKinds = { expired: true, retries: true };
  const claiming = new Set<Promise<unknown>>();
  const recording: Promise<void>[] = [];
  const failures: unknown[] = [];
  let exhausted = false;
  let refilling: Promise<void> | null = null;
  let batches = 0;
  let claims = 0;
  const refill = async () => {
    // Withdrawn while this run was sending: leave the rest to cancelDelivery.
    if (batches > 0 && (await jobsOf(store).get(rc.job._id))?.state === 'done') {
      exhausted = true;
      return;
    }
    // Claims still being written would be found due once more.
    await Promise.all(claiming);
    for (;;) {
      const planned = planning ? { done: planning.done, pages: planning.pages } : null;
      batches++;
      const due = await findDue(rc, `${rc.owner}#b${batches}`, opts.batchSize, kinds);
      if (due.length) {
        queue.push(...due);
        return;
      }
      if (!planning || planned?.done) {
        exhausted = true;
        return;
      }
      // Nothing due yet: wait for the planner's next page (at once if one came meanwhile).
      if (planning.pages === planned?.pages && !planning.done) await planning.next();
      if (!opts.timeLeft()) return;
    }
  };
  /** The next chunk, claimed at once (so a refill never finds it due again), or null when done. */
  const next = async (): Promise<Taken | null> => {
    for (;;) {
      if (!opts.timeLeft() || failures.length) return null;
      if (queue.length) {
        const token = `${rc.owner}#${++claims}`;
        const claim = claimChunk(rc, token, queue.splice(0, opts.chunkSize));
        claiming.add(claim);
        void claim.then(
          () => claiming.delete(claim),
          () => claiming.delete(claim),
        );
        return { token, claim };
      }
      if (exhausted) return null;
      refilling ??= refill().finally(() => (refilling = null));
      await refilling;
    }
  };
  const lane = async () => {
    for (let t = await next(); t; t = await next()) {
      const mine = await t.claim;
      if (!mine.length) continue;
      const results = await sendAll(rc, mine);
      // Recorded while this lane claims and sends its next chunk.
      recording.push(recordOutcomes(rc, t.token, mine, results).catch((e: unknown) => void failures.push(e)));
    }
  };
  const lanes = Math.max(1, Math.ceil(opts.concurrency / opts.chunkSize));
  const ended = await Promise.allSettled(Array.from({ length: lanes }, lane));
  await Promise.all(recording);
  for (const e of ended) if (e.status === 'rejected') failures.push(e.reason);
  if (failures.length) throw failures[0];
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
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const chunkSize = Math.max(1, Math.min(opts.chunkSize ?? DEFAULT_CHUNK, concurrency));
  const batchSize = Math.min(MAX_PAGE, opts.batchSize ?? MAX_PAGE);
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
    const planner =
      job.state === 'planning' ? startPlanning(env, job, timeLeft, opts.planPage ?? MAX_PAGE) : null;
    const rc: RunCtx = {
      env,
      job,
      owner: opts.owner,
      rules,
      sendTimeoutMs: opts.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS,
      tally,
    };
    const sending = sendJob(rc, {
      batchSize,
      concurrency,
      chunkSize,
      timeLeft,
      planning: planner?.planning ?? null,
    });
    const [created] = await Promise.all([planner?.created ?? 0, sending]);
    report.planned += created;
    if (job.state !== 'sending') continue;
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
