import type { DeliveryState } from '../common/contracts/report';
import { SUBSCRIBE_TEMPLATES } from '../common/contracts/report';
import type { Clock } from '../common/clock';
import type { Query, Store } from '../common/store/port';
import { backoffMs, classify, type DeliveryRules, type Outcome } from './domain/delivery';
import type { SendResult, SubscribeSender } from '../common/subscribe';
import { pauseForQuota, type QuotaPause } from './deliveryQuota';
import {
  deliveriesOf,
  grantIdOf,
  grantsOf,
  type DeliveryDoc,
  type DeliveryJobDoc,
  type GrantDoc,
} from './store';

/**
 * Sending a job's records: find a batch of due records (one read), then per chunk claim and
 * mark in flight in one conditional update, send, and record the outcomes (one update per
 * kind of outcome, usually one).
 */

export interface DeliveryEnv {
  store: Store;
  clock: Clock;
  sender: SubscribeSender;
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** A due record found by this run, with what sending it needs. */
export interface Due {
  id: string;
  openid: string;
  /** The state it was found in; claiming it is conditional on that state. */
  from: 'queued' | 'failedRetryable' | 'claimed';
  /** Attempts made before this one. */
  attempts: number;
  /** The person's grant as the batch was read (null: none). */
  grant: GrantDoc | null;
}

export interface RunCtx {
  env: DeliveryEnv;
  job: DeliveryJobDoc;
  owner: string;
  rules: DeliveryRules;
  sendTimeoutMs: number;
  tally: { attempted: number; sent: number; unconfirmed: number };
  /** The run's quota pause, shared by its jobs: once set, no job sends. */
  quota: QuotaPause;
}

/** What a run still has to look for besides new records (each kind until a read comes back short). */
export interface DueKinds {
  /** Records a dead run left claimed or in flight, their lease ended. */
  expired: boolean;
  /** Transient failures whose wait has passed. */
  retries: boolean;
}

/**
 * The condition that a record is still in the state it was found in, with `_id` last. The
 * embedded store looks records up by the first equality on an indexed field, else by the last
 * `$in` on one: written this way it reads the chunk's records by `_id` instead of every record
 * in that state (the cloud database picks its index itself).
 */
function still(from: Due['from'] | 'inFlight', nowIso: string, ids: string[], extra: Query = {}): Query {
  const when: Query =
    from === 'failedRetryable'
      ? { nextAttemptAt: { $lte: nowIso } }
      : from === 'claimed'
        ? { leaseUntil: { $lt: nowIso } }
        : {};
  return { ...extra, ...when, state: { $in: [from] }, _id: { $in: ids } };
}

/** One-time grants used by messages that (probably) went out; long-term grants are not used up. */
async function useGrants(store: Store, grants: GrantDoc[]): Promise<void> {
  const ids = grants.filter((g) => !g.longTerm).map((g) => g._id);
  if (ids.length)
    await grantsOf(store).updateWhere({ oneTime: { $gt: 0 }, _id: { $in: ids } }, { inc: { oneTime: -1 } });
}

async function grantsFor(rc: RunCtx, openids: string[]): Promise<Map<string, GrantDoc>> {
  if (!openids.length) return new Map();
  const found = await grantsOf(rc.env.store).find(
    { _id: { $in: openids.map((o) => grantIdOf(o, rc.job.template)) } },
    { limit: openids.length },
  );
  return new Map(found.map((g) => [g.openid, g]));
}

/**
 * Records a dead run left in flight (their lease ended): they may have gone out, so they are
 * settled `unconfirmed` (never sent again) and their one-time grants taken as used.
 */
async function settleLost(rc: RunCtx, token: string, lost: DeliveryDoc[], nowIso: string): Promise<void> {
  if (!lost.length) return;
  const col = deliveriesOf(rc.env.store);
  const ids = lost.map((d) => d._id);
  const n = await col.updateWhere(still('inFlight', nowIso, ids, { leaseUntil: { $lt: nowIso } }), {
    set: { state: 'unconfirmed', ambiguous: true, owner: rc.owner, claim: token, updatedAt: nowIso },
  });
  // Another run may have settled some of them first: only ours use grants here.
  const ours =
    n === ids.length
      ? lost
      : await col.find(
          { claim: token, state: { $in: ['unconfirmed'] }, _id: { $in: ids } },
          { limit: ids.length, fields: ['openid'] },
        );
  rc.tally.unconfirmed += ours.length;
  const grants = await grantsFor(
    rc,
    ours.map((d) => d.openid),
  );
  await useGrants(rc.env.store, [...grants.values()]);
}

/**
 * Finds up to `size` due records of the job and reads their grants: two reads for a batch of
 * new records. A dead run's expired records and due retries are looked for until none is left
 * (`kinds`); records a dead run left in flight are settled here.
 */
export async function findDue(rc: RunCtx, token: string, size: number, kinds: DueKinds): Promise<Due[]> {
  const { env, job } = rc;
  const col = deliveriesOf(env.store);
  const nowIso = iso(env.clock.now().getTime());
  const fields = ['state', 'openid', 'attempts'];
  const found: DeliveryDoc[] = [];
  if (kinds.expired) {
    const expired = await col.find(
      { subjectId: job._id, state: { $in: ['claimed', 'inFlight'] }, leaseUntil: { $lt: nowIso } },
      { limit: size, fields },
    );
    if (expired.length < size) kinds.expired = false;
    await settleLost(
      rc,
      token,
      expired.filter((d) => d.state === 'inFlight'),
      nowIso,
    );
    found.push(...expired.filter((d) => d.state === 'claimed'));
  }
  if (kinds.retries && found.length < size) {
    const want = size - found.length;
    const retries = await col.find(
      { subjectId: job._id, state: 'failedRetryable', nextAttemptAt: { $lte: nowIso } },
      { limit: want, fields },
    );
    if (retries.length < want) kinds.retries = false;
    found.push(...retries);
  }
  if (found.length < size)
    found.push(
      ...(await col.find({ subjectId: job._id, state: 'queued' }, { limit: size - found.length, fields })),
    );
  const grants = await grantsFor(
    rc,
    found.map((d) => d.openid),
  );
  return found.map((d) => ({
    id: d._id,
    openid: d.openid,
    from: d.state as Due['from'],
    attempts: d.attempts ?? 0,
    grant: grants.get(d.openid) ?? null,
  }));
}

const usable = (g: GrantDoc | null): g is GrantDoc => !!g && (g.longTerm || g.oneTime > 0);

/**
 * Claims a chunk for this run and marks it in flight in one conditional update per state it
 * was found in (another run may have taken some: only what this run won is returned). A
 * record whose grant another message has used since publication ends `grantUsed` instead.
 * From here until its outcome is recorded, a record may have gone out: a run that dies leaves
 * it `inFlight`, and it ends `unconfirmed`, never sent again.
 */
export async function claimChunk(rc: RunCtx, token: string, chunk: Due[]): Promise<Due[]> {
  const { env, owner, rules } = rc;
  const col = deliveriesOf(env.store);
  const now = env.clock.now().getTime();
  const nowIso = iso(now);
  const groups = new Map<Due['from'], Due[]>();
  const used = new Map<Due['from'], string[]>();
  for (const d of chunk) {
    if (usable(d.grant)) groups.set(d.from, [...(groups.get(d.from) ?? []), d]);
    // Planned because a grant existed at publication; another message has used it since.
    else used.set(d.from, [...(used.get(d.from) ?? []), d.id]);
  }
  const take = {
    set: { state: 'inFlight', owner, claim: token, leaseUntil: iso(now + rules.leaseMs), updatedAt: nowIso },
    inc: { attempts: 1 },
  };
  const won = await Promise.all([
    ...[...groups].map(([from, ds]) =>
      col.updateWhere(
        still(
          from,
          nowIso,
          ds.map((d) => d.id),
        ),
        take,
      ),
    ),
    ...[...used].map(([from, ids]) =>
      col
        .updateWhere(still(from, nowIso, ids), { set: { state: 'grantUsed', updatedAt: nowIso } })
        .then(() => 0),
    ),
  ]);
  let mine = [...groups.values()].flat();
  if (won.reduce((a, b) => a + b, 0) < mine.length) {
    // Another run took some of them first: send only what is marked as ours.
    const ids = mine.map((d) => d.id);
    const ours = new Set(
      (
        await col.find(
          { owner, claim: token, state: { $in: ['inFlight'] }, _id: { $in: ids } },
          { limit: ids.length, fields: ['_id'] },
        )
      ).map((d) => d._id),
    );
    mine = mine.filter((d) => ours.has(d.id));
  }
  rc.tally.attempted += mine.length;
  return mine;
}

/** Sends one message; an exception or no answer in time is an unknown outcome. */
async function sendOne(rc: RunCtx, d: Due): Promise<SendResult> {
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
        touser: d.openid,
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

/** Sends a claimed chunk, all at once; the results in the chunk's order. */
export function sendAll(rc: RunCtx, chunk: Due[]): Promise<SendResult[]> {
  return Promise.all(chunk.map((d) => sendOne(rc, d)));
}

/**
 * Records the outcomes of a sent chunk: one conditional update per kind of outcome (usually
 * one, `sent`), then the grants used. Only records still under this run's claim are touched.
 */
export async function recordOutcomes(
  rc: RunCtx,
  token: string,
  chunk: Due[],
  results: SendResult[],
): Promise<void> {
  const { env, owner, rules } = rc;
  const { store, clock } = env;
  const col = deliveriesOf(store);
  const at = clock.now().getTime();
  const groups = new Map<string, { outcome: Outcome; attempts: number; sent: Due[]; code: number }>();
  chunk.forEach((d, i) => {
    // One result per record sent, in the chunk's order; a missing one is an unknown outcome.
    const r: SendResult = results[i] ?? { ok: false, code: -1, message: 'no result', unknown: true };
    const attempts = d.attempts + 1;
    const outcome = classify(r, attempts, rules);
    const code = r.ok ? 0 : r.code;
    // Retries wait by attempt number; other outcomes are recorded together.
    const key = outcome === 'sent' ? 'sent' : `${outcome}|${code}|${outcome === 'retry' ? attempts : ''}`;
    const g = groups.get(key) ?? { outcome, attempts, sent: [], code };
    g.sent.push(d);
    groups.set(key, g);
  });
  // The day's quota is used up: every lane stops sending at once (set before any write).
  const quotaMet = !rc.quota.until && [...groups.values()].some((g) => g.outcome === 'quota');
  const marking = quotaMet ? pauseForQuota(store, new Date(at), rc.quota) : null;
  await Promise.all([
    marking,
    ...[...groups.values()].map(async (g) => {
      const ids = g.sent.map((d) => d.id);
      const base = { updatedAt: iso(at), lastCode: g.code };
      const set: Record<string, unknown> =
        g.outcome === 'sent'
          ? { ...base, state: 'sent', sentAt: iso(at) }
          : g.outcome === 'quota'
            ? // Not delivered and not the person's failure: waits for the next day, attempt undone.
              { ...base, state: 'queued', nextAttemptAt: '', owner: '', leaseUntil: '', claim: '' }
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
      const n = await col.updateWhere(still('inFlight', '', ids, { owner, claim: token }), {
        set,
        ...(g.outcome === 'quota' ? { inc: { attempts: -1 } } : {}),
      });
      let recorded = g.sent;
      if (n < ids.length) {
        // Some were settled by another run after our lease ended: only ours use grants here.
        const ours = new Set(
          (
            await col.find(
              { owner, claim: token, state: { $in: [set.state as DeliveryState] }, _id: { $in: ids } },
              { limit: ids.length, fields: ['_id'] },
            )
          ).map((d) => d._id),
        );
        recorded = g.sent.filter((d) => ours.has(d.id));
      }
      if (g.outcome === 'sent') rc.tally.sent += recorded.length;
      if (g.outcome === 'unconfirmed') rc.tally.unconfirmed += recorded.length;
      const grants = recorded.map((d) => d.grant).filter((x): x is GrantDoc => !!x);
      if (g.outcome === 'sent' || g.outcome === 'unconfirmed') await useGrants(store, grants);
      if (g.outcome === 'refused' && grants.length)
        // WeChat says nothing is left: our count was ahead of theirs.
        await grantsOf(store).updateWhere(
          { _id: { $in: grants.map((x) => x._id) } },
          { set: { oneTime: 0, longTerm: false, lastAnswer: 'refused', updatedAt: iso(at) } },
        );
    }),
  ]);
}
