import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, it } from 'vitest';

import { defaultLocalConnectorConfig, requiredUsageTypes, usageTypes } from '@/lib/ses';
import { secrets } from '@/lib/test-send/test-support';

import { localDefaults } from '../local/defaults';
import { startInbox, type RunningInbox } from '../local/inbox/server';
import { freePort } from '../testing/free-port';
import { emailsTo, waitForEmail } from '../testing/inbox';
import { uniqueEmail } from '../testing/unique-email';

import { runScript, type Run } from './run-script';

/**
 * `npm run ses:test` run for real: tsx in a child process, sending to aws-ses-v2-local on a
 * free port. Each run takes a second or so, and they share nothing but the inbox (every test
 * has its own recipient), so they run concurrently.
 */


const sender = 'SES CLI Test <ses-cli-test@example.com>';

/** AWS-shaped keys (see test-support); the templates come from email-templates/ first. */
const connector = defaultLocalConnectorConfig({ ...secrets, region: 'eu-west-1', emailAddress: sender });
const connectorJson = JSON.stringify(connector);

let inbox: RunningInbox;

/**
 * The CLI reads `.env*` files of its working directory through @next/env, which never
 * overrides a variable already in the environment, even an empty one. So every variable the
 * CLI reads is given here, and a developer's .env.local cannot change the outcome. The
 * inherited AWS_, LOGTO_ and TEST_SEND_ variables are dropped first.
 */
function cliEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(AWS_|LOGTO_|TEST_SEND_|REDIS_URL$|__NEXT_PROCESSED_ENV$)/.test(key));
  const env: Record<string, string | undefined> = {
    ...Object.fromEntries(inherited),
    AWS_SES_CONFIG: connectorJson,
    // Never real SES: the tests that want another endpoint say so.
    AWS_SES_ENDPOINT: inbox.url,
    AWS_SES_TIMEOUT_MS: '5000',
    LOGTO_ENDPOINT: '',
    ...overrides,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  // As when a developer runs `npm run ses:test` (Vitest's NODE_ENV=test would skip .env.local).
  return { ...env, NODE_ENV: 'development' };
}

