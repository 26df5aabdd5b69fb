import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultLocalConnectorConfig } from './default-templates';
import { mapSesError } from './errors';
import { sendEmail, sendRenderedEmail, type SesSettings } from './send-email';

// Dummy values: the local SES stand-in accepts any signed request.
const credentials = { accessKeyId: 'AKIALOCALTESTEXAMPLE', accessKeySecret: 'local-test-secret-not-real', region: 'us-east-1' };
const email = { to: 'ada@example.com', subject: 'Your code is 123456', html: '<p>123456</p>' };

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('sendEmail through aws-ses-v2-local', () => {
  let inbox: Server;
  let settings: SesSettings;

  beforeAll(async () => {
    const pkg = await import('aws-ses-v2-local');
    const startInbox = pkg.default ?? pkg;
    inbox = await startInbox({ host: '127.0.0.1', port: 0 });
    const endpoint = `http://127.0.0.1:${(inbox.address() as AddressInfo).port}`;
    settings = {
      connector: defaultLocalConnectorConfig({ ...credentials, emailAddress: 'Logto SES sign-in <no-reply@example.com>' }),
      endpoint,
      timeoutMs: 5_000,
    };
  });

  afterAll(async () => {
    if (inbox) await stop(inbox);
  });

  type StoredEmail = { messageId: string; from: string; destination: { to: string[] }; subject: string; body: { html?: string } };

  async function inboxFor(address: string): Promise<StoredEmail[]> {
    const response = await fetch(`${settings.endpoint}/store`);
    const { emails } = (await response.json()) as { emails: StoredEmail[] };
    return emails.filter((stored) => stored.destination.to.includes(address));
  }

  it('delivers the rendered sign-in email and returns its MessageId', async () => {
    const to = `sign-in-${Date.now()}@example.com`;
    const result = await sendEmail(settings, { to, usageType: 'SignIn', payload: { code: '314159' } });

    expect(result).toEqual({
      messageId: expect.any(String),
      subject: 'Your sign-in code is 314159',
      usageType: 'SignIn',
      templateUsageType: 'SignIn',
      source: { kind: 'connector', usageType: 'SignIn' },
    });
    const [stored, ...others] = await inboxFor(to);
    expect(others).toHaveLength(0);
    expect(stored).toMatchObject({
      messageId: result.messageId,
      from: 'Logto SES sign-in <no-reply@example.com>',
      destination: { to: [to] },
      subject: 'Your sign-in code is 314159',
    });
    expect(stored?.body.html).toContain('314159');
    expect(stored?.body.html).toContain('expires in 10 minutes');
  });

  it('falls back to the Generic template', async () => {
    const to = `generic-${Date.now()}@example.com`;
    const connector = { ...settings.connector, templates: settings.connector.templates.filter((t) => t.usageType !== 'BindMfa') };
    const result = await sendEmail({ ...settings, connector }, { to, usageType: 'BindMfa', payload: { code: '000000' } });
    expect(result).toMatchObject({ usageType: 'BindMfa', templateUsageType: 'Generic', subject: 'Your verification code is 000000' });
    expect((await inboxFor(to))[0]?.subject).toBe('Your verification code is 000000');
  });

  it('sends an already rendered email', async () => {
    const to = `rendered-${Date.now()}@example.com`;
    const { messageId } = await sendRenderedEmail(settings, { ...email, to });
    expect((await inboxFor(to))[0]).toMatchObject({ messageId, subject: email.subject, body: { html: email.html } });
  });
});

describe('sendEmail when SES does not answer', () => {
  let silent: Server;
  let endpoint: string;

  beforeAll(async () => {
    silent = createServer(() => {
      // Never answers: stands in for a network path that swallows the request.
    });
    endpoint = await listen(silent);
  });

  afterAll(async () => {
    await stop(silent);
  });

  it('gives up after timeoutMs and maps to 504', async () => {
    const settings: SesSettings = { connector: defaultLocalConnectorConfig(credentials), endpoint, timeoutMs: 300 };
    const started = Date.now();
    const error = await sendEmail(settings, { to: 'late@example.com', usageType: 'SignIn', payload: { code: '1' } }).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeDefined();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(mapSesError(error)).toMatchObject({ status: 504, code: 'ses_timeout' });
  });

  it('maps a refused connection to 504 ses_unreachable', async () => {
    const closed = createServer();
    const closedEndpoint = await listen(closed);
    await stop(closed);
    const settings: SesSettings = { connector: defaultLocalConnectorConfig(credentials), endpoint: closedEndpoint, timeoutMs: 2_000 };
    const error = await sendRenderedEmail(settings, email).catch((rejection: unknown) => rejection);
    expect(mapSesError(error)).toMatchObject({ status: 504, code: 'ses_unreachable' });
  });
});
