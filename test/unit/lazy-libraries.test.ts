/**
 * Heavy libraries load when used: requiring a cloud function (its cold start) loads no exceljs;
 * only an export does. Each function is required in a fresh Node process, as the cloud does.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const HEAVY = ['exceljs'];

/** Modules of node_modules loaded by requiring `entry` (and running `then`, if given). */
function loadedPackages(entry: string, then = ''): string[] {
  const script = `
    const mod = require(${JSON.stringify(resolve(root, entry))});
    (async () => {
      ${then}
      const names = Object.keys(require.cache)
        .map((k) => (k.split('/node_modules/')[1] || '').split('/')[0])
        .filter(Boolean);
      process.stdout.write(JSON.stringify([...new Set(names)]));
    })();
  `;
  const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as string[];
}

test.each(['account', 'assessment', 'disclosure', 'report', 'survey'])(
  'requiring the %s function loads no heavy library',
  (name) => {
    const loaded = loadedPackages(`cloudfunctions/${name}/index.ts`);
    expect(loaded).toContain('zod');
    for (const lib of HEAVY) expect(loaded).not.toContain(lib);
  },
  60_000,
);

test('building an export workbook is what loads exceljs', () => {
  // Any input gets as far as creating the workbook; what follows may fail, it does not matter here.
  const loaded = loadedPackages(
    'cloudfunctions/assessment/export.ts',
    'await mod.workbookFor({ kind: "none" }).catch(() => null);',
  );
  expect(loaded).toContain('exceljs');
}, 60_000);