function runCli(args: string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<Run> {
  return runScript('ses-test.ts', args, { env: cliEnv(env), cwd });
}

const recipient = (label: string) => uniqueEmail(`cli-${label}`);

beforeAll(async () => {
  // Port 0: a free port, never one of the fixed ports of `npm run dev` or the other suites.
  inbox = await startInbox({ port: 0 });
});

afterAll(async () => {
  await inbox?.close();
});

describe.concurrent('npm run ses:test', { timeout: 40_000 }, () => {
  it('sends the Generic template with 000000 and prints the message id', async ({ expect }) => {
    const to = recipient('generic');
    const run = await runCli(['--to', to]);
    expect(run.status, run.stderr).toBe(0);

    const messageId = /^Sent Generic test to (\S+): message id (\S+), subject "(.*)"$/m.exec(run.stdout);
    expect(messageId, run.stdout).not.toBeNull();
    expect(messageId?.[1]).toBe(to);
    expect(messageId?.[3]).toBe('Your verification code is 000000');
    // No Management API settings here: the tenant's own templates are unknown, so the connector config's.
    expect(run.stdout).toContain("Template: AWS_SES_CONFIG's Generic template (connector config)");

    const [mail, ...others] = await emailsTo(inbox.url, to);
    expect(others).toHaveLength(0);
    expect(mail).toMatchObject({
      messageId: messageId?.[2],
      from: sender,
      destination: { to: [to] },
      subject: 'Your verification code is 000000',
    });
    expect(mail?.body.html).toContain('000000');
  });

  it("--type SignIn --locale zh-CN --templates repository sends email-templates/zh-CN's SignIn template, and says so", async ({ expect }) => {
    const to = recipient('sign-in');
    const run = await runCli(['--to', to, '--type', 'SignIn', '--locale', 'zh-CN', '--templates', 'repository']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Sent SignIn test to ${to}: message id `);
    expect(run.stdout).toContain("Template: the repository's zh-CN/SignIn template (email-templates/)");

    const mail = await waitForEmail(inbox.url, to);
    expect(mail.subject).toBe('您的登录验证码：000000');
    expect(mail.body.html).toContain('登录您的账号');
  });

  const badArguments = [
    { name: 'no --to', args: [], expected: ['--to is required'] },
    { name: 'a list in --to', args: ['--to', '{to}, other@example.com'], expected: ['Invalid --to', 'not a list'] },
    { name: 'an unknown --type', args: ['--to', '{to}', '--type', 'Nope'], expected: ['Invalid --type', ...usageTypes] },
    { name: 'an unknown option', args: ['--to', '{to}', '--bogus'], expected: ["Unknown option '--bogus'", 'Usage: npm run ses:test'] },
  ];

  it.for(badArguments)('exits 2 on $name, saying what is wrong, and sends nothing', async ({ args, expected }, { expect }) => {
    const to = recipient('bad-args');
    const run = await runCli(args.map((arg) => arg.replace('{to}', to)));
    expect(run.status).toBe(2);
    for (const text of expected) expect(run.stderr).toContain(text);
    expect(run.stdout).toBe('');
    expect(await emailsTo(inbox.url, to)).toEqual([]);
  });

  it('exits 1 with ses_unreachable when SES cannot be reached, quoting no secret', async ({ expect }) => {
    const closedPort = await freePort();
    const run = await runCli(['--to', recipient('unreachable')], { AWS_SES_ENDPOINT: `http://127.0.0.1:${closedPort}` });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Failed (ses_unreachable): Amazon SES could not be reached (ECONNREFUSED).');
    expect(run.stderr).toContain('Hint: ');
    expect(run.stdout).not.toContain('Sent ');
    for (const secret of [secrets.accessKeySecret, secrets.accessKeyId]) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  });

  it('exits 1 naming the problem when AWS_SES_CONFIG is not JSON, without echoing it', async ({ expect }) => {
    const to = recipient('bad-json');
    const brokenJson = `{"accessKeyId": "${secrets.accessKeyId}", "accessKeySecret": "${secrets.accessKeySecret}",}`;
    const run = await runCli(['--to', to], { AWS_SES_CONFIG: brokenJson });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Failed (ses_config_invalid)');
    expect(run.stderr).toContain('AWS_SES_CONFIG is not valid JSON');
    expect(`${run.stdout}${run.stderr}`).not.toContain(secrets.accessKeySecret);
    expect(await emailsTo(inbox.url, to)).toEqual([]);
  });

  it('exits 1 naming AWS_SES_ENDPOINT when it is not a URL', async ({ expect }) => {
    const run = await runCli(['--to', recipient('bad-endpoint')], { AWS_SES_ENDPOINT: 'not a url' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('AWS_SES_ENDPOINT must be a URL');
  });

  it('with LOGTO_ENDPOINT set and no AWS_SES_CONFIG, exits 1 with ses_not_configured instead of using the local inbox', async ({ expect }) => {
    const run = await runCli(['--to', recipient('not-configured')], { AWS_SES_CONFIG: '', LOGTO_ENDPOINT: 'https://tenant.logto.app' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Failed (ses_not_configured)');
    expect(run.stdout).not.toContain('local inbox');
  });

  it('with neither AWS_SES_CONFIG nor LOGTO_ENDPOINT, sends with the local connector to AWS_SES_ENDPOINT', async ({ expect }) => {
    const to = recipient('local');
    const run = await runCli(['--to', to], { AWS_SES_CONFIG: '' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`sending to the local inbox at ${inbox.url}, as \`npm run dev\` does.`);
    expect(run.stdout).toContain(`Read it at ${inbox.url}/`);
    const mail = await waitForEmail(inbox.url, to);
    expect(mail).toMatchObject({ from: localDefaults.senderAddress, subject: 'Your verification code is 000000' });
  });

  it('with the local connector and nothing listening, says to start the local inbox', async ({ expect }) => {
    const closedPort = await freePort();
    const run = await runCli(['--to', recipient('local-down')], { AWS_SES_CONFIG: '', AWS_SES_ENDPOINT: `http://127.0.0.1:${closedPort}` });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Failed (ses_unreachable)');
    expect(run.stderr).toContain('The local inbox is not running');
  });

  it('reads .env.local from its working directory, where the environment does not set a variable', async ({ expect }) => {
    const directory = await mkdtemp(path.join(tmpdir(), 'ses-test-cli-'));
    try {
      const dotenvSender = 'Dotenv Sender <dotenv@example.com>';
      // Templates without single quotes, so that the JSON fits in a single-quoted value.
      const templates = requiredUsageTypes.map((usageType) => ({ usageType, subject: 'Dotenv code {{code}}', content: '<p>{{code}}</p>' }));
      const closedPort = await freePort();
      await writeFile(
        path.join(directory, '.env.local'),
        [
          `AWS_SES_CONFIG='${JSON.stringify({ ...connector, emailAddress: dotenvSender, templates })}'`,
          // Loses to the environment's AWS_SES_ENDPOINT: were it used, the send would fail.
          `AWS_SES_ENDPOINT=http://127.0.0.1:${closedPort}`,
          '',
        ].join('\n'),
      );
      const to = recipient('dotenv');
      const run = await runCli(['--to', to], { AWS_SES_CONFIG: undefined, AWS_SES_ENDPOINT: inbox.url }, directory);
      expect(run.status, run.stderr).toBe(0);
      const mail = await waitForEmail(inbox.url, to);
      expect(mail).toMatchObject({ from: dotenvSender, subject: 'Dotenv code 000000' });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
