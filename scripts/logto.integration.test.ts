import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { localSesConnectorConfig } from '../local/app-environment';
import { testApp, TestStack } from '../testing/idp-test-stack';
import { emailsTo } from '../testing/inbox';

import { runScript, type Run } from './run-script';

/**
 * `npm run logto -- doctor`, `sync` and `pull` run for real (tsx in a child process) against the
 * local stand-in on a free port, from a directory holding only a copy of email-templates/, so that
 * no developer's .env file changes the outcome and the templates can be edited.
 */

let stack: TestStack;
let emptyDir: string;

beforeAll(async () => {
  [stack, emptyDir] = await Promise.all([TestStack.start(), mkdtemp(path.join(tmpdir(), 'logto-cli-'))]);
  await cp(path.join(import.meta.dirname, '..', 'email-templates'), path.join(emptyDir, 'email-templates'), { recursive: true });
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
    const [help, none, unknown, badFlag] = await Promise.all([runCli(['--help']), runCli([]), runCli(['push']), runCli(['doctor', '--fixx'])]);
    expect(help).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: npm run logto -- doctor [--fix]') });
    expect(none.status).toBe(2);
    expect(unknown).toMatchObject({ status: 2, stderr: expect.stringContaining('Unknown command: push') });
    expect(badFlag.status).toBe(2);
  });

  it('exits 0 when every check passes and 1 when one fails, printing no secret', async () => {
    const [good, wrongSecret] = await Promise.all([runCli(['doctor']), runCli(['doctor'], { LOGTO_APP_SECRET: 'wrong-app-secret' })]);
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toContain('8 passed, 0 failed, 0 not checked');
    expect(wrongSecret.status).toBe(1);
    expect(wrongSecret.stdout).toMatch(/FAIL {2}App ID and secret: Logto refuses the ID and secret of app test-app: LOGTO_APP_SECRET is not one of its secrets/);
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

  it('with LOGTO_ACCOUNT_FEATURES=on, --fix shows the account-center PATCH, keeps the other fields and checks again', async () => {
    stack.idp.management.update((state) => {
      state.accountCenter = { ...state.accountCenter, enabled: false, fields: { name: 'Edit', email: 'ReadOnly' } };
    });
    const failing = await runCli(['doctor'], { LOGTO_ACCOUNT_FEATURES: 'on' });
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/FAIL {2}Account center: \/account needs: enable the account center, email: ReadOnly -> Edit, session: Off -> Edit \(kept as they are: name\)/);
    const run = await runCli(['doctor', '--fix'], { LOGTO_ACCOUNT_FEATURES: 'on' });
    expect(run.stdout).toContain('PATCH /api/account-center {"enabled":true,"fields":{"name":"Edit","email":"Edit","session":"Edit"}}');
    expect(run.stdout).toContain('Checking again:');
    expect(run.status, run.stdout).toBe(0);
    expect(stack.idp.management.state.accountCenter).toMatchObject({ enabled: true, fields: { name: 'Edit', email: 'Edit', session: 'Edit' } });
  });

  it('sync --dry-run shows every template to add and changes nothing; sync applies it; then no difference', async () => {
    expect(stack.idp.management.state.emailTemplates).toEqual([]);
    const dry = await runCli(['sync', '--dry-run']);
    expect(dry.status, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toContain('template zh-CN/SignIn: add');
    expect(dry.stdout.match(/: add$/gm)).toHaveLength(18);
    expect(dry.stdout).toContain('Dry run: 18 changes to apply.');
    expect(stack.idp.management.state.emailTemplates).toEqual([]);

    const applied = await runCli(['sync']);
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toContain('done: Wrote 18 email templates.');
    expect(stack.idp.management.state.emailTemplates).toHaveLength(18);

    const again = await runCli(['sync', '--dry-run']);
    expect(again.stdout).toContain('No difference between the tenant and the repository.');
  });

  it('sync shows and applies exactly a changed template, a changed connector field and a removed template', async () => {
    const file = path.join(emptyDir, 'email-templates', 'zh-CN', 'SignIn.json');
    const template = JSON.parse(await readFile(file, 'utf8')) as { subject: string; content: string };
    await writeFile(file, JSON.stringify({ ...template, subject: '新的登录验证码：{{code}}' }));
    stack.idp.management.update((state) => {
      state.emailTemplates.push({ id: 'frsignin0000000000000', languageTag: 'fr', templateType: 'SignIn', details: { subject: 'Code {{code}}', content: '<p>{{code}}</p>' }, createdAt: 0 });
      const config = state.connectors[0]?.config as { region: string; accessKeySecret: string };
      config.region = 'ap-south-1';
      config.accessKeySecret = 'tenant-only-secret';
    });
    const run = await runCli(['sync']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const changes = run.stdout.split('\n').filter((line) => /^ {2}(connector:|template) /.test(line)).map((line) => line.trim());
    expect(changes).toEqual([
      'connector: accessKeySecret differs',
      `connector: region: the tenant has "ap-south-1", AWS_SES_CONFIG "${localSesConnectorConfig().region}"`,
      'template zh-CN/SignIn: change the subject',
      'template fr/SignIn: remove (not in email-templates/)',
    ]);
    expect(run.stdout + run.stderr).not.toContain('tenant-only-secret');
    const { connectors, emailTemplates } = stack.idp.management.state;
    expect(connectors[0]?.config).toEqual(localSesConnectorConfig());
    expect(emailTemplates.find((row) => row.languageTag === 'zh-CN' && row.templateType === 'SignIn')?.details.subject).toBe('新的登录验证码：{{code}}');
    expect(emailTemplates.some((row) => row.languageTag === 'fr')).toBe(false);
    await writeFile(file, JSON.stringify(template, null, 2));
  });

  it('sync refuses to replace another kind of email connector without --replace', async () => {
    const original = stack.idp.management.state.connectors;
    stack.idp.management.update((state) => {
      state.connectors = [{ id: 'smtp00000000', connectorId: 'simple-mail-transfer-protocol', config: { host: '127.0.0.1' } }];
    });
    const refused = await runCli(['sync']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('connector: replace the simple-mail-transfer-protocol email connector with AWS SES');
    expect(refused.stderr).toContain('Nothing was changed; to replace it, sync with --replace');
    expect(stack.idp.management.state.connectors[0]?.connectorId).toBe('simple-mail-transfer-protocol');

    const replaced = await runCli(['sync', '--replace']);
    expect(replaced.status, replaced.stdout + replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain('Replaced the simple-mail-transfer-protocol connector with AWS SES.');
    expect(stack.idp.management.state.connectors.map((connector) => connector.connectorId)).toEqual(['aws-ses-mail']);
    expect(original[0]?.connectorId).toBe('aws-ses-mail');
  });

  it('sync --test-to has Logto send its own test mail, with the tenant\'s en Generic template', async () => {
    const to = `sync-test-${Date.now()}@example.com`;
    const [bad, run] = await Promise.all([runCli(['sync', '--test-to', 'not an address']), runCli(['sync', '--test-to', to])]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--test-to: "to" must not contain spaces.');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Logto sent its test mail (Generic template, code 000000) to ${to}.`);
    expect((await emailsTo(stack.inbox.url, to)).map((mail) => mail.subject)).toEqual(['Your verification code is 000000']);
  });

  it('pull prints the connector config as AWS_SES_CONFIG JSON, the secrets only with --include-secrets', async () => {
    const [masked, full, misplaced] = await Promise.all([runCli(['pull']), runCli(['pull', '--include-secrets']), runCli(['pull', '--dry-run'])]);
    expect(masked.status, masked.stderr).toBe(0);
    const { accessKeyId, accessKeySecret, ...rest } = localSesConnectorConfig();
    expect(JSON.parse(masked.stdout)).toEqual({ ...rest, accessKeyId: expect.stringContaining('hidden'), accessKeySecret: expect.stringContaining('hidden') });
    expect(masked.stdout + masked.stderr).not.toContain(accessKeySecret);
    expect(JSON.parse(full.stdout)).toEqual({ ...rest, accessKeyId, accessKeySecret });
    expect(misplaced).toMatchObject({ status: 2, stderr: expect.stringContaining('--dry-run does not go with pull') });
  });
});
