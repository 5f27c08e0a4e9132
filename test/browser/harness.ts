import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { fixedClock, type Clock } from '../../cloudfunctions/common/clock';
import { startLocalRuntime, type LocalRuntime } from '../../cloudfunctions/local/server';

/**
 * Browser tests run the H5 build against the local runtime (same handlers, embedded store,
 * seeded demo town) in Debian's chromium. The build is made by the test command beforehand.
 */
export const ROOT = resolve(__dirname, '..', '..');
export const H5_DIR = join(ROOT, 'dist', 'h5');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The demo's "today": 2026-11-23 10:00 China time. */
export const DEMO_NOW = '2026-11-23T02:00:00.000Z';

export interface App {
  runtime: LocalRuntime;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors the pages threw so far (a test may assert there were none). */
  errors: string[];
  /** Reads what the API returns to a persona (to know the values a page should show). */
  api<T>(persona: string, fn: string, action: string, input?: unknown): Promise<T>;
  /** Opens a route of the H5 app as a persona of the demo town ('' for signed out). */
  openAs(persona: string, route: string): Promise<void>;
  close(): Promise<void>;
}

/** `clock`: the runtime's clock, for a test that moves the server's today (defaults to DEMO_NOW). */
export async function startApp(clock: Clock = fixedClock(DEMO_NOW)): Promise<App> {
  if (!existsSync(join(H5_DIR, 'index.html'))) {
    throw new Error('dist/h5 is missing: the test command builds it (npm run build:h5) before browser tests');
  }
  const runtime = await startLocalRuntime({ dataDir: null, staticDir: H5_DIR, clock });
  const userDataDir = mkdtempSync(join(tmpdir(), 'qlcj-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // The pages' own "today" (default month of a form, year filters) is the demo's, like the server's;
  // time still flows from there.
  await context.clock.install({ time: new Date(DEMO_NOW) });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  return {
    runtime,
    context,
    page,
    errors,
    async api<T>(persona: string, fn: string, action: string, input: unknown = {}) {
      const res = await fetch(`${runtime.url}/api/fn/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-persona': persona },
        body: JSON.stringify({ action, input }),
      });
      const reply = (await res.json()) as
        | { ok: true; data: T }
        | { ok: false; code: string; message: string };
      if (!reply.ok) throw new Error(`${fn}.${action} as ${persona}: ${reply.code} ${reply.message}`);
      return reply.data;
    },
    async openAs(persona, route) {
      // Taro's H5 storage keeps values as {"data": value}; the api client reads this key.
      await page.goto(`${runtime.url}/`);
      await page.evaluate((p) => localStorage.setItem('dev.persona', JSON.stringify({ data: p })), persona);
      await page.goto(`${runtime.url}/#${route.startsWith('/') ? route : `/${route}`}`);
      await page.reload();
    },
    async close() {
      await context.close().catch(() => undefined);
      await runtime.close();
      rmSync(userDataDir, { recursive: true, force: true });
      if (errors.length) console.warn(`page errors:\n${errors.join('\n')}`);
    },
  };
}
