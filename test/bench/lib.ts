/**
 * Small load harness for benchmarks against the local runtime on loopback: fires a bounded
 * number of requests at a fixed concurrency, measures latency per request and the store
 * operations the runtime's counting store saw, and prints tables. Figures only, no verdicts.
 */
import { performance } from 'node:perf_hooks';
import type { LocalRuntime } from '../../cloudfunctions/local/server';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import type { Store } from '../../cloudfunctions/common/store/port';

export interface Endpoint {
  /** Label in the printed table, e.g. 'disclosure.home'. */
  label: string;
  fn: string;
  action: string;
  input?: unknown;
  /** The persona (local stand-in for the WeChat openid) that calls. */
  persona: string;
}

export interface LoadOptions {
  concurrency: number;
  /** Requests to send in all (the loop's bound). */
  requests: number;
  /** Stop issuing new requests after this long, whatever remains of `requests`. */
  maxMs?: number;
  /** Requests sent and thrown away first (JIT, connection setup); not measured or counted. */
  warmup?: number;
}

export interface LoadResult {
  label: string;
  concurrency: number;
  requests: number;
  errors: number;
  /** First failure seen, for the report. */
  firstError: string | null;
  p50: number;
  p95: number;
  max: number;
  /** Completed requests per second of wall time. */
  rps: number;
  /** Store operations per completed request, from the runtime's counting store. */
  opsPerRequest: number;
}

