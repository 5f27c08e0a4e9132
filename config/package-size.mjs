#!/usr/bin/env node
// Sizes of the built mini-program (after `taro build --type weapp`): the main package is every
// file of the build except those under a subpackage root declared in app.json. WeChat refuses
// to upload a main package over 2 MB; this project keeps it under 600 KB (what every villager
// downloads before the first page shows, on village phone networks), and each subpackage under
// WeChat's 2 MB.
//
//   node config/package-size.mjs [distDir] [--json]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIN_LIMIT = 600 * 1024;
export const SUBPACKAGE_LIMIT = 2 * 1024 * 1024;

function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Subpackage roots of app.json ("subPackages" or the older "subpackages"), without slashes at the ends. */
export function subpackageRoots(appJson) {
  const list = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])];
  return [...new Set(list.map((p) => String(p.root).replace(/^\/+|\/+$/g, '')).filter(Boolean))];
}

/**
 * Sizes in bytes of the main package and of each subpackage of a weapp build folder, with the
 * limits each one breaks. Every file counts toward exactly one package.
 */
export function packageSizes(distDir) {
  const appJson = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8'));
  const roots = subpackageRoots(appJson);
  const sub = Object.fromEntries(roots.map((r) => [r, 0]));
  let main = 0;
  for (const file of filesUnder(distDir)) {
    const rel = relative(distDir, file).split(sep).join('/');
    const bytes = statSync(file).size;
    // The longest matching root wins, should one root be nested in another's folder.
    const root = roots.filter((r) => rel.startsWith(`${r}/`)).sort((a, b) => b.length - a.length)[0];
    if (root) sub[root] += bytes;
    else main += bytes;
  }
  const problems = [];
  if (main > MAIN_LIMIT) problems.push(`主包 ${kb(main)} 超过 ${kb(MAIN_LIMIT)}`);
  for (const [root, bytes] of Object.entries(sub)) {
    if (bytes > SUBPACKAGE_LIMIT) problems.push(`分包 ${root} ${kb(bytes)} 超过 ${kb(SUBPACKAGE_LIMIT)}`);
  }
  return { main, subpackages: sub, problems };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const dist = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'dist', 'weapp'));
  if (!existsSync(join(dist, 'app.json'))) {
    console.error(`no weapp build at ${dist}: run \`taro build --type weapp\` first`);
    process.exit(1);
  }
  const sizes = packageSizes(dist);
  if (args.includes('--json')) console.log(JSON.stringify(sizes));
  else {
    const line = (label, bytes, limit) =>
      `${label.padEnd(32)} ${kb(bytes).padStart(10)}  (limit ${kb(limit)})`;
    console.log(line('main package', sizes.main, MAIN_LIMIT));
    for (const [r, bytes] of Object.entries(sizes.subpackages)) {
      console.log(line(`subpackage ${r}`, bytes, SUBPACKAGE_LIMIT));
    }
  }
  for (const p of sizes.problems) console.error(p);
  process.exit(sizes.problems.length ? 1 : 0);
}
