import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * Who may import whom. Product code imports no test code; the three suites (e2e, reliability,
 * bench) share code only through the toolkit in testing/, never each other's internals; the
 * toolkit sits below the suites, on the stand-ins (local/) and lib/.
 */
const imports = {
  local: { group: ['@/local/*', '**/local/*'], message: 'Product code never imports the local stand-ins.' },
  testing: { group: ['@/testing/*', '**/testing/*'], message: 'Only tests import the test tooling.' },
  e2e: { group: ['@/e2e/*', '**/e2e/*'], message: 'The e2e suite is no library: share through testing/.' },
  reliability: { group: ['@/reliability/*', '**/reliability/*'], message: 'The reliability suite is no library: share through testing/.' },
  bench: { group: ['@/bench/*', '**/bench/*'], message: 'The bench is no library: share through testing/.' },
  testHelpersInLocal: {
    group: ['**/local/**/test-support', '**/local/**/read-inbox'],
    message: 'Test helpers for the stand-ins live in testing/ (http-browser.ts, inbox.ts, idp-test-stack.ts).',
  },
};
const restrictImports = (...groups) => ['error', { patterns: groups }];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.next-build-check/**', '.next-bench/**', '.next-standalone/**', 'bench/floor/.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', '.local/**']),
  {
    // Product code must not depend on the local stand-ins.
    files: ['app/**', 'lib/**', 'components/**', 'proxy.ts'],
    rules: {
      'no-restricted-imports': restrictImports(imports.local, imports.testing, imports.e2e, imports.reliability, imports.bench),
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration from lib/config.' }],
    },
  },
  {
    // Pages link with plain <a> on purpose: next/link would ship client JavaScript on every page
    // for client-side navigation these server-rendered pages do not use (docs/PERFORMANCE.md).
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
  {
    // Playwright fixtures receive a callback named `use`, which is not React's hook.
    files: ['e2e/**', 'playwright.config.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['lib/config/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests beside the code may use the shared test tooling (never the stand-ins, nor a suite).
    files: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'lib/**/test-support.ts', 'components/**/*.test.tsx', 'app/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrictImports(imports.local, imports.e2e, imports.reliability, imports.bench) },
  },
  {
    files: ['e2e/**', 'playwright.config.ts'],
    rules: { 'no-restricted-imports': restrictImports(imports.reliability, imports.bench, imports.testHelpersInLocal) },
  },
  {
    files: ['reliability/**'],
    rules: { 'no-restricted-imports': restrictImports(imports.e2e, imports.bench, imports.testHelpersInLocal) },
  },
  {
    files: ['bench/**'],
    rules: { 'no-restricted-imports': restrictImports(imports.e2e, imports.reliability, imports.testHelpersInLocal) },
  },
  {
    // The toolkit serves the suites, so it depends on none of them.
    files: ['testing/**'],
    rules: { 'no-restricted-imports': restrictImports(imports.e2e, imports.reliability, imports.bench) },
  },
  {
    // The stand-ins run under npm run dev: no test code in them; their own tests may use the toolkit.
    files: ['local/**'],
    ignores: ['local/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrictImports(imports.testing, imports.e2e, imports.reliability, imports.bench) },
  },
  {
    files: ['local/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrictImports(imports.e2e, imports.reliability, imports.bench) },
  },
]);