/** Nearest-rank percentile of unsorted samples (p in 0..100). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

/** One call of a cloud function on the runtime, as the H5 client makes it. */
export async function callOnce<T = unknown>(
  rt: Pick<LocalRuntime, 'url'>,
  e: Endpoint,
): Promise<{ ok: boolean; code?: string; data?: T }> {
  const res = await fetch(`${rt.url}/api/fn/${e.fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-persona': e.persona },
    body: JSON.stringify({ action: e.action, input: e.input ?? {} }),
  });
  const body = (await res.json()) as { ok: boolean; code?: string; data?: T };
  if (res.status !== 200) return { ok: false, code: `HTTP ${res.status} ${body.code ?? ''}` };
  return body;
}

/** Sends `requests` calls with at most `concurrency` in flight and measures each one. */
export async function load(rt: LocalRuntime, e: Endpoint, opts: LoadOptions): Promise<LoadResult> {
  for (let i = 0; i < (opts.warmup ?? 0); i++) await callOnce(rt, e);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let issued = 0;
  const deadline = performance.now() + (opts.maxMs ?? 30_000);
  rt.store.reset();
  const started = performance.now();
  const worker = async () => {
    while (issued < opts.requests && performance.now() < deadline) {
      issued++;
      const t0 = performance.now();
      try {
        const reply = await callOnce(rt, e);
        if (!reply.ok) {
          errors++;
          firstError ??= reply.code ?? 'not ok';
        }
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsed = performance.now() - started;
  const ops = rt.store.ops();
  return {
    label: e.label,
    concurrency: opts.concurrency,
    requests: latencies.length,
    errors,
    firstError,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    rps: latencies.length / (elapsed / 1000),
    opsPerRequest: latencies.length ? ops / latencies.length : NaN,
  };
}

/** Prints rows as an aligned text table; numbers get `digits` decimals. */
export function printTable(rows: Record<string, string | number>[], digits = 1): void {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(first);
  const cell = (v: string | number | undefined) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(digits)) : (v ?? '');
  const text = rows.map((r) => cols.map((c) => cell(r[c])));
  const width = cols.map((c, i) => Math.max(c.length, ...text.map((t) => (t[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((s, i) => (i === 0 ? s.padEnd(width[i] ?? 0) : s.padStart(width[i] ?? 0))).join('  ');
  console.log(line(cols));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const t of text) console.log(line(t));
}

/** The usual row of a load result. */
export function rowOf(r: LoadResult): Record<string, string | number> {
  return {
    endpoint: r.label,
    concurrency: r.concurrency,
    requests: r.requests,
    errors: r.errors,
    'p50 ms': r.p50,
    'p95 ms': r.p95,
    'req/s': Math.round(r.rps),
    'store ops/req': r.opsPerRequest,
  };
}

// ---- town-wide views: a whole town read a page at a time, and the goal table ----------------

/** A store that counts its operations (countingStore). */
export interface CountedStore {
  ops(): number;
  reset(): void;
}

/** One page of a town view as the bench reads it: the reply, its villages and the next cursor. */
export interface TownViewPage {
  reply: unknown;
  villages: number;
  next: string | null | undefined;
}

export interface TownViewFigures {
  villages: number;
  calls: number;
  /** The most store operations one call took. */
  opsPerCall: number;
  opsInAll: number;
  /** The largest reply of one page, in bytes (as JSON). */
  largestReply: number;
  allReplies: number;
  /** Milliseconds per call, in call order. */
  ms: number[];
}

/**
 * Reads a whole town view page by page, as the page does, and measures each call: store
 * operations, reply size, time. Fails when the pages do not add up to `villages`.
 */
export async function readTownView(
  store: CountedStore,
  villages: number,
  read: (cursor: string | undefined) => Promise<TownViewPage>,
): Promise<TownViewFigures> {
  const f: TownViewFigures = {
    villages: 0,
    calls: 0,
    opsPerCall: 0,
    opsInAll: 0,
    largestReply: 0,
    allReplies: 0,
    ms: [],
  };
  let cursor: string | undefined;
  for (;;) {
    store.reset();
    const t0 = performance.now();
    const page = await read(cursor);
    f.ms.push(performance.now() - t0);
    const ops = store.ops();
    const bytes = Buffer.byteLength(JSON.stringify(page.reply));
    f.calls++;
    f.villages += page.villages;
    f.opsPerCall = Math.max(f.opsPerCall, ops);
    f.opsInAll += ops;
    f.largestReply = Math.max(f.largestReply, bytes);
    f.allReplies += bytes;
    if (!page.next) break;
    if (f.calls > villages) throw new Error('paging does not end');
    cursor = page.next;
  }
  if (f.villages !== villages) throw new Error(`read ${f.villages} villages of ${villages}`);
  return f;
}

/**
 * One row of the goal table: a figure, its goal, the figure measured in this run (for the
 * town views at 66 and at 2,000 villages side by side; other rows leave `at66` empty) and the
 * ratio of the figure to its goal (≤ 1 meets it).
 */
export interface GoalRow {
  figure: string;
  goal: string;
  at66?: string;
  at2000: string;
  ratio: number;
}

/** Prints goal rows with the shared columns: figure | goal | at 66 villages | at 2,000 villages | ratio. */
export function printGoalTable(rows: GoalRow[]): void {
  printTable(
    rows.map((r) => ({
      figure: r.figure,
      goal: r.goal,
      'at 66 villages': r.at66 ?? '',
      'at 2,000 villages': r.at2000,
      ratio: r.ratio.toFixed(2),
    })),
  );
}

const KB = 1024;
/** The goal of a town view's reply: one page at most this size. */
export const PAGE_REPLY_GOAL = 100 * KB;

/**
 * The two goal rows of a town view measured at 66 and 2,000 villages: store operations per call
 * (goal: the same as at 66 villages, so ratio = at 2,000 / at 66) and the largest reply of a
 * page (goal: ≤ 100 KB).
 */
export function townViewRows(view: string, small: TownViewFigures, large: TownViewFigures): GoalRow[] {
  return [
    {
      figure: `${view}: store ops per call`,
      goal: 'flat (= at 66)',
      at66: String(small.opsPerCall),
      at2000: String(large.opsPerCall),
      ratio: large.opsPerCall / Math.max(1, small.opsPerCall),
    },
    {
      figure: `${view}: reply KB per page`,
      goal: '≤ 100 KB',
      at66: (small.largestReply / KB).toFixed(1),
      at2000: (large.largestReply / KB).toFixed(1),
      ratio: Math.max(small.largestReply, large.largestReply) / PAGE_REPLY_GOAL,
    },
  ];
}

/**
 * A town of `n` villages in a fresh embedded store (or the one given, e.g. a local runtime's),
 * with its town admin (`admin`) and the cadre of its first village (`cadre`): the ground every
 * town-view benchmark builds its records on.
 */
export async function benchTown(
  n: number,
  at: string,
  store: Store = nedbStore(),
): Promise<{ store: Store; townId: string; villageIds: string[] }> {
  const townId = `bench-${n}`;
  await towns(store).insert({ _id: townId, name: `测试镇（${n} 村）` });
  const villageIds = Array.from({ length: n }, (_, i) => `${townId}-v${String(i).padStart(4, '0')}`);
  for (const [id, roles, villageId] of [
    ['admin', ['townAdmin'], null],
    ['cadre', ['cadre'], villageIds[0] ?? null],
  ] as const)
    await users(store).insert({
      _id: id,
      name: '测试',
      townId,
      villageId,
      roles: [...roles],
      boundAt: at,
      via: 'seed',
    });
  for (const [i, villageId] of villageIds.entries())
    await villages(store).insert({ _id: villageId, name: `第${i + 1}村`, townId, trackingSince: '2025-11' });
  return { store, townId, villageIds };
}
