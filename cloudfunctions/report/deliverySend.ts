import type { DeliveryState } from '../common/contracts/report';
import { SUBSCRIBE_TEMPLATES } from '../common/contracts/report';
import type { Clock } from '../common/clock';
import type { Store } from '../common/store/port';
import { backoffMs, classify, type DeliveryRules, type Outcome } from './domain/delivery';
import type { SendResult, SubscribeSender } from '../common/subscribe';
import {
  deliveriesOf,
  grantIdOf,
  grantsOf,
  type DeliveryDoc,
  type DeliveryJobDoc,
  type GrantDoc,
} from './store';

/** Sending a job's records: claim a batch, mark a chunk in flight, send, record the outcomes. */

export interface DeliveryEnv {
  store: Store;
  clock: Clock;
  sender: SubscribeSender;
}

export const iso = (ms: number) => new Date(ms).toISOString();

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
export interface Held {
  id: string;
  openid: string;
  /** State to return to if the run stops before sending it. */
  from: 'queued' | 'failedRetryable';
  /** Attempts made before this one. */
  attempts: number;
  grant: GrantDoc;
}

export interface RunCtx {
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
export async function claimBatch(rc: RunCtx, token: string, size: number): Promise<Held[] | null> {
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
export async function sendChunk(rc: RunCtx, token: string, chunk: Held[]): Promise<void> {
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
    // One result per record sent, in the chunk's order; a missing one is an unknown outcome.
    const r: SendResult = results[i] ?? { ok: false, code: -1, message: 'no result', unknown: true };
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
export async function release(rc: RunCtx, token: string, left: Held[]): Promise<void> {
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
