import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import { chinaDateKey, formatChinaDateTime, systemClock, type Clock } from '../common/clock';
import type { Role } from '../common/contracts/shared';
import { users, villages } from '../common/identity';
import { randomIds } from '../common/ids';
import { createRouter, type Env, type Handler } from '../common/router';
import { countingStore, type Store } from '../common/store/port';
import { nedbStore } from '../common/store/nedb';
import { functions } from '../registry';
import { runTick, type TickReport } from '../report/timer';
import { continueOpenings } from '../survey/public';
import { DEMO_VILLAGES, PERSONAS, seedDemoTown, trackingSinceOf } from './seed';
import { outboxSender } from '../common/subscribe';
import { setOwnCloudEnv } from '../common/contracts/fileScope';
import { localDoorCodeMaker } from './doorCode';

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
  /** Seed the demo town (relative to the clock's today) when the store has none. */
  seed?: boolean;
  clock?: Clock;
  /** Where uploaded files go; defaults to `files/` under dataDir (none when in memory). */
  filesDir?: string;
  /** Run the report timer's tick this often (WeChat runs it every 5 minutes); off when omitted. */
  timerEveryMs?: number;
  limits?: Partial<Limits>;
}

export interface Limits {
  /** Largest body of a function call. */
  bodyBytes: number;
  /** Largest uploaded file. */
  fileBytes: number;
  /** What one person may upload per China day. */
  personDailyBytes: number;
  /** What the files folder may hold in all. */
  totalFileBytes: number;
  /** A request's headers must arrive within this. */
  headersTimeoutMs: number;
  /** A whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 2 * 1024 * 1024,
  fileBytes: 5 * 1024 * 1024,
  personDailyBytes: 50 * 1024 * 1024,
  totalFileBytes: 500 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
};

export interface LocalRuntime {
  url: string;
  store: Store & { ops(): number; reset(): void };
  /** Runs the report timer's tick now (what the schedule and POST /api/dev/timer do). */
  tick(): Promise<TickReport>;
  close(): Promise<void>;
}

/** Roles whose pages attach files (disclosure attachments, notice pictures, 三资 photos and stocktake checks). */
const UPLOADER_ROLES: readonly Role[] = ['cadre', 'supervisor'];
/** Roles that may run the report timer by hand in the demo. */
const TIMER_ROLES: readonly Role[] = ['cadre', 'townAdmin'];
import {
  BodyTooLarge,
  checkRange,
  hostAllowed,
  mb,
  NOSNIFF,
  readBody,
  refuse,
  send,
  sniffFileType,
} from './http';
import { describeTick } from './tickSummary';

export { checkRange, hostAllowed, sniffFileType } from './http';
export { describeTick } from './tickSummary';

