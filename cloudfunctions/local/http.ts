import type { IncomingMessage, ServerResponse } from 'node:http';

/** HTTP helpers of the local runtime: bounded bodies, JSON replies, file types, ranges. */

/** A body past the limit is read (and dropped) up to this multiple of it, then cut off. */
const DRAIN_FACTOR = 8;

export class BodyTooLarge extends Error {}

/**
 * Reads a body up to `limit` bytes. A longer one is read on and dropped (so the client gets
 * the refusal instead of a reset) up to a bound, then the connection is cut.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((res, rej) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit * DRAIN_FACTOR) {
      rej(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else if (size > limit * DRAIN_FACTOR) req.destroy();
    });
    req.on('end', () => (size > limit ? rej(new BodyTooLarge()) : res(Buffer.concat(chunks))));
    req.on('error', rej);
    req.on('close', () => rej(new Error('request closed')));
  });
}

export const NOSNIFF = { 'x-content-type-options': 'nosniff' };

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  // A declared length (not chunks): the reply leaves in one write, headers and body together.
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...NOSNIFF,
    ...headers,
  });
  res.end(text);
}

export const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
  send(res, status, { ok: false, code, message });

export const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The file types uploads may be, told by their first bytes (never by the declared type). */
const MAGIC: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  {
    type: 'image/png',
    ext: 'png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) },
  {
    type: 'image/webp',
    ext: 'webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { type: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

export function sniffFileType(body: Buffer): { type: string; ext: string } | null {
  return MAGIC.find((m) => m.test(body)) ?? null;
}

/**
 * A Range header sirv can serve: one `bytes=first-[last]` range with first ≤ last. Suffix and
 * multiple ranges are dropped (the whole file is sent, as HTTP allows); anything else is refused.
 */
export function checkRange(header: string | undefined): 'none' | 'ok' | 'ignore' | 'bad' {
  if (header === undefined) return 'none';
  const one = /^\s*bytes\s*=\s*(\d{1,15})\s*-\s*(\d{0,15})\s*$/i.exec(header);
  if (one) return one[2] !== '' && Number(one[2]) < Number(one[1]) ? 'bad' : 'ok';
  if (/^\s*bytes\s*=\s*(-\d{1,15}|[\d\s,-]+,[\d\s,-]+)\s*$/i.test(header)) return 'ignore';
  return 'bad';
}

/** Names a browser on this machine uses for the runtime. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_HOSTS = ['0.0.0.0', '::', '[::]'];
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/;

/**
 * Whether a request's Host header names this runtime: a loopback name or the host it was
 * started on, with its port. A page elsewhere that re-points its own name at 127.0.0.1 (DNS
 * rebinding) sends its own name and is refused. Started on every address (0.0.0.0), any IP
 * address is accepted too: only a name can be re-pointed.
 */
export function hostAllowed(header: string | undefined, boundHost: string, port: number): boolean {
  if (!header) return false;
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(header.trim().toLowerCase());
  if (!m) return false;
  const [, name = '', given] = m;
  if ((given === undefined ? 80 : Number(given)) !== port) return false;
  const bound = boundHost.toLowerCase();
  const boundName = bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound;
  if (LOOPBACK_NAMES.includes(name) || name === boundName) return true;
  return WILDCARD_HOSTS.includes(bound) && IP_LITERAL.test(name);
}
