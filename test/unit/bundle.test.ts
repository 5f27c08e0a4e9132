/**
 * The deployable bundles: what WeChat uploads is one function folder, so each bundle must run on
 * its own with nothing but wx-server-sdk installed next to it. The SDK is replaced by a fake
 * module (the real one kills Node without cloud credentials).
 */
import { execFileSync } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { must } from '../must';

const root = resolve(__dirname, '..', '..');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Folders of cloudfunctions/ with an entry, except shared code and local tooling. */
const deployable = readdirSync(join(root, 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !['common', 'local'].includes(d.name))
  .filter((d) => existsSync(join(root, 'cloudfunctions', d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();

// A stand-in for wx-server-sdk: records init() and database calls; every query finds nothing.
const FAKE_SDK = `
const state = { inits: [], calls: [] };
const command = new Proxy({}, { get: (_, op) => (...args) => ({ op: String(op), args }) });
function ref(name) {
  const q = {
    where(w) { state.calls.push({ collection: name, op: 'where', arg: w }); return q; },
    orderBy() { return q; },
    skip() { return q; },
    limit() { return q; },
    field() { return q; },
    async get() { state.calls.push({ collection: name, op: 'get' }); return { data: [] }; },
    async count() { return { total: 0 }; },
    async update() { return { stats: { updated: 0 } }; },
    async remove() { return { stats: { removed: 0 } }; },
    async add(arg) { state.calls.push({ collection: name, op: 'add', arg }); return { _id: arg.data._id }; },
  };
  return q;
}
module.exports = {
  state,
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  init(opts) { state.inits.push(opts); },
  getWXContext() { return { OPENID: 'x' }; },
  database() { return { command, collection: (name) => ref(name) }; },
};
`;

interface FakeState {
  inits: unknown[];
  calls: { collection: string; op: string; arg?: unknown }[];
}
type Main = (event: unknown) => Promise<{ ok: boolean; code?: string; data?: unknown }>;

let tmp: string;
let fake: FakeState;
/** Node's own require, outside jest's module registry: the bundle loads as it would in the cloud. */
let nodeRequire: NodeJS.Require;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bundle-'));
  execFileSync(process.execPath, [join(root, 'config', 'build-functions.mjs'), '--out', tmp], {
    cwd: root,
    stdio: 'pipe',
  });
  mkdirSync(join(tmp, 'node_modules', 'wx-server-sdk'), { recursive: true });
  writeFileSync(join(tmp, 'node_modules', 'wx-server-sdk', 'index.js'), FAKE_SDK);
  nodeRequire = createRequire(join(tmp, 'loader.js'));
  fake = nodeRequire('wx-server-sdk').state as FakeState;
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const bundleOf = (name: string) => join(tmp, name, 'index.js');
/** Libraries each function requires only inside the action that needs them (config/build-functions.mjs). */
const LAZY: Record<string, string[]> = {
  assessment: ['exceljs'],
  assets: ['exceljs'],
  oversight: ['exceljs'],
};

test('the assessment bundle leaves exceljs out: its cold start parses no spreadsheet library', () => {
  expect(LAZY.assessment).toEqual(['exceljs']);
  expect(readFileSync(bundleOf('assessment'), 'utf8')).not.toContain('exceljs/lib/');
});
/** Modules a bundle loads: require() at load time and import() when an action runs. */
const requiresIn = (code: string) =>
  [...code.matchAll(/\b(?:require|import)\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) =>
    must(m[2], 'the required name'),
  );
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

test('every folder of cloudfunctions/ with an index.ts is deployable, including account and disclosure', () => {
  expect(deployable).toEqual(expect.arrayContaining(['account', 'disclosure']));
  expect(deployable).not.toContain('common');
  expect(deployable).not.toContain('local');
});

describe.each(deployable)('the %s bundle', (name) => {
  test('is one file whose only non-builtin requires are wx-server-sdk and its declared lazy libraries (shared code inlined)', () => {
    const code = readFileSync(bundleOf(name), 'utf8');
    const required = requiresIn(code);
    expect(required.filter((r) => r.startsWith('.') || r.startsWith('/'))).toEqual([]);
    expect(code).not.toMatch(/require\(\s*['"]\.\.?\/common/);
    expect([...new Set(required.filter((r) => !builtins.has(r)))].sort()).toEqual(
      ['wx-server-sdk', ...(LAZY[name] ?? [])].sort(),
    );
    expect(readdirSync(join(tmp, name)).sort()).toEqual(['config.json', 'index.js', 'package.json']);
  });

  test('has a package.json listing wx-server-sdk at the project version, and its config.json', () => {
    const pkg = JSON.parse(readFileSync(join(tmp, name, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('index.js');
    expect(pkg.name).toBe(name);
    const deps = ['wx-server-sdk', ...(LAZY[name] ?? [])];
    expect(pkg.dependencies).toEqual(Object.fromEntries(deps.map((d) => [d, rootPkg.devDependencies[d]])));
    expect(readFileSync(join(tmp, name, 'config.json'), 'utf8')).toBe(
      readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8'),
    );
  });

  test('exports main, initialises the SDK only when called, and answers an unknown action', async () => {
    const before = fake.inits.length;
    const mod = nodeRequire(bundleOf(name)) as { main: Main };
    expect(typeof mod.main).toBe('function');
    expect(fake.inits.length).toBe(before);

    await expect(mod.main({ action: 'nope' })).resolves.toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(fake.inits.length).toBe(before + 1);
    await mod.main({ action: 'nope' });
    expect(fake.inits.length).toBe(before + 1);
  });
});

test('account.me runs through the cloud database with the OPENID of the WeChat context', async () => {
  const { main } = nodeRequire(bundleOf('account')) as { main: Main };
  fake.calls.length = 0;
  // An openid in the event is not an identity: the context's OPENID ('x') is.
  const reply = await main({ action: 'me', input: {}, openid: 'someone-else' });
  expect(reply).toEqual({ ok: true, data: { signedIn: true, binding: null, pendingClaim: null } });
  expect(fake.calls).toContainEqual({ collection: 'users', op: 'where', arg: { _id: 'x' } });
  expect(JSON.stringify(fake.calls)).not.toContain('someone-else');
});
