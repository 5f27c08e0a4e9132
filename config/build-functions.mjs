#!/usr/bin/env node
// Bundles every deployable cloud function into dist/cloudfunctions/<name>/: one CommonJS
// index.js with the shared code (cloudfunctions/common) inlined, a package.json that lists only
// wx-server-sdk, and the function's config.json. WeChat uploads a function's folder alone, so a
// `require('../common')` would break after deployment; bundling removes every relative require.
import { build } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'cloudfunctions');

/** Folders of cloudfunctions/ that are libraries or local tooling, never deployed. */
const NOT_DEPLOYED = new Set(['common', 'local']);

/** The SDK is installed by WeChat's cloud from the generated package.json, never bundled. */
const EXTERNAL = ['wx-server-sdk'];

/**
 * Heavy libraries a function loads only when an action needs them (the assessment export's
 * exceljs): left out of the bundle, so the cold start does not parse them, and installed by
 * WeChat's cloud from the function's package.json like the SDK.
 */
export const LAZY_DEPENDENCIES = { assessment: ['exceljs'], assets: ['exceljs'], oversight: ['exceljs'] };

/**
 * WeChat cloud functions offer Node.js 16 among their runtimes (and newer ones); targeting
 * node16 keeps the bundle loadable on the oldest runtime a function is likely to be given.
 */
export const NODE_TARGET = 'node16';

/** Names of the deployable functions: folders of cloudfunctions/ with an index.ts. */
export function deployableFunctions(dir = sourceDir) {
  return readdirSync(dir)
    .filter((name) => !NOT_DEPLOYED.has(name))
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'index.ts')))
    .sort();
}

/** The version range of a package as the project's package.json lists it. */
function versionOf(dep) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = pkg.dependencies?.[dep] ?? pkg.devDependencies?.[dep];
  if (!version) throw new Error(`${dep} is not listed in package.json`);
  return version;
}

/**
 * Builds the functions into `outDir` (default dist/cloudfunctions). Returns one entry per
 * function with its bundle path and size in bytes.
 */
export async function buildFunctions({
  outDir = join(root, 'dist', 'cloudfunctions'),
  names,
  minify = false,
} = {}) {
  // Building every function starts from an empty folder, so a removed function is not deployed stale.
  if (!names) rmSync(outDir, { recursive: true, force: true });
  const results = [];
  for (const name of names ?? deployableFunctions()) {
    const out = join(outDir, name);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const bundle = join(out, 'index.js');
    const lazy = LAZY_DEPENDENCIES[name] ?? [];
    await build({
      absWorkingDir: root,
      entryPoints: [join(sourceDir, name, 'index.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: NODE_TARGET,
      tsconfig: join(root, 'tsconfig.json'),
      external: [...EXTERNAL, ...lazy],
      minify,
      // Names stay readable in the cloud console's error stacks.
      keepNames: true,
      legalComments: 'none',
      logLevel: 'warning',
      // Importing a name a module does not export bundles "fine" and fails in the cloud: stop here.
      logOverride: { 'import-is-undefined': 'error' },
    });
    writeFileSync(
      join(out, 'package.json'),
      `${JSON.stringify(
        {
          name,
          version: '1.0.0',
          private: true,
          main: 'index.js',
          dependencies: Object.fromEntries([...EXTERNAL, ...lazy].map((d) => [d, versionOf(d)])),
        },
        null,
        2,
      )}\n`,
    );
    const config = join(sourceDir, name, 'config.json');
    if (existsSync(config)) copyFileSync(config, join(out, 'config.json'));
    results.push({ name, bundle, bytes: statSync(bundle).size });
  }
  return results;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `--out <dir>` builds elsewhere (the bundle test builds into a temporary folder).
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : undefined;
  buildFunctions({ outDir })
    .then((results) => {
      for (const r of results) console.log(`  ${r.name.padEnd(12)} ${kb(r.bytes).padStart(10)}  ${r.bundle}`);
      console.log(`${results.length} cloud functions bundled`);
    })
    .catch((e) => {
      // esbuild has already printed its errors with their source lines.
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
