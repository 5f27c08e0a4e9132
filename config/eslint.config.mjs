// ESLint (flat config): typescript-eslint's recommended rules, with type information only for
// no-floating-promises on production code, and React hooks rules for the mini-program. Formatting is
// Prettier's job (settings in package.json), so no stylistic rules here.
//   npx eslint -c config/eslint.config.mjs .
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', '.local-data/', 'coverage/', 'test-results/', '.swc/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter or binding kept on purpose (an interface's shape, a destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Type-aware, for the one rule that needs types: a promise nobody awaits or handles loses its
    // error (a write that failed looks done). Production code only, to keep lint time reasonable.
    files: ['src/**/*.{ts,tsx}', 'cloudfunctions/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: fileURLToPath(new URL('..', import.meta.url)) },
    },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Build scripts, tool configs and test runners run in Node.
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs', 'config/jest.config.js', 'babel.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    // CommonJS files load their dependencies with require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
]);
