import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../cloudfunctions/common/clock';
import {
  checkRange,
  hostAllowed,
  sniffFileType,
  startLocalRuntime,
  type LocalRuntime,
} from '../../cloudfunctions/local/server';

/**
 * The local runtime facing hostile HTTP, on 127.0.0.1 only: bad ranges, oversized and slow
 * bodies, uploads by strangers or of the wrong kind. Every case is answered, and the process
 * keeps serving afterwards.
 */
const NOW = '2026-11-23T02:00:00.000Z';
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR demo picture bytes'),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const HTML = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');

let dir: string;
let rt: LocalRuntime;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One raw request (node:http keeps a Range header exactly as written). */
function call(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${rt.url}${path}`,
      { method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const json = (a: Answer) =>
  JSON.parse(a.body.toString('utf8')) as {
    ok: boolean;
    code?: string;
    message?: string;
    data?: { fileId: string };
  };

const upload = (persona: string | null, type: string, body: Buffer) =>
  call('/api/files', {
    method: 'POST',
    headers: { 'content-type': type, ...(persona ? { 'x-persona': persona } : {}) },
    body,
  });

/** The server still answers a normal call. */
async function stillServing() {
  const a = await call('/api/dev/personas');
  expect(a.status).toBe(200);
  expect(json(a).ok).toBe(true);
}

const stored = () => readdirSync(join(dir, 'files'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qlcj-local-'));
  const site = join(dir, 'site');
  mkdirSync(site);
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>清廉村居</title><p>0123456789</p>');
  rt = await startLocalRuntime({
    dataDir: null,
    staticDir: site,
    filesDir: join(dir, 'files'),
    clock: fixedClock(NOW),
    limits: {
      headersTimeoutMs: 500,
      requestTimeoutMs: 1_000,
      personDailyBytes: 3 * 1024,
      totalFileBytes: 1024 * 1024,
    },
  });
});

afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ranges', () => {
  test('the Range header is classified: one ordered range served, an inverted one refused', () => {
    expect(checkRange(undefined)).toBe('none');
    expect(checkRange('bytes=0-9')).toBe('ok');
    expect(checkRange('bytes=5-')).toBe('ok');
    expect(checkRange('bytes=5-5')).toBe('ok');
    expect(checkRange('bytes=5-1')).toBe('bad');
    expect(checkRange('bytes=abc')).toBe('bad');
    expect(checkRange('items=0-5')).toBe('bad');
    expect(checkRange('bytes=-')).toBe('bad');
    expect(checkRange('bytes=-20')).toBe('ignore');
    expect(checkRange('bytes=0-1,4-6')).toBe('ignore');
  });

  test('an inverted range on a page is answered 416, and the process keeps serving', async () => {
    const a = await call('/index.html', { headers: { range: 'bytes=5-1' } });
    expect(a.status).toBe(416);
    expect(json(a)).toMatchObject({ ok: false, code: 'BAD_RANGE', message: '请求的文件范围无效' });
    await stillServing();
    // A good range still gets its bytes; one past the end gets sirv's 416 with the size.
    const part = await call('/index.html', { headers: { range: 'bytes=0-8' } });
    expect(part.status).toBe(206);
    expect(part.body.toString()).toBe('<!doctype');
    const past = await call('/index.html', { headers: { range: 'bytes=99999-' } });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toMatch(/^bytes \*\/\d+$/);
    // A suffix range is not what sirv reads right: the whole page is sent instead.
    const suffix = await call('/index.html', { headers: { range: 'bytes=-4' } });
    expect(suffix.status).toBe(200);
    expect(suffix.body.toString()).toContain('0123456789');
    await stillServing();
  });

  test('an inverted range on an uploaded file is answered 416, and the process keeps serving', async () => {
    const up = json(await upload('dev-cadre', 'image/png', PNG));
    expect(up.ok).toBe(true);
    const fileId = up.data!.fileId;
    const a = await call(fileId, { headers: { range: 'bytes=5-1' } });
    expect(a.status).toBe(416);
    await stillServing();
    const part = await call(fileId, { headers: { range: 'bytes=1-3' } });
    expect(part.status).toBe(206);
    expect(part.body.toString('latin1')).toBe('PNG');
  });
});

describe('bodies', () => {
  test('a 3 MB call is answered with a refusal in Chinese, not a reset', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'a');
    const a = await call('/api/fn/account', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-persona': 'dev-resident' },
      body: big,
    });
    expect(a.status).toBe(413);
    expect(json(a)).toEqual({ ok: false, code: 'BODY_TOO_LARGE', message: '提交的内容太大，不能超过 2 MB' });
    await stillServing();
  });

  test('a body far past the limit is refused from its declared length', async () => {
    const a = await new Promise<Answer>((resolve, reject) => {
      const req = request(
        `${rt.url}/api/fn/account`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(1 << 30) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      req.write('{"action":'); // and never the other gigabyte
    });
    expect(a.status).toBe(413);
    expect(json(a).code).toBe('BODY_TOO_LARGE');
    await stillServing();
  });

  test('slow bodies and slow headers are cut off by the timeouts', async () => {
    const sockets: Socket[] = [];
    const closed: Promise<string>[] = [];
    const open = (text: string) => {
      const s = connect(Number(new URL(rt.url).port), '127.0.0.1');
      sockets.push(s);
      let heard = '';
      s.on('data', (c: Buffer) => (heard += c.toString('latin1')));
      s.on('error', () => undefined);
      closed.push(new Promise((r) => s.on('close', () => r(heard))));
      s.write(text);
    };
    // 20 calls that promise 1000 bytes and send 10; 5 that never finish their headers.
    for (let i = 0; i < 20; i++)
      open(
        `POST /api/fn/account HTTP/1.1\r\nHost: 127.0.0.1:${new URL(rt.url).port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"action":`,
      );
    for (let i = 0; i < 5; i++) open('GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    // Bounded wait: far past the 1 s request timeout, far below the test's own limit.
    let timer: NodeJS.Timeout | undefined;
    const all = await Promise.race([
      Promise.all(closed),
      new Promise<null>((r) => (timer = setTimeout(() => r(null), 8_000))),
    ]);
    clearTimeout(timer);
    for (const s of sockets) s.destroy();
    expect(all).not.toBeNull();
    // The server answered with a timeout (408) before closing each.
    for (const heard of all ?? []) expect(heard).toMatch(/^HTTP\/1\.1 408/);
    await stillServing();
  }, 15_000);
});

describe('uploads', () => {
  test('file types are told by their first bytes', () => {
    expect(sniffFileType(PNG)?.type).toBe('image/png');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))?.type).toBe('image/jpeg');
    expect(sniffFileType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))?.type).toBe('image/webp');
    expect(sniffFileType(PDF)?.type).toBe('application/pdf');
    expect(sniffFileType(HTML)).toBeNull();
    expect(sniffFileType(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffFileType(Buffer.alloc(0))).toBeNull();
  });

  test('an anonymous upload is refused and nothing is stored', async () => {
    const before = stored();
    const a = await upload(null, 'image/png', Buffer.concat([PNG, Buffer.from('anonymous')]));
    expect(a.status).toBe(401);
    expect(json(a)).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    // A persona that is nobody of the town is no better.
    const b = await upload('someone-made-up', 'image/png', Buffer.concat([PNG, Buffer.from('made up')]));
    expect(b.status).toBe(401);
    expect(stored()).toEqual(before);
  });

  test('a villager may not upload; a cadre may', async () => {
    const before = stored();
    const a = await upload('dev-resident', 'image/png', Buffer.concat([PNG, Buffer.from('resident')]));
    expect(a.status).toBe(403);
    expect(json(a)).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    expect(stored()).toEqual(before);
    const pdf = await upload('dev-cadre', 'application/pdf', PDF);
    expect(pdf.status).toBe(200);
    expect(json(pdf).data!.fileId).toMatch(/^\/files\/[0-9a-f]{24}\.pdf$/);
  });

  test('HTML posted as PNG is refused; a PNG posted as something else too', async () => {
    const before = stored();
    const a = await upload('dev-cadre', 'image/png', HTML);
    expect(a.status).toBe(415);
    expect(json(a)).toMatchObject({ ok: false, code: 'BAD_FILE' });
    expect(json(a).message).toContain('png/jpg/webp');
    const b = await upload('dev-cadre', 'image/jpeg', Buffer.concat([PNG, Buffer.from('mislabelled')]));
    expect(b.status).toBe(415);
    const c = await upload('dev-cadre', 'text/html', HTML);
    expect(c.status).toBe(415);
    expect(stored()).toEqual(before);
  });

  test('uploaded files are served with their type, nosniff, and never as a page', async () => {
    const fileId = json(await upload('dev-cadre', 'image/png', PNG)).data!.fileId;
    const a = await call(fileId);
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('image/png');
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['content-security-policy']).toContain('sandbox');
    expect(a.body.equals(PNG)).toBe(true);
  });

  test('each person has a daily quota; the same file again costs nothing', async () => {
    // The cadre of 西河村 starts the day with nothing uploaded; the quota is 3 KB here.
    const png = (n: number) => Buffer.concat([PNG, Buffer.alloc(900, n)]);
    for (let n = 1; n <= 3; n++)
      expect((await upload('dev-cadre-xihe', 'image/png', png(n))).status).toBe(200);
    expect((await upload('dev-cadre-xihe', 'image/png', png(1))).status).toBe(200);
    const over = await upload('dev-cadre-xihe', 'image/png', png(4));
    expect(over.status).toBe(429);
    expect(json(over)).toMatchObject({ ok: false, code: 'UPLOAD_QUOTA' });
    expect(json(over).message).toContain('上限');
  });

  test('a file past the size limit is refused with a message', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
    const a = await upload('dev-cadre', 'image/png', big);
    expect(a.status).toBe(413);
    expect(json(a)).toEqual({ ok: false, code: 'BODY_TOO_LARGE', message: '提交的内容太大，不能超过 5 MB' });
    await stillServing();
  });
});

test('the browser tab gets a favicon', async () => {
  const a = await call('/favicon.ico');
  expect(a.status).toBe(200);
  expect(a.headers['content-type']).toBe('image/svg+xml');
  expect(a.body.toString()).toContain('<svg');
});

test('pages are served with nosniff', async () => {
  const a = await call('/index.html');
  expect(a.status).toBe(200);
  expect(a.headers['x-content-type-options']).toBe('nosniff');
});

describe('hosts (DNS rebinding)', () => {
  const port = () => Number(new URL(rt.url).port);
  const personasWithHost = (host: string) => call('/api/dev/personas', { headers: { host } });

  test('the API answers to 127.0.0.1, localhost and [::1] with its own port', async () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'])
      expect((await personasWithHost(`${host}:${port()}`)).status).toBe(200);
  });

  test('a page whose own name points at 127.0.0.1 cannot act as a persona', async () => {
    const forged = await call('/api/fn/account', {
      method: 'POST',
      headers: {
        host: `evil.example:${port()}`,
        'x-persona': 'dev-cadre',
        'content-type': 'application/json',
      },
      body: Buffer.from(JSON.stringify({ action: 'me', input: {} })),
    });
    expect(forged.status).toBe(421);
    expect(json(forged)).toMatchObject({ ok: false, code: 'WRONG_HOST' });
    expect(json(forged).message).toMatch(/本机地址/);
    for (const path of ['/api/dev/personas', '/api/dev/outbox'])
      expect((await call(path, { headers: { host: `evil.example:${port()}` } })).status).toBe(421);
    const upload = await call('/api/files', {
      method: 'POST',
      headers: { host: `evil.example:${port()}`, 'x-persona': 'dev-cadre', 'content-type': 'image/png' },
      body: PNG,
    });
    expect(upload.status).toBe(421);
    await stillServing();
  });

  test('a loopback name with another port, a name that only starts like one, or no host is refused', async () => {
    for (const host of [
      `127.0.0.1:${port() + 1}`,
      '127.0.0.1',
      `localhost.evil.example:${port()}`,
      `127.0.0.1.nip.example:${port()}`,
      `[::1]x:${port()}`,
    ])
      expect([host, (await personasWithHost(host)).status]).toEqual([host, 421]);
    expect(hostAllowed(undefined, '127.0.0.1', 10086)).toBe(false);
    expect(hostAllowed('', '127.0.0.1', 10086)).toBe(false);
  });

  test('the host it was started on is accepted; started on every address, IP addresses but no names', () => {
    expect(hostAllowed('demo-pc:10086', 'demo-pc', 10086)).toBe(true);
    expect(hostAllowed('192.168.1.5:10086', '0.0.0.0', 10086)).toBe(true);
    expect(hostAllowed('[fe80::1]:10086', '::', 10086)).toBe(true);
    expect(hostAllowed('rebind.example:10086', '0.0.0.0', 10086)).toBe(false);
    expect(hostAllowed('192.168.1.5:10086', '127.0.0.1', 10086)).toBe(false);
    expect(hostAllowed('example.org', '127.0.0.1', 80)).toBe(false);
    expect(hostAllowed('localhost', '127.0.0.1', 80)).toBe(true);
  });

  test('pages and files stay open whatever the host', async () => {
    const page = await call('/', { headers: { host: `evil.example:${port()}` } });
    expect(page.status).toBe(200);
    expect(page.body.toString('utf8')).toContain('清廉村居');
  });
});
