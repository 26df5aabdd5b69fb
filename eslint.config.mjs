import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.next-build-check/**', '.next-bench/**', 'bench/floor/.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', '.local/**']),
  {
    // Product code must not depend on the local stand-ins.
    files: ['app/**', 'lib/**', 'components/**', 'proxy.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/local/*', '**/local/*'], message: 'Product code never imports the local stand-ins.' },
            { group: ['@/testing/*', '**/testing/*'], message: 'Product code never imports the test tooling.' },
          ],
        },
      ],
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
    // Tests beside the code may use the shared test tooling (never the stand-ins).
    files: ['lib/**/*.test.ts', 'lib/**/test-support.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/local/*', '**/local/*'], message: 'Product code never imports the local stand-ins.' }] }],
    },
  },
]);
