import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The dependency rules refuse what they say they refuse: each probe under test/depcheck-probes
 * breaks one rule and must be reported under that rule; the controls break none.
 */
const root = join(__dirname, '..', '..');
const PROBES = 'test/depcheck-probes';

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

let violations: Violation[] = [];

beforeAll(() => {
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
      '--config',
      'config/dependency-cruiser.cjs',
      '--output-type',
      'json',
      PROBES,
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  violations = report.summary.violations;
}, 120_000);

const refusedFor = (probe: string) =>
  violations.filter((v) => v.from === `${PROBES}/${probe}`).map((v) => `${v.rule.name} → ${v.to}`);

test.each([
  [
    'src/pages/probe/storeFromPage.ts',
    'mini-program-only-contracts-and-helpers',
    'cloudfunctions/disclosure/store.ts',
  ],
  [
    'src/pages/probe/useCaseFromPage.ts',
    'mini-program-only-contracts-and-helpers',
    'cloudfunctions/disclosure/actions.ts',
  ],
  [
    'cloudfunctions/report/embeddedStore.ts',
    'embedded-store-only-local-and-tests',
    'cloudfunctions/common/store/nedb.ts',
  ],
  [
    'cloudfunctions/report/otherStore.ts',
    'context-only-through-public',
    'cloudfunctions/disclosure/store.ts',
  ],
  [
    'cloudfunctions/report/otherDomain.ts',
    'context-only-through-public',
    'cloudfunctions/survey/domain/indicators.ts',
  ],
  ['cloudfunctions/report/domain/withIo.ts', 'domain-not-to-frameworks-or-adapters', 'fs'],
  [
    'cloudfunctions/report/domain/withStore.ts',
    'domain-only-imports-domain-contracts-clock-money',
    'cloudfunctions/report/store.ts',
  ],
])('%s is refused by %s', (probe, rule, to) => {
  expect(refusedFor(probe)).toEqual([`${rule} → ${to}`]);
});

test.each(['src/pages/probe/allowedContracts.ts', 'cloudfunctions/report/allowedPublic.ts'])(
  'the control %s passes every rule',
  (probe) => {
    expect(refusedFor(probe)).toEqual([]);
  },
);

test('every refusal comes from a probe: the rules accept the real tree reached from them', () => {
  expect(violations.filter((v) => !v.from.startsWith(`${PROBES}/`))).toEqual([]);
});
