#!/usr/bin/env node
// The whole test command: static checks, builds, and every test project, in the order a
// failure is cheapest to find. Ends with one line "N passed, N failed" for the whole run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

/** A check that is one pass or one failure (type check, lint, a build). */
function check(name, cmd, args, env) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  if (run(cmd, args, env)) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

/** A jest project: every test counts. */
function jest(project) {
  if (only.length && !only.includes(project)) return;
  const dir = mkdtempSync(join(tmpdir(), 'jest-'));
  const out = join(dir, 'result.json');
  console.log(`\n▶ ${project} tests`);
  const ok = run('npx', [
    'jest',
    '-c',
    'config/jest.config.js',
    '--selectProjects',
    project,
    '--json',
    `--outputFile=${out}`,
    ...(project === 'unit' ? [] : ['--runInBand']),
  ]);
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    if (r.numFailedTests > 0 || !ok) failures.push(`${project} tests`);
    // A suite that failed to run (syntax error, missing build) has no test results: count it.
    const broken = r.testResults.filter(
      (t) => t.status === 'failed' && t.assertionResults.length === 0,
    ).length;
    failed += broken;
    if (r.numTotalTests === 0) {
      failed++;
      failures.push(`${project}: no tests ran`);
    }
  } catch {
    failed++;
    failures.push(`${project} tests (no result)`);
  }
  rmSync(dir, { recursive: true, force: true });
}

check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
// Per runtime: the mini-program without Node (no Buffer), the cloud functions without the DOM (no window).
check('typecheck-mini-program', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.mini.json']);
check('typecheck-functions', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.functions.json']);
check('lint', 'npm', ['run', '--silent', 'lint']);
check('depcheck', 'npm', ['run', '--silent', 'depcheck']);
jest('unit');
check('build-functions', 'node', ['config/build-functions.mjs']);
check('build-weapp', 'npx', ['taro', 'build', '--type', 'weapp']);
check('package-size', 'node', ['config/package-size.mjs']);
jest('weapp');
check('build-h5', 'npx', ['taro', 'build', '--type', 'h5']);
jest('browser');

if (failures.length) console.log(`\nfailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
