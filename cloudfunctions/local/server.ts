import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import { systemClock, type Clock } from '../common/clock';
import { randomIds } from '../common/ids';
import { createRouter, type Handler } from '../common/router';
import { countingStore, type Store } from '../common/store/port';
import { nedbStore } from '../common/store/nedb';
import { functions } from '../registry';
import { PERSONAS, seedDemoTown } from './seed';
import { outboxSender } from '../common/subscribe';

/**
 * The local runtime: the very same handlers as in WeChat's cloud, over HTTP on loopback,
 * with the embedded store. A persona header stands in for WeChat login here, and only here.
 */
export interface LocalRuntimeOptions {
  /** Folder for the embedded store's files; null keeps everything in memory. */
  dataDir: string | null;
  port?: number;
  host?: string;
  /** The H5 build to serve; omitted, only the API is served. */
  staticDir?: string;
  seed?: boolean;
  clock?: Clock;
  /** Where uploaded files go; defaults to `files/` under dataDir (none when in memory). */
  filesDir?: string;
}

export interface LocalRuntime {
  url: string;
  store: Store & { ops(): number; reset(): void };
  close(): Promise<void>;
}

const MAX_BODY = 2 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((res, rej) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        rej(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => res(Buffer.concat(chunks)));
    req.on('error', rej);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

const EXT: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

export async function startLocalRuntime(opts: LocalRuntimeOptions): Promise<LocalRuntime> {
  const embedded = nedbStore(opts.dataDir ?? undefined, { compactEveryMs: 10_000 });
  const store = countingStore(embedded);
  const clock = opts.clock ?? systemClock;
  if (opts.seed !== false) await seedDemoTown(store);
  store.reset();
  const filesDir = opts.filesDir ?? (opts.dataDir ? join(opts.dataDir, 'files') : null);
  if (filesDir) mkdirSync(filesDir, { recursive: true });

  const handlers = new Map<string, Handler>(Object.entries(functions).map(([k, v]) => [k, createRouter(v)]));
  // Subscribe messages land in an outbox here; GET /api/dev/outbox shows the persona's own.
  const outbox = outboxSender(() => clock.now());
  const env = {
    store,
    clock,
    ids: randomIds,
    log: (m: string, e?: unknown) => console.error(m, e),
    services: { subscribeSender: outbox },
  };
  const statics =
    opts.staticDir && existsSync(opts.staticDir)
      ? sirv(opts.staticDir, { single: true, dev: false, etag: true, gzip: true })
      : null;
  const files = filesDir
    ? sirv(filesDir, { dev: true, etag: true }) /* dev: sees files uploaded after start */
    : null;

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const fn = /^\/api\/fn\/([a-z]+)$/.exec(url.pathname);
      if (fn && req.method === 'POST') {
        const handler = handlers.get(fn[1]);
        if (!handler)
          return send(res, 404, { ok: false, code: 'UNKNOWN_ACTION', message: `没有这个云函数：${fn[1]}` });
        let event: unknown;
        try {
          event = JSON.parse((await readBody(req)).toString('utf8') || '{}');
        } catch {
          return send(res, 400, { ok: false, code: 'BAD_INPUT', message: '请求内容不是有效的 JSON' });
        }
        const persona = req.headers['x-persona'];
        const openid = typeof persona === 'string' && persona ? persona : undefined;
        return send(res, 200, await handler(event, openid, env));
      }
      if (url.pathname === '/api/dev/outbox' && req.method === 'GET') {
        const persona = req.headers['x-persona'];
        const messages = typeof persona === 'string' && persona ? outbox.messages(persona) : [];
        return send(res, 200, { ok: true, data: { messages } });
      }
      if (url.pathname === '/api/dev/personas' && req.method === 'GET') {
        return send(res, 200, { ok: true, data: { personas: PERSONAS } });
      }
      if (url.pathname === '/api/files' && req.method === 'POST' && filesDir) {
        const type = String(req.headers['content-type'] ?? '');
        const ext = EXT[type];
        if (!ext)
          return send(res, 415, {
            ok: false,
            code: 'BAD_INPUT',
            message: '只支持图片（png/jpg/webp）或 PDF 文件',
          });
        const body = await readBody(req);
        const name = `${createHash('sha256').update(body).digest('hex').slice(0, 24)}.${ext}`;
        writeFileSync(join(filesDir, name), body);
        return send(res, 200, { ok: true, data: { fileId: `/files/${name}` } });
      }
      if (url.pathname.startsWith('/files/') && files) {
        req.url = url.pathname.slice('/files'.length);
        return files(req, res, () => send(res, 404, { ok: false, code: 'NOT_FOUND', message: '文件不存在' }));
      }
      if (statics)
        return statics(req, res, () =>
          send(res, 404, { ok: false, code: 'NOT_FOUND', message: '页面不存在' }),
        );
      send(res, 404, { ok: false, code: 'NOT_FOUND', message: '页面不存在' });
    } catch (e) {
      console.error(e);
      send(res, 500, { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    }
  });
  server.keepAliveTimeout = 5_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((r) => server.listen(opts.port ?? 0, host, r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host}:${port}`,
    store,
    close: async () => {
      await new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
      await embedded.close();
    },
  };
}

if (require.main === module) {
  const root = resolve(__dirname, '..', '..');
  const port = Number(process.env.PORT ?? 10086);
  const dataDir = process.env.DATA_DIR ?? join(root, '.local-data');
  startLocalRuntime({ dataDir, port, staticDir: join(root, 'dist', 'h5'), seed: true }).then((rt) => {
    console.log(`清廉村居本地演示已启动：${rt.url}`);
    console.log('在“我的”页选择演示身份（村民、村干部、镇管理员……）即可体验。');
    const stop = () => void rt.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
