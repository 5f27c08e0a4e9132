/**
 * Small load harness for benchmarks against the local runtime on loopback: fires a bounded
 * number of requests at a fixed concurrency, measures latency per request and the store
 * operations the runtime's counting store saw, and prints tables. Figures only, no verdicts.
 */
import { performance } from 'node:perf_hooks';
import type { LocalRuntime } from '../../cloudfunctions/local/server';

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
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
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
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const cell = (v: string | number) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(digits)) : v;
  const text = rows.map((r) => cols.map((c) => cell(r[c])));
  const width = cols.map((c, i) => Math.max(c.length, ...text.map((t) => t[i].length)));
  const line = (cells: string[]) =>
    cells.map((s, i) => (i === 0 ? s.padEnd(width[i]) : s.padStart(width[i]))).join('  ');
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
