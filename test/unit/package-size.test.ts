/**
 * The package-size check on fake weapp builds: which files count toward the main package,
 * which toward a subpackage, and that a build over a limit fails the check.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const script = resolve(__dirname, '..', '..', 'config', 'package-size.mjs');
const KB = 1024;

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pkgsize-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a fake build: app.json plus files of the given sizes (bytes). */
function fakeBuild(appJson: object, files: Record<string, number>): string {
  const text = JSON.stringify(appJson);
  writeFileSync(join(tmp, 'app.json'), text);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(tmp, path)), { recursive: true });
    writeFileSync(join(tmp, path), Buffer.alloc(bytes, 97));
  }
  return text;
}

function check(...args: string[]) {
  const res = spawnSync(process.execPath, [script, tmp, ...args], { encoding: 'utf8' });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

test('files under a subpackage root count toward that subpackage, everything else toward the main package', () => {
  const app = fakeBuild(
    {
      pages: ['pages/home/index'],
      subPackages: [
        { root: 'pkg-cadre/', pages: ['publish/index'] },
        { root: 'pkg-town', pages: ['status/index'] },
      ],
    },
    {
      'app.js': 100 * KB,
      'pages/home/index.js': 20 * KB,
      'pkg-cadre/publish/index.js': 30 * KB,
      'pkg-cadre/publish/index.wxml': 2 * KB,
      'pkg-town/status/index.js': 5 * KB,
      // A main-package folder whose name merely starts like a root stays in the main package.
      'pkg-townish/x.js': 1 * KB,
    },
  );
  const res = check('--json');
  expect(res.status).toBe(0);
  expect(JSON.parse(res.stdout)).toEqual({
    main: 121 * KB + Buffer.byteLength(app),
    subpackages: { 'pkg-cadre': 32 * KB, 'pkg-town': 5 * KB },
    problems: [],
  });
});

test('the older "subpackages" spelling of app.json is honoured', () => {
  fakeBuild({ pages: [], subpackages: [{ root: 'sub', pages: [] }] }, { 'sub/a.js': 10 * KB });
  expect(JSON.parse(check('--json').stdout).subpackages).toEqual({ sub: 10 * KB });
});

test('prints the main package and each subpackage in KB', () => {
  fakeBuild(
    { pages: [], subPackages: [{ root: 'sub', pages: [] }] },
    { 'app.js': 300 * KB, 'sub/a.js': 50 * KB },
  );
  const res = check();
  expect(res.status).toBe(0);
  expect(res.stdout).toMatch(/main package\s+300\.\d KB/);
  expect(res.stdout).toMatch(/subpackage sub\s+50\.0 KB/);
});

test('a main package over 600 KB fails the check, even when subpackages are small', () => {
  fakeBuild(
    { pages: [], subPackages: [{ root: 'sub', pages: [] }] },
    { 'vendors.js': 600 * KB, 'sub/a.js': 1 * KB },
  );
  const res = check();
  expect(res.status).toBe(1);
  expect(res.stderr).toContain('主包');
  expect(res.stdout).toMatch(/main package\s+600\.\d KB\s+\(limit 600\.0 KB\)/);
});

test('a main package of exactly 600 KB passes', () => {
  const app = fakeBuild({ pages: [], subPackages: [] }, {});
  writeFileSync(join(tmp, 'vendors.js'), Buffer.alloc(600 * KB - Buffer.byteLength(app), 97));
  expect(check().status).toBe(0);
});

test('a subpackage over 2 MB fails the check', () => {
  fakeBuild({ pages: [], subPackages: [{ root: 'sub', pages: [] }] }, { 'sub/big.js': 2 * 1024 * KB + 1 });
  const res = check();
  expect(res.status).toBe(1);
  expect(res.stderr).toContain('分包 sub');
});

test('a build with no app.json is an error, not a pass', () => {
  expect(check().status).toBe(1);
});