/** A small mark for the browser tab: a red seal with 廉. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#c8102e"/><text x="32" y="45" font-size="38" text-anchor="middle" fill="#fff" font-family="sans-serif">廉</text></svg>`;

function folderBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const s = statSync(join(dir, name));
    if (s.isFile()) total += s.size;
  }
  return total;
}

export async function startLocalRuntime(opts: LocalRuntimeOptions): Promise<LocalRuntime> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const embedded = nedbStore(opts.dataDir ?? undefined, { compactEveryMs: 10_000 });
  const store = countingStore(embedded);
  const clock = opts.clock ?? systemClock;
  setOwnCloudEnv(null); // the local runtime keeps its own files: no cloud file is ours
  if (opts.seed !== false) await seedDemoTown(store, clock.now().toISOString());
  store.reset();
  const filesDir = opts.filesDir ?? (opts.dataDir ? join(opts.dataDir, 'files') : null);
  if (filesDir) mkdirSync(filesDir, { recursive: true });
  let storedBytes = filesDir ? folderBytes(filesDir) : 0;
  /** Bytes uploaded per person and China day: `${day}|${openid}`. */
  const uploadedToday = new Map<string, number>();

  const handlers = new Map<string, Handler>(Object.entries(functions).map(([k, v]) => [k, createRouter(v)]));
  // Subscribe messages land in an outbox here; GET /api/dev/outbox shows the persona's own.
  const outbox = outboxSender(() => clock.now());
  let origin = '';
  const host = opts.host ?? '127.0.0.1';
  let port = 0;
  const env: Env = {
    store,
    clock,
    ids: randomIds,
    log: (m: string, e?: unknown) => console.error(m, e),
    // Door codes: a QR of this runtime's H5 address (known once it listens).
    services: { subscribeSender: outbox, doorCodeMaker: localDoorCodeMaker(() => origin) },
  };

  // The report timer: one tick at a time, like WeChat's trigger (a tick asked for while one
  // runs gets that one's result).
  let running: Promise<TickReport> | null = null;
  const tick = () => {
    // The survey's timer too: rounds a town opening left 正在准备 (nothing to do almost always).
    running ??= continueOpenings(store, () => clock.now())
      .catch((e) => console.error('survey openings failed', e))
      .then(() => runTick(env, { owner: `local-timer-${randomIds.next()}` }))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer =
    opts.timerEveryMs && opts.timerEveryMs > 0
      ? setInterval(() => {
          tick().then(
            (r) => {
              if (r.drafted?.created || r.flagged || r.delivery?.sent)
                console.log(`${formatChinaDateTime(clock.now())} 定时任务：${describeTick(r)}`);
            },
            (e) => console.error('report timer failed', e),
          );
        }, opts.timerEveryMs)
      : null;
  timer?.unref();

  const statics =
    opts.staticDir && existsSync(opts.staticDir)
      ? sirv(opts.staticDir, { single: true, dev: false, etag: true, gzip: true })
      : null;
  const files = filesDir
    ? sirv(filesDir, { dev: true, etag: true }) /* dev: sees files uploaded after start */
    : null;

  const signedIn = async (req: IncomingMessage) => {
    const persona = req.headers['x-persona'];
    return typeof persona === 'string' && persona ? users(store).get(persona) : null;
  };

  async function upload(req: IncomingMessage, res: ServerResponse, dir: string) {
    const user = await signedIn(req);
    if (!user) return refuse(res, 401, 'NOT_SIGNED_IN', '请先登录后再上传文件');
    if (!user.roles.some((r) => UPLOADER_ROLES.includes(r)))
      return refuse(res, 403, 'FORBIDDEN_ROLE', '只有村干部和村监委可以上传附件');
    const body = await readBody(req, limits.fileBytes);
    const kind = sniffFileType(body);
    const declared = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    if (!kind || (declared !== kind.type && !(declared === 'image/jpg' && kind.type === 'image/jpeg')))
      return refuse(res, 415, 'BAD_FILE', '只支持图片（png/jpg/webp）或 PDF 文件，文件内容须与类型相符');
    const name = `${createHash('sha256').update(body).digest('hex').slice(0, 24)}.${kind.ext}`;
    const path = join(dir, name);
    const fileId = `/files/${name}`;
    // The same bytes again: already stored, nothing counted.
    if (existsSync(path)) return send(res, 200, { ok: true, data: { fileId } });
    const dayKey = `${chinaDateKey(clock.now())}|${user._id}`;
    const today = uploadedToday.get(dayKey) ?? 0;
    if (today + body.length > limits.personDailyBytes)
      return refuse(
        res,
        429,
        'UPLOAD_QUOTA',
        `今天上传的文件已达 ${mb(limits.personDailyBytes)} 上限，请明天再传或压缩后上传`,
      );
    if (storedBytes + body.length > limits.totalFileBytes)
      return refuse(res, 507, 'UPLOAD_QUOTA', '文件存储空间已满，请联系管理员清理');
    writeFileSync(path, body, { flag: 'wx' });
    storedBytes += body.length;
    uploadedToday.set(dayKey, today + body.length);
    return send(res, 200, { ok: true, data: { fileId } });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // The API answers only to this runtime's own names (no DNS rebinding); pages stay open.
    if (url.pathname.startsWith('/api/') && !hostAllowed(req.headers.host, host, port))
      return refuse(res, 421, 'WRONG_HOST', '请用本机地址访问本地演示（例如 http://127.0.0.1）');
    const fn = /^\/api\/fn\/([a-z]+)$/.exec(url.pathname);
    if (fn && req.method === 'POST') {
      const [, fnName = ''] = fn;
      const handler = handlers.get(fnName);
      if (!handler) return refuse(res, 404, 'UNKNOWN_ACTION', `没有这个云函数：${fnName}`);
      let event: unknown;
      const body = await readBody(req, limits.bodyBytes);
      try {
        event = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        return refuse(res, 400, 'BAD_INPUT', '请求内容不是有效的 JSON');
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
    if (url.pathname === '/api/dev/timer' && req.method === 'POST') {
      const user = await signedIn(req);
      if (!user) return refuse(res, 401, 'NOT_SIGNED_IN', '请先登录');
      if (!user.roles.some((r) => TIMER_ROLES.includes(r)))
        return refuse(res, 403, 'FORBIDDEN_ROLE', '只有村干部和镇管理员可以运行定时任务');
      const report = await tick();
      return send(res, 200, { ok: true, data: { ...report, summary: describeTick(report) } });
    }
    if (url.pathname === '/api/files' && req.method === 'POST') {
      if (!filesDir) return refuse(res, 404, 'NOT_FOUND', '本地演示未开启文件上传');
      return upload(req, res, filesDir);
    }
    if (url.pathname === '/favicon.ico' || url.pathname === '/favicon.svg') {
      res.writeHead(200, {
        'content-type': 'image/svg+xml',
        'cache-control': 'public, max-age=86400',
        ...NOSNIFF,
      });
      return res.end(req.method === 'HEAD' ? undefined : FAVICON);
    }
    const range = checkRange(req.headers.range);
    if (range === 'bad') {
      return send(
        res,
        416,
        { ok: false, code: 'BAD_RANGE', message: '请求的文件范围无效' },
        { 'content-range': 'bytes */*' },
      );
    }
    if (range === 'ignore') delete req.headers.range;
    // Every file and page goes out with its declared type only.
    res.setHeader('x-content-type-options', 'nosniff');
    // sirv pipes a file stream into the response without an error handler: a file gone or
    // unreadable mid-way ends this response, never the process.
    res.on('pipe', (source) =>
      source.on('error', (e) => {
        console.error(e);
        res.destroy();
      }),
    );
    if (url.pathname.startsWith('/files/') && files) {
      // Uploaded files never run as a page, whatever they hold.
      res.setHeader('content-security-policy', "default-src 'none'; sandbox");
      req.url = url.pathname.slice('/files'.length);
      return files(req, res, () => refuse(res, 404, 'NOT_FOUND', '文件不存在'));
    }
    if (statics) return statics(req, res, () => refuse(res, 404, 'NOT_FOUND', '页面不存在'));
    refuse(res, 404, 'NOT_FOUND', '页面不存在');
  }

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often unfinished requests are checked against the two timeouts above.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, limits.headersTimeoutMs / 4)),
    },
    (req, res) => {
      handle(req, res).catch((e: unknown) => {
        if (e instanceof BodyTooLarge) {
          const limit = req.url?.startsWith('/api/files') ? limits.fileBytes : limits.bodyBytes;
          return send(
            res,
            413,
            { ok: false, code: 'BODY_TOO_LARGE', message: `提交的内容太大，不能超过 ${mb(limit)}` },
            { connection: 'close' },
          );
        }
        if (req.destroyed || res.destroyed) return;
        console.error(e);
        refuse(res, 500, 'INTERNAL', '系统繁忙，请稍后再试');
      });
    },
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(opts.port ?? 0, host, r));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://${host}:${port}`;
  return {
    url: origin,
    store,
    tick,
    close: async () => {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
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
  startLocalRuntime({
    dataDir,
    port,
    staticDir: join(root, 'dist', 'h5'),
    seed: true,
    // As the report function's trigger in WeChat (config.json): every 5 minutes.
    timerEveryMs: 5 * 60_000,
  }).then(
    async (rt) => {
      console.log(`清廉村居本地演示已启动：${rt.url}`);
      console.log('在“我的”页选择演示身份（村民、村干部、镇管理员……）即可体验。');
      // A store seeded in an earlier month catches up: last month's drafts, stale drafts, deliveries.
      console.log(`定时任务：${describeTick(await rt.tick())}`);
      const first = DEMO_VILLAGES[0];
      const village = first && (await villages(rt.store).get(first._id));
      if (village && village.trackingSince !== trackingSinceOf(systemClock.now().toISOString()))
        console.log(`演示数据是在较早的月份生成的；删除 ${dataDir} 后重新启动，即按今天重新生成。`);
      const stop = () => void rt.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (e: unknown) => {
      console.error('本地演示启动失败', e);
      process.exit(1);
    },
  );
}
