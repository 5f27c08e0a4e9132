import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { Reply } from '../../cloudfunctions/common/errors';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter, type Env, type Handler } from '../../cloudfunctions/common/router';
import { countingStore } from '../../cloudfunctions/common/store/port';
import { functions } from '../../cloudfunctions/registry';
import { seededStore } from '../handler/demo-town';
import { at, must } from '../must';

/**
 * Loads pages of the compiled mini-program (dist/weapp) in miniprogram-simulate.
 *
 * A Taro page chunk only registers itself with the webpack runtime of app.js and then calls
 * Page(), which the simulator does not model. So the harness defines App/getApp/getCurrentPages,
 * runs app.js, and turns Page(config) into a Component whose lifetimes call the page hooks.
 * wx.cloud.callFunction is served in-process by the very handlers deployed as cloud functions,
 * over an embedded store seeded with the demo town, with the caller's openid taken from the
 * harness (as WeChat takes it from its own context), never from the event.
 */
export const ROOT = resolve(__dirname, '..', '..');
export const WEAPP_DIR = join(ROOT, 'dist', 'weapp');
/** The demo's "today": 2026-11-23 10:00 China time. */
export const DEMO_NOW = '2026-11-23T02:00:00.000Z';

/** The part of a j-component instance the tests use. */
export interface SimComponent {
  dom: HTMLElement;
  querySelector(selector: string): SimComponent | undefined;
  querySelectorAll(selector: string): SimComponent[];
  dispatchEvent(name: string, detail?: Record<string, unknown>): void;
  attach(parent: Element): void;
  detach(): void;
  instance: Record<string, unknown> & { data: Record<string, unknown> };
}

interface Simulate {
  load(path: string, options?: { rootPath?: string; compiler?: 'official' | 'simulate' }): string;
  render(id: string, props?: Record<string, unknown>): SimComponent;
}

/** One recorded navigation call (navigateTo, redirectTo, switchTab, reLaunch, navigateBack). */
export interface Navigation {
  api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';
  url?: string;
}

export interface CloudCall {
  name: string;
  action: string;
  input: unknown;
  openid: string;
  reply: Reply<unknown>;
}

export interface LoadedPage {
  comp: SimComponent;
  root: HTMLElement;
  /** The page's visible text (whitespace collapsed). */
  text(): string;
  /** Waits until the page's text contains `needle` (or matches it); fails with the text seen. */
  waitForText(needle: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Waits until `predicate` holds; fails with `what` and the text seen. */
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** The first element matching a CSS selector (by #id or .class; Taro renders all as view). */
  $(selector: string): HTMLElement | null;
  $$(selector: string): HTMLElement[];
  /** Taps the element: dispatches the tap event Taro listens to on every view. */
  tap(selector: string | HTMLElement): Promise<void>;
  unload(): void;
}

export interface WeappHarness {
  /** The persona whose openid the fake cloud passes to the handlers. */
  persona: string;
  navigations: Navigation[];
  calls: CloudCall[];
  storage: Map<string, unknown>;
  /** Template errors of the compiled WXML (an element WeChat could not draw), once each. */
  templateWarnings: Set<string>;
  /** Calls a handler directly (to read the values a page should show). */
  api<T>(name: string, action: string, input: unknown, openid?: string): Promise<T>;
  /** Loads one page of the build, e.g. ('pages/home/index', { id: 'x' }), and renders it. */
  loadPage(route: string, query?: Record<string, string>): Promise<LoadedPage>;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

type Globals = Record<string, unknown>;

/** Gives the jest node environment the DOM that miniprogram-simulate renders into. */
function installDom(g: Globals) {
  if (g.document) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JSDOM } = require('jsdom') as { JSDOM: new (html: string, o?: object) => { window: Globals } };
  const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    pretendToBeVisual: true,
  });
  g.window = window;
  for (const key of [
    'document',
    'Node',
    'Element',
    'HTMLElement',
    'Text',
    'Event',
    'CustomEvent',
    'MouseEvent',
    'KeyboardEvent',
    'MutationObserver',
    'getComputedStyle',
    'DocumentFragment',
  ]) {
    if (!(key in g)) g[key] = window[key];
  }
}

