import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { localSesConnectorConfig } from '../local/app-environment';
import { testApp, TestStack } from '../testing/idp-test-stack';

import { runScript, type Run } from './run-script';

/**
 * `npm run logto -- doctor` run for real (tsx in a child process) against the local stand-in on
 * a free port, from an empty directory so that no developer's .env file changes the outcome.
 */

let stack: TestStack;
let emptyDir: string;

beforeAll(async () => {
  [stack, emptyDir] = await Promise.all([TestStack.start(), mkdtemp(path.join(tmpdir(), 'logto-cli-'))]);
});

afterAll(async () => {
  await stack?.stop();
  if (emptyDir) await rm(emptyDir, { recursive: true, force: true });
});

function runCli(args: string[], overrides: Record<string, string> = {}): Promise<Run> {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(AWS_|LOGTO_|LOCAL_|TEST_SEND_|REDIS_URL$|__NEXT_PROCESSED_ENV$)/.test(key));
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    // As when a developer runs it (Vitest's NODE_ENV=test would skip .env.local).
    NODE_ENV: 'development',
    LOGTO_ENDPOINT: stack.idp.url,
    LOGTO_APP_ID: testApp.clientId,
    LOGTO_APP_SECRET: testApp.clientSecret,
    LOGTO_BASE_URL: testApp.baseUrl,
    LOGTO_COOKIE_SECRET: 'cli-test-cookie-secret-0123456789abcdef',
    LOGTO_M2M_APP_ID: testApp.m2mClientId,
    LOGTO_M2M_APP_SECRET: testApp.m2mClientSecret,
    AWS_SES_CONFIG: JSON.stringify(localSesConnectorConfig()),
    AWS_SES_ENDPOINT: stack.inbox.url,
    ...overrides,
  };
  return runScript('logto.ts', args, { env, cwd: emptyDir });
}

// Each run starts tsx, a second or more on a busy machine.
describe('npm run logto', { timeout: 30_000 }, () => {
  it('exits 2 on bad arguments and 0 for --help', async () => {
    const [help, none, unknown, badFlag] = await Promise.all([runCli(['--help']), runCli([]), runCli(['sync']), runCli(['doctor', '--fixx'])]);
    expect(help).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: npm run logto -- doctor [--fix]') });
    expect(none.status).toBe(2);
    expect(unknown).toMatchObject({ status: 2, stderr: expect.stringContaining('Unknown command: sync') });
    expect(badFlag.status).toBe(2);
  });

  it('exits 0 when every check passes and 1 when one fails, printing no secret', async () => {
    const [good, wrongSecret] = await Promise.all([runCli(['doctor']), runCli(['doctor'], { LOGTO_APP_SECRET: 'wrong-app-secret' })]);
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toContain('7 passed, 0 failed, 0 not checked');
    expect(wrongSecret.status).toBe(1);
    expect(wrongSecret.stdout).toMatch(/FAIL {2}App ID and secret: Logto refuses LOGTO_APP_SECRET/);
    for (const secret of ['wrong-app-secret', testApp.clientSecret, testApp.m2mClientSecret, localSesConnectorConfig().accessKeySecret]) {
      expect(good.stdout + good.stderr + wrongSecret.stdout + wrongSecret.stderr).not.toContain(secret);
    }
  });

  it('--fix shows the change, registers the lost callback and checks again', async () => {
    stack.idp.management.update((state) => {
      state.application.redirectUris = [];
    });
    const run = await runCli(['doctor', '--fix']);
    expect(run.stdout).toContain(`Fixing: add redirect URI ${testApp.redirectUri} (the registered URIs are kept).`);
    expect(run.stdout).toContain('Checking again:');
    expect(run.status, run.stdout).toBe(0);
    expect(stack.idp.management.state.application.redirectUris).toEqual([testApp.redirectUri]);
  });
});
