import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects, told apart by file name. `unit`: every `*.test.ts(x)`, which must open no socket
 * and start no process, so it passes offline and without redis-server. `integration`:
 * `*.integration.test.ts`, which talk to real servers (the inbox, Redis, the IdP) and run
 * child processes.
 */
const folders = ['app', 'components', 'lib', 'local', 'reliability', 'bench', 'scripts', 'testing'];
const integrationTests = folders.map((folder) => `${folder}/**/*.integration.test.ts`);
const exclude = [...configDefaults.exclude, 'bench/floor/**'];

export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./', import.meta.url)) },
  },
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: folders.map((folder) => `${folder}/**/*.test.{ts,tsx}`), exclude: [...exclude, ...integrationTests] },
      },
      {
        extends: true,
        test: { name: 'integration', include: integrationTests, exclude },
      },
    ],
  },
});
