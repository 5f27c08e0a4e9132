// Test projects: `unit` (domain, contracts, store adapters, handlers through their router,
// local runtime, bundles), `weapp` (compiled mini-program pages in miniprogram-simulate) and
// `browser` (H5 build against the local runtime in Debian's chromium).
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];
const shared = {
  rootDir: root,
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@common/(.*)$': '<rootDir>/cloudfunctions/common/$1',
  },
  testEnvironment: 'node',
};

module.exports = {
  // Handler tests seed a whole demo town through the actions: seconds on a busy 2-core machine.
  // (A global option: jest ignores it inside a project.)
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/', '<rootDir>/test/weapp/'],
      // Fails a handler test file that queries without a declared index.
      setupFilesAfterEnv: ['<rootDir>/test/setup/served-queries.ts'],
    },
    {
      ...shared,
      displayName: 'weapp',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
    },
  ],
};
