// Dependency rules: the domain stays pure (no Taro, no SDK, no adapters, no I/O), the two sides
// (mini-program in src/, cloud functions in cloudfunctions/) share only contracts and pure
// helpers, and only the production entry touches wx-server-sdk.
//   npx depcruise --config config/dependency-cruiser.cjs src cloudfunctions

/**
 * Every path rule also matches the same path under test/depcheck-probes/: the probes there are
 * files that break one rule each, and test/unit/depcheck-probes.test.ts proves each is refused.
 * The normal run (`npm run depcheck`: src and cloudfunctions) never reaches them.
 */
const P = '^(?:test/depcheck-probes/)?';
const DOMAIN = `${P}cloudfunctions/[^/]+/domain/`;
/** What a domain module may import besides other domain modules. */
const DOMAIN_MAY_IMPORT = [
  '^cloudfunctions/common/contracts/',
  '^cloudfunctions/common/(clock|money|format|periods)\\.ts$',
];
/** Core modules that do I/O: a domain function gets its data passed in. */
const IO_CORE = '^(node:)?(fs|fs/promises|http|https|http2|net|dgram|child_process|cluster|worker_threads)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle ties modules into one unit that cannot be understood, tested or bundled apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import must resolve, including the tsconfig paths @common/* and @/*.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'domain-not-to-frameworks-or-adapters',
      severity: 'error',
      comment: 'Domain code is plain functions: no Taro, no React, no WeChat SDK, no store adapters, no I/O.',
      from: { path: DOMAIN },
      to: {
        path: [
          '^@tarojs/',
          'node_modules/@tarojs/',
          '(^|node_modules/)wx-server-sdk',
          '(^|node_modules/)(react|react-dom)(/|$)',
          '(^|node_modules/)@seald-io/nedb',
          '^cloudfunctions/common/store/(nedb|wx)\\.ts$',
          IO_CORE,
        ],
      },
    },
    {
      name: 'domain-only-imports-domain-contracts-clock-money',
      severity: 'error',
      comment:
        'Inside the project, a domain module imports only domain modules, the shared contracts, clock.ts, money.ts, periods.ts and format.ts ' +
        '(no use cases, routers, stores or identity helpers).',
      from: { path: DOMAIN },
      to: {
        dependencyTypesNot: [
          'core',
          'npm',
          'npm-dev',
          'npm-optional',
          'npm-peer',
          'npm-bundled',
          'npm-no-pkg',
        ],
        pathNot: [DOMAIN, ...DOMAIN_MAY_IMPORT, 'node_modules/'],
      },
    },
    {
      name: 'context-only-through-public',
      severity: 'error',
      comment:
        "A context reaches another only through that context's public.ts (functions, never collections). " +
        'The local runtime and its demo seed host every context and are exempt. One named exception: the ' +
        "record context keeps the chain head in disclosure's home read model through disclosure/homeFeed.ts " +
        "(functions only), because disclosure's public.ts reaches record through publishing.",
      from: { path: `${P}cloudfunctions/([^/]+)/`, pathNot: `${P}cloudfunctions/(?:local|common)/` },
      to: {
        path: '^cloudfunctions/[^/]+/',
        pathNot: [
          '^cloudfunctions/$1/',
          '^cloudfunctions/common/',
          '^cloudfunctions/[^/]+/public\\.ts$',
          '^cloudfunctions/disclosure/homeFeed\\.ts$',
        ],
      },
    },
    {
      name: 'common-not-to-contexts',
      severity: 'error',
      comment: 'common/ is shared by every context and by src/: it never imports a context.',
      from: { path: `${P}cloudfunctions/common/` },
      to: { path: '^cloudfunctions/(?!common/)[^/]+/' },
    },
    {
      name: 'embedded-store-only-local-and-tests',
      severity: 'error',
      comment:
        'The embedded (NeDB) adapter is for the local runtime and tests: a use case gets its store from the host.',
      from: {
        path: `${P}(?:cloudfunctions|src)/`,
        pathNot: [`${P}cloudfunctions/local/`, '^cloudfunctions/common/store/(nedb|memory)\\.ts$'],
      },
      to: { path: ['^cloudfunctions/common/store/(nedb|memory)\\.ts$', '(^|node_modules/)@seald-io/nedb'] },
    },
    {
      name: 'mini-program-only-contracts-and-helpers',
      severity: 'error',
      comment:
        'Pages and features import the contracts and the pure common helpers (clock, money, totals, periods, ' +
        "format, errors, the door code's scene, the record chain), never a context's code.",
      from: { path: `${P}src/` },
      to: {
        path: '^cloudfunctions/',
        pathNot: [
          '^cloudfunctions/common/contracts/',
          '^cloudfunctions/common/(clock|money|totals|periods|format|errors|door)\\.ts$',
          '^cloudfunctions/common/chain/',
        ],
      },
    },
    {
      name: 'functions-not-to-mini-program',
      severity: 'error',
      comment: 'Cloud functions run in Node on the server: they never import the mini-program or Taro.',
      from: { path: `${P}cloudfunctions/` },
      to: { path: ['^src/', '^@tarojs/', 'node_modules/@tarojs/'] },
    },
    {
      name: 'mini-program-not-to-server',
      severity: 'error',
      comment:
        'The mini-program talks to the server only through services/api.ts: it shares contracts and pure helpers, ' +
        'never the SDK, the stores, the local runtime or Node built-ins.',
      from: { path: `${P}src/` },
      to: {
        path: [
          '(^|node_modules/)wx-server-sdk',
          '(^|node_modules/)@seald-io/nedb',
          '^cloudfunctions/common/store/',
          '^cloudfunctions/local/',
        ],
      },
    },
    {
      name: 'mini-program-not-to-node-builtins',
      severity: 'error',
      comment: 'Node built-ins do not exist in the mini-program.',
      from: { path: `${P}src/` },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'sdk-only-in-wx-entry',
      severity: 'error',
      comment:
        'wx-server-sdk is initialised in one place, lazily: anywhere else it would start in tests and kill Node.',
      from: { pathNot: '^cloudfunctions/common/wx-entry\\.ts$' },
      to: { path: '(^|node_modules/)wx-server-sdk' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a domain that names an adapter's type is already tied to it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