export async function createWeappHarness(persona = 'dev-resident'): Promise<WeappHarness> {
  if (!existsSync(join(WEAPP_DIR, 'app.js'))) {
    throw new Error(
      'dist/weapp is missing: build it first with `npx taro build --type weapp` (the test command does)',
    );
  }
  const store = countingStore(await seededStore());
  const env: Env = { store, clock: fixedClock(DEMO_NOW), ids: sequentialIds('w') };
  const handlers = new Map<string, Handler>(Object.entries(functions).map(([k, v]) => [k, createRouter(v)]));

  const harness: WeappHarness = {
    persona,
    navigations: [],
    calls: [],
    storage: new Map(),
    templateWarnings: new Set(),
    async api<T>(name: string, action: string, input: unknown, openid?: string) {
      const handler = handlers.get(name);
      if (!handler) throw new Error(`no cloud function ${name}`);
      const reply = await handler({ action, input }, openid ?? harness.persona, env);
      if (!reply.ok) throw new Error(`${name}.${action} failed: ${reply.code} ${reply.message}`);
      return reply.data as T;
    },
    loadPage: (route, query) => loadPage(harness, handlers, env, route, query ?? {}),
  };
  return harness;
}

type Callbacks = {
  success?: (r: unknown) => void;
  fail?: (e: unknown) => void;
  complete?: (r: unknown) => void;
};
function settle<T>(opts: Callbacks | undefined, result: T): Promise<T> {
  opts?.success?.(result);
  opts?.complete?.(result);
  return Promise.resolve(result);
}

