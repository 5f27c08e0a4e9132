/**
 * Runs every benchmark in this folder (`*.bench.ts`, each with a default async function) one
 * after another and prints their figures. `npm run bench -- disclosure` runs only the benches
 * whose file name contains one of the given words.
 *   npx tsx test/bench/run.ts [name...]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
    .sort();
  if (files.length === 0) {
    console.error(`no benchmark matches ${only.join(', ') || '*.bench.ts'}`);
    return 1;
  }
  let failed = 0;
  for (const file of files) {
    console.log(`\n=== ${file}`);
    const started = Date.now();
    try {
      const mod = (await import(pathToFileURL(join(__dirname, file)).href)) as {
        default?: (() => Promise<void>) | { default?: () => Promise<void> };
      };
      // Loaded as CommonJS by tsx, the default export may sit one level deeper.
      const run = typeof mod.default === 'function' ? mod.default : mod.default?.default;
      if (typeof run !== 'function') throw new Error(`${file} has no default export function`);
      await run();
      console.log(`=== ${file} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      failed++;
      console.error(`=== ${file} FAILED:`, e);
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
