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
import { jobsOf, type DeliveryJobDoc } from './store';
import { QUOTA_RESULT } from './deliveryQuota';

/**
 * The sending side of a delivery run: one source of claimed chunks per job, which the run's
 * lanes drain one job after another. A lane that finds a job exhausted moves on to the next
 * (planning it, if need be) while the other lanes finish their last chunks of the first, so
 * the sends in flight stay at the run's concurrency across the end of one job and the start
 * of the next.
 */

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

/** A chunk a lane took: the claim it is taken under, and that claim's write. */
export interface Taken {
  token: string;
  claim: Promise<Due[]>;
}

export interface SourceOptions {
  batchSize: number;
  chunkSize: number;
  planPage: number;
  timeLeft: () => boolean;
}

/** The chunks of one job, claimed as lanes take them; its work is settled once every lane has left. */
export interface JobSource {
  rc: RunCtx;
  /** The next chunk, claimed at once, or null when the job has nothing more for this run. */
  next(): Promise<Taken | null>;
  /** Records the outcomes of a sent chunk while the lane goes on. */
  record(token: string, chunk: Due[], results: Awaited<ReturnType<typeof sendAll>>): void;
  enter(): void;
  leave(): void;
  /** A lane's write failed: the run stops taking work, and `settled` rejects with it. */
  fail(e: unknown): void;
  failed(): boolean;
  /** Records planned by this run; resolves once the lanes have left and every write is done. */
  settled: Promise<number>;
}

/**
 * Opens a job for the lanes: plans it beside the sending if it is still being planned, finds
 * due records a batch at a time and hands them out in chunks, each claimed as it is taken.
 */
export function openJob(rc: RunCtx, opts: SourceOptions): JobSource {
  const { store } = rc.env;
  const planner =
    rc.job.state === 'planning' ? startPlanning(rc.env, rc.job, opts.timeLeft, opts.planPage) : null;
  const planning = planner?.planning ?? null;
  const queue: Due[] = [];
  const kinds: DueKinds = { expired: true, retries: true };
  const claiming = new Set<Promise<unknown>>();
  const recording: Promise<void>[] = [];
  const failures: unknown[] = [];
  let exhausted = false;
  let refilling: Promise<void> | null = null;
  let batches = 0;
  let claims = 0;
  let lanes = 0;
  let left!: () => void;
  const allLeft = new Promise<void>((r) => (left = r));

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

  const next = async (): Promise<Taken | null> => {
    for (;;) {
      // The day's quota is used up: nothing more is claimed (planning goes on).
      if (!opts.timeLeft() || failures.length || rc.quota.until) return null;
      if (queue.length) {
        const token = `${rc.owner}#${++claims}`;
        const claim = claimChunk(rc, token, queue.splice(0, opts.chunkSize));
        // Registered before any other lane can start a refill.
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

  const settled = (async () => {
    await allLeft;
    const created = await (planner?.created ?? 0);
    await Promise.all(recording);
    if (failures.length) throw failures[0];
    return created;
  })();
  // Awaited by the run; this only keeps an early failure from counting as unhandled.
  settled.catch(() => undefined);

  return {
    rc,
    next,
    record(token, chunk, results) {
      recording.push(recordOutcomes(rc, token, chunk, results).catch((e: unknown) => void failures.push(e)));
    },
    enter() {
      lanes++;
    },
    leave() {
      if (--lanes === 0) left();
    },
    fail(e) {
      failures.push(e);
    },
    failed: () => failures.length > 0,
    settled,
  };
}

/**
 * One lane: takes a chunk, sends it, hands its outcomes over to be recorded, and takes the
 * next, moving to the next job (`after`) when one has nothing more.
 */
export async function lane(
  first: JobSource | null,
  after: (s: JobSource) => Promise<JobSource | null>,
): Promise<void> {
  for (let src = first; src; src = await after(src)) {
    src.enter();
    try {
      for (let t = await src.next(); t; t = await src.next()) {
        const mine = await t.claim;
        if (!mine.length) continue;
        if (src.rc.quota.until) {
          // Claimed as the quota ran out: not sent, back in the queue for the next day.
          src.rc.tally.attempted -= mine.length;
          src.record(
            t.token,
            mine,
            mine.map(() => QUOTA_RESULT),
          );
        } else src.record(t.token, mine, await sendAll(src.rc, mine));
      }
    } catch (e) {
      src.fail(e);
    } finally {
      src.leave();
    }
  }
}
