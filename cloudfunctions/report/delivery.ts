import type { DeliveryState, DeliveryStatus } from '../common/contracts/report';
import { SUBSCRIBE_TEMPLATES } from '../common/contracts/report';
import type { Clock } from '../common/clock';
import { users } from '../common/identity';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import {
  backoffMs,
  classify,
  DEFAULT_DELIVERY_RULES,
  hadGrantAt,
  type DeliveryRules,
  type Outcome,
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
  type GrantDoc,
} from './store';

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

export interface DeliveryEnv {
  store: Store;
  clock: Clock;
  sender: SubscribeSender;
}

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
      for (let i = 0; i < page.length; i += 100) {
        await Promise.all(
          page.slice(i, i + 100).map(async (u) => {
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

/** Due work of one job: claimed or in flight under a lease that ended, due for retry, or new. */
async function dueBatch(
  store: Store,
  subjectId: string,
  nowIso: string,
  size: number,
): Promise<DeliveryDoc[]> {
  const col = deliveriesOf(store);
  const fields = ['state', 'openid'];
  const out = await col.find(
    { subjectId, state: { $in: ['claimed', 'inFlight'] }, leaseUntil: { $lt: nowIso } },
    { limit: size, fields },
  );
  if (out.length < size) {
    out.push(
      ...(await col.find(
        { subjectId, state: 'failedRetryable', nextAttemptAt: { $lte: nowIso } },
        { limit: size - out.length, fields },
      )),
    );
  }
  if (out.length < size)
    out.push(...(await col.find({ subjectId, state: 'queued' }, { limit: size - out.length, fields })));
  return out;
}

/** A record this run holds, with what it needs to send it. */
interface Held {
  id: string;
  openid: string;
  /** State to return to if the run stops before sending it. */
  from: 'queued' | 'failedRetryable';
  /** Attempts made before this one. */
  attempts: number;
  grant: GrantDoc;
}

interface RunCtx {
  env: DeliveryEnv;
  job: DeliveryJobDoc;
  owner: string;
  rules: DeliveryRules;
  sendTimeoutMs: number;
  tally: { attempted: number; sent: number; unconfirmed: number };
}

/** One-time grants used by messages that (probably) went out; long-term grants are not used up. */
async function useGrants(store: Store, grants: GrantDoc[]): Promise<void> {
  const ids = grants.filter((g) => !g.longTerm).map((g) => g._id);
  if (ids.length)
    await grantsOf(store).updateWhere({ _id: { $in: ids }, oneTime: { $gt: 0 } }, { inc: { oneTime: -1 } });
}

/**
 * Claims a batch of due records for this run. Records a dead run left in flight are settled
 * `unconfirmed` here (never sent again). Returns the records to send.
 */
async function claimBatch(rc: RunCtx, token: string, size: number): Promise<Held[] | null> {
  const { env, job, owner, rules } = rc;
  const { store, clock } = env;
  const col = deliveriesOf(store);
  const now = clock.now().getTime();
  const nowIso = iso(now);
  const due = await dueBatch(store, job._id, nowIso, size);
  if (!due.length) return null;
  const ids = (state: DeliveryState) => due.filter((d) => d.state === state).map((d) => d._id);
  const take = {
    state: 'claimed',
    owner,
    claim: token,
    leaseUntil: iso(now + rules.leaseMs),
    updatedAt: nowIso,
  };
  const claims: Promise<number>[] = [];
  const queued = ids('queued');
  const retry = ids('failedRetryable');
  const stale = ids('claimed');
  const lost = ids('inFlight');
  if (queued.length) claims.push(col.updateWhere({ _id: { $in: queued }, state: 'queued' }, { set: take }));
  if (retry.length)
    claims.push(
      col.updateWhere(
        { _id: { $in: retry }, state: 'failedRetryable', nextAttemptAt: { $lte: nowIso } },
        { set: take },
      ),
    );
  if (stale.length)
    claims.push(
      col.updateWhere({ _id: { $in: stale }, state: 'claimed', leaseUntil: { $lt: nowIso } }, { set: take }),
    );
  if (lost.length)
    claims.push(
      col.updateWhere(
        { _id: { $in: lost }, state: 'inFlight', leaseUntil: { $lt: nowIso } },
        { set: { state: 'unconfirmed', ambiguous: true, owner, claim: token, updatedAt: nowIso } },
      ),
    );
  await Promise.all(claims);
  // What this run won (another run may have won some of the same records).
  const won = await col.find(
    { subjectId: job._id, claim: token },
    { limit: size, fields: ['state', 'openid', 'attempts'] },
  );
  if (!won.length) return [];
  const grants = new Map(
    (
      await grantsOf(store).find(
        { _id: { $in: won.map((w) => grantIdOf(w.openid, job.template)) } },
        { limit: won.length },
      )
    ).map((g) => [g.openid, g]),
  );
  const settledLost = won.filter((w) => w.state === 'unconfirmed');
  rc.tally.unconfirmed += settledLost.length;
  await useGrants(
    store,
    settledLost.map((w) => grants.get(w.openid)).filter((g): g is GrantDoc => !!g),
  );
  const held: Held[] = [];
  const used: string[] = [];
  const retrySet = new Set(retry);
  for (const w of won) {
    if (w.state !== 'claimed') continue;
    const grant = grants.get(w.openid);
    // Planned because a grant existed at publication; another message has used it since.
    if (!grant || (!grant.longTerm && grant.oneTime <= 0)) used.push(w._id);
    else
      held.push({
        id: w._id,
        openid: w.openid,
        from: retrySet.has(w._id) ? 'failedRetryable' : 'queued',
        attempts: w.attempts,
        grant,
      });
  }
  if (used.length)
    await col.updateWhere(
      { _id: { $in: used }, owner, claim: token, state: 'claimed' },
      { set: { state: 'grantUsed', updatedAt: iso(clock.now().getTime()) } },
    );
  return held;
}

/** Sends one message; an exception or no answer in time is an unknown outcome. */
async function sendOne(rc: RunCtx, h: Held): Promise<SendResult> {
  const { job, env } = rc;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<SendResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, code: -1, message: 'no answer in time', unknown: true }),
      rc.sendTimeoutMs,
    );
    (timer as { unref?: () => void }).unref?.();
  });
  try {
    return await Promise.race([
      env.sender.send({
        touser: h.openid,
        templateId: SUBSCRIBE_TEMPLATES[job.template].id,
        page: job.page,
        data: job.data,
      }),
      timeout,
    ]);
  } catch (e) {
    return { ok: false, code: -1, message: String(e), unknown: true };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Marks a chunk in flight, sends it, and records every outcome: a handful of database
 * operations for the whole chunk. Only records still under this run's claim are touched.
 */
async function sendChunk(rc: RunCtx, token: string, chunk: Held[]): Promise<void> {
  const { env, owner, rules } = rc;
  const { store, clock } = env;
  const col = deliveriesOf(store);
  const mine = (ids: string[], state: DeliveryState) => ({ _id: { $in: ids }, owner, claim: token, state });
  const startedAt = clock.now().getTime();
  let ids = chunk.map((h) => h.id);
  const marked = await col.updateWhere(mine(ids, 'claimed'), {
    set: { state: 'inFlight', leaseUntil: iso(startedAt + rules.leaseMs), updatedAt: iso(startedAt) },
    inc: { attempts: 1 },
  });
  if (marked < ids.length) {
    // Our lease ended and another run took some: send only what is marked as ours.
    const ours = new Set(
      (await col.find(mine(ids, 'inFlight'), { limit: ids.length, fields: ['_id'] })).map((d) => d._id),
    );
    chunk = chunk.filter((h) => ours.has(h.id));
    ids = chunk.map((h) => h.id);
  }
  if (!chunk.length) return;
  rc.tally.attempted += chunk.length;
  const results = await Promise.all(chunk.map((h) => sendOne(rc, h)));
  const at = clock.now().getTime();
  const groups = new Map<string, { outcome: Outcome; attempts: number; held: Held[]; code: number }>();
  chunk.forEach((h, i) => {
    const r = results[i];
    const attempts = h.attempts + 1;
    const outcome = classify(r, attempts, rules);
    const code = r.ok ? 0 : r.code;
    // Retries wait by attempt number; other outcomes are recorded together.
    const key = outcome === 'sent' ? 'sent' : `${outcome}|${code}|${outcome === 'retry' ? attempts : ''}`;
    const g = groups.get(key) ?? { outcome, attempts, held: [], code };
    g.held.push(h);
    groups.set(key, g);
  });
  await Promise.all(
    [...groups.values()].map(async (g) => {
      const gids = g.held.map((h) => h.id);
      const base = { updatedAt: iso(at), lastCode: g.code };
      const set: Record<string, unknown> =
        g.outcome === 'sent'
          ? { ...base, state: 'sent', sentAt: iso(at) }
          : g.outcome === 'retry'
            ? {
                ...base,
                state: 'failedRetryable',
                nextAttemptAt: iso(at + backoffMs(g.attempts, rules)),
                owner: '',
                leaseUntil: '',
                claim: '',
              }
            : { ...base, state: g.outcome };
      const n = await col.updateWhere(mine(gids, 'inFlight'), { set });
      let recorded = g.held;
      if (n < gids.length) {
        // Some were settled by another run after our lease ended: only ours use grants here.
        const ours = new Set(
          (
            await col.find(
              { _id: { $in: gids }, owner, claim: token, state: set.state as DeliveryState },
              { limit: gids.length, fields: ['_id'] },
            )
          ).map((d) => d._id),
        );
        recorded = g.held.filter((h) => ours.has(h.id));
      }
      if (g.outcome === 'sent') rc.tally.sent += recorded.length;
      if (g.outcome === 'unconfirmed') rc.tally.unconfirmed += recorded.length;
      if (g.outcome === 'sent' || g.outcome === 'unconfirmed')
        await useGrants(
          store,
          recorded.map((h) => h.grant),
        );
      if (g.outcome === 'refused' && recorded.length)
        // WeChat says nothing is left: our count was ahead of theirs.
        await grantsOf(store).updateWhere(
          { _id: { $in: recorded.map((h) => h.grant._id) } },
          { set: { oneTime: 0, longTerm: false, lastAnswer: 'refused', updatedAt: iso(at) } },
        );
    }),
  );
}

/** Returns records this run claimed but will not send to where they were, for the next run. */
async function release(rc: RunCtx, token: string, left: Held[]): Promise<void> {
  const col = deliveriesOf(rc.env.store);
  for (const from of ['queued', 'failedRetryable'] as const) {
    const ids = left.filter((h) => h.from === from).map((h) => h.id);
    if (ids.length)
      await col.updateWhere(
        { _id: { $in: ids }, owner: rc.owner, claim: token, state: 'claimed' },
        { set: { state: from, owner: '', leaseUntil: '', claim: '' } },
      );
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