async function loadPage(
  h: WeappHarness,
  handlers: Map<string, Handler>,
  env: Env,
  route: string,
  query: Record<string, string>,
): Promise<LoadedPage> {
  const g = globalThis as unknown as Globals;
  const pagePath = join(WEAPP_DIR, route);
  if (!existsSync(`${pagePath}.js`)) throw new Error(`no page ${route} in dist/weapp`);

  quietTemplateWarnings(h.templateWarnings);
  // A fresh module registry: app.js and the page chunk run again, as on a cold start.
  jest.resetModules();
  installDom(g);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate;
  // The simulator's element tree, from the same fresh registry as the simulator itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser') as Exparser;
  const wx = g.wx as Globals;
  // The previous load's chunks would run again (and call Page) when the new runtime starts.
  delete wx.webpackJsonp;

  // Storage: the simulator's functions are no-ops; Taro's are thin wrappers over these.
  Object.assign(wx, {
    getStorageSync: (key: string) => (h.storage.has(key) ? h.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void h.storage.set(key, value),
    removeStorageSync: (key: string) => void h.storage.delete(key),
    clearStorageSync: () => h.storage.clear(),
    getStorageInfoSync: () => ({ keys: [...h.storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: (o: { key: string } & Callbacks) =>
      h.storage.has(o.key)
        ? settle(o, { data: h.storage.get(o.key) })
        : (o.fail?.({ errMsg: 'getStorage:fail' }), undefined),
    setStorage: (o: { key: string; data: unknown } & Callbacks) => (
      h.storage.set(o.key, o.data),
      settle(o, {})
    ),
    removeStorage: (o: { key: string } & Callbacks) => (h.storage.delete(o.key), settle(o, {})),
  });
  // Navigation is recorded, not performed: a test asserts where a tap leads.
  for (const api of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack'] as const) {
    wx[api] = (o: { url?: string } & Callbacks = {}) => {
      h.navigations.push({ api, url: o.url });
      return settle(o, { errMsg: `${api}:ok` });
    };
  }
  for (const api of [
    'showToast',
    'showLoading',
    'hideLoading',
    'showModal',
    'stopPullDownRefresh',
    'setNavigationBarTitle',
  ]) {
    wx[api] = (o: Callbacks = {}) => settle(o, api === 'showModal' ? { confirm: true, cancel: false } : {});
  }
  // Layout queries: the simulator has no layout, and its own query is not chainable. Every
  // node measures as an empty box, which is enough for components that only position a marker.
  wx.createSelectorQuery = () => selectorQuery();
  // WeChat's cloud, served by the same handlers in-process; the caller is the harness's persona.
  wx.cloud = {
    init() {},
    async callFunction(o: { name: string; data: { action: string; input: unknown } } & Callbacks) {
      const handler = handlers.get(o.name);
      const reply: Reply<unknown> = handler
        ? await handler(o.data, h.persona, env)
        : { ok: false, code: 'UNKNOWN_ACTION', message: `没有这个云函数：${o.name}` };
      h.calls.push({ name: o.name, action: o.data?.action, input: o.data?.input, openid: h.persona, reply });
      const res = { result: reply, errMsg: 'cloud.callFunction:ok', requestID: 'local' };
      return settle(o, res);
    },
  };

  // The app and its page stack.
  let app: Globals = {};
  const stack: Globals[] = [];
  g.App = (cfg: Globals) => {
    app = cfg;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => stack;
  g.Page = (cfg: Globals) => {
    const methods: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(cfg)) if (typeof v === 'function') methods[k] = v;
    (g.Component as (o: object) => void)({
      data: cfg.data ?? {},
      methods,
      lifetimes: {
        attached(this: Globals & { onLoad?: (q: object) => void; onShow?: () => void }) {
          this.route = route;
          this.__route__ = route;
          this.options = query;
          stack.push(this);
          this.onLoad?.({ ...query });
          this.onShow?.();
        },
        ready(this: { onReady?: () => void }) {
          this.onReady?.();
        },
        detached(this: Globals & { onUnload?: () => void }) {
          this.onUnload?.();
          stack.splice(stack.indexOf(this), 1);
        },
      },
    });
  };

  // Run the app once: vendors, taro, runtime and the app chunk; then its launch hooks.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(WEAPP_DIR, 'app.js'));
  const launch = { path: route, query, scene: 1001 };
  (app.onLaunch as ((o: object) => void) | undefined)?.call(app, launch);
  (app.onShow as ((o: object) => void) | undefined)?.call(app, launch);

  const id = simulate.load(pagePath, { rootPath: WEAPP_DIR, compiler: 'official' });
  const comp = simulate.render(id);
  const host = document.createElement('div');
  document.body.appendChild(host);
  comp.attach(host);
  const root = comp.dom;

  const text = () => (root.textContent ?? '').replace(/\s+/g, ' ').trim();
  const waitFor = async (predicate: () => boolean, what: string, timeoutMs = 5000) => {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until)
        throw new Error(`timed out waiting for ${what}; page shows: ${text().slice(0, 800)}`);
      await sleep(20);
    }
  };
  const $$ = (sel: string) => select(root, sel);
  const $ = (sel: string) => $$(sel)[0] ?? null;
  return {
    comp,
    root,
    text,
    waitFor,
    waitForText: (needle, timeoutMs) =>
      waitFor(
        () => (typeof needle === 'string' ? text().includes(needle) : needle.test(text())),
        `text ${String(needle)}`,
        timeoutMs,
      ),
    $,
    $$,
    async tap(target) {
      const el = typeof target === 'string' ? $(target) : target;
      if (!el) throw new Error(`nothing to tap at ${String(target)}; page shows: ${text().slice(0, 400)}`);
      tapElement(exparser, el);
      await sleep(20);
    },
    unload() {
      comp.detach();
      host.remove();
    },
  };
}

/**
 * The WXML runtime reports an element it has no template for with console.warn, which jest
 * prints with a frame of the minified bundle. Keep them short: each once, on stderr.
 */
function quietTemplateWarnings(seen: Set<string>) {
  const c = console as Console & { __weappQuiet?: boolean };
  if (c.__weappQuiet) return;
  const warn = c.warn.bind(c);
  c.warn = (...args: unknown[]) => {
    const msg = String(args[0] ?? '');
    if (!msg.startsWith('WXMLRT')) return warn(...args);
    if (!seen.has(msg)) process.stderr.write(`weapp template warning: ${msg}\n`);
    seen.add(msg);
  };
  c.__weappQuiet = true;
}

const EMPTY_RECT = { id: '', dataset: {}, left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 };

function selectorQuery() {
  const results: unknown[] = [];
  const node = (result: unknown) => {
    const n = {
      boundingClientRect: (cb?: (r: unknown) => void) => (
        results.push(result),
        cb && setTimeout(() => cb(result)),
        q
      ),
      fields: (_f: object, cb?: (r: unknown) => void) => n.boundingClientRect(cb),
      scrollOffset: (cb?: (r: unknown) => void) => n.boundingClientRect(cb),
      node: (cb?: (r: unknown) => void) => n.boundingClientRect(cb),
      context: (cb?: (r: unknown) => void) => n.boundingClientRect(cb),
    };
    return n;
  };
  const q = {
    in: () => q,
    select: () => node({ ...EMPTY_RECT }),
    selectAll: () => node([]),
    selectViewport: () => node({ ...EMPTY_RECT, width: 375, height: 667, scrollTop: 0, scrollLeft: 0 }),
    exec: (cb?: (r: unknown[]) => void) => void setTimeout(() => cb?.(results)),
  };
  return q;
}

interface WxElement {
  id: string;
}
interface Exparser {
  Event: {
    create(name: string, detail: object, options: object): unknown;
    dispatchEvent(target: WxElement, event: unknown): void;
  };
}
type Dom = HTMLElement & { __wxElement?: WxElement };

/** One compound selector: an optional #id and any number of .classes. */
function matches(el: Dom, compound: string): boolean {
  const id = /#([\w-]+)/.exec(compound)?.[1];
  if (id && el.__wxElement?.id !== id) return false;
  const classes = [...compound.matchAll(/\.([\w-]+)/g)].map((m) => must(m[1], 'a class name'));
  // The simulator prefixes every class with its component's tag ('main--x', 'comp--x').
  const own = Array.from(el.classList ?? []).map((c) => c.replace(/^[\w]+--/, ''));
  return classes.every((c) => own.includes(c));
}

/**
 * Finds elements by '#id', '.class', '#id.class' and descendant chains ('#list .item').
 * Ids live on the simulator's elements (Taro sets them from the page's `id` prop), not on the DOM.
 */
function select(root: HTMLElement, selector: string): HTMLElement[] {
  const parts = selector.trim().split(/\s+/);
  const all = Array.from(root.querySelectorAll<Dom>('*'));
  return all.filter((el) => {
    if (!matches(el, at(parts, -1, 'a selector'))) return false;
    let i = parts.length - 2;
    for (let p = el.parentElement as Dom | null; p && i >= 0; p = p.parentElement as Dom | null) {
      if (matches(p, at(parts, i))) i--;
      if (p === root) break;
    }
    return i < 0;
  });
}

/** A tap as WeChat delivers it: a 'tap' event on the element, bubbling to Taro's handler. */
function tapElement(exparser: Exparser, el: Dom) {
  const target = el.__wxElement;
  if (!target) throw new Error('not an element of the page');
  const event = exparser.Event.create(
    'tap',
    { x: 0, y: 0 },
    {
      bubbles: true,
      composed: true,
      capturePhase: true,
      extraFields: { touches: [], changedTouches: [] },
    },
  );
  exparser.Event.dispatchEvent(target, event);
}
