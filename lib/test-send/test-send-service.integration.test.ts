import type { ServerResponse } from 'node:http';

import { afterAll, describe, expect, it, vi } from 'vitest';

import type { SesSettings } from '@/lib/ses';

import { repositoryPreview, templateCandidates } from './template-source';
import { deliverTestEmail } from './test-send-service';
import { connectorConfig, secrets, sesError, startScriptedSes, localSesForTests } from './test-support';

const configured = (endpoint: string, timeoutMs = 5_000): SesSettings => ({ connector: connectorConfig, endpoint, timeoutMs });
const connectorOnly = { languages: { localized: [], fallbackLanguage: 'en', tagMatch: 'exact' as const }, localizedFrom: 'tenant' as const };

/** Nothing the caller sees or the server logs may contain the key ID or the secret. */
function expectNoSecrets(value: unknown) {
  const text = JSON.stringify(value);
  expect(text).not.toContain(secrets.accessKeyId);
  expect(text).not.toContain(secrets.accessKeySecret);
}

describe('deliverTestEmail through aws-ses-v2-local', () => {
  const ses = localSesForTests();

  it('sends the Generic template with the code 000000 by default, and names it', async () => {
    const to = `generic-${Date.now()}@example.com`;
    const result = await deliverTestEmail(configured(ses.endpoint), { to, usageType: 'Generic', templates: 'tenant' }, connectorOnly);
    expect(result).toEqual({
      ok: true,
      messageId: expect.any(String),
      to,
      usageType: 'Generic',
      subject: 'Your verification code is 000000',
      template: { source: 'connector config', language: null, usageType: 'Generic' },
    });
    if (!result.ok) throw new Error('expected the test email to be sent');

    // What SES stores of a send is send-email's to test; here: this send, with the test code.
    const mails = await ses.emailsTo(to);
    expect(mails.map(({ messageId, subject }) => ({ messageId, subject }))).toEqual([{ messageId: result.messageId, subject: result.subject }]);
    expect(mails[0]?.body.html).toContain('000000');
  });

  it("previews the repository's templates when asked: the locale's, then en's, before the connector's", async () => {
    const to = `order-${Date.now()}@example.com`;
    const candidates = await templateCandidates({ logto: { endpoint: '', timeoutMs: 0 } }, { locale: 'zh-CN', templates: 'repository' });
    if (!candidates.ok) throw new Error('expected the repository templates');
    const zh = await deliverTestEmail(configured(ses.endpoint), { to, usageType: 'SignIn', locale: 'zh-CN', templates: 'repository' }, candidates.candidates);
    expect(zh).toMatchObject({ ok: true, subject: '您的登录验证码：000000', template: { source: 'repository', language: 'zh-CN', usageType: 'SignIn' }, note: repositoryPreview });
    const [mail] = await ses.emailsTo(to);
    expect(mail?.body.html).toContain('<html lang="zh-CN">');

    // The connector's own SignIn template is never reached: email-templates/en has one.
    const templates = connectorConfig.templates.map((template) => (template.usageType === 'SignIn' ? { ...template, subject: 'connector {{code}}' } : template));
    const settings: SesSettings = { connector: { ...connectorConfig, templates }, endpoint: ses.endpoint, timeoutMs: 5_000 };
    const pt = await templateCandidates({ logto: { endpoint: '', timeoutMs: 0 } }, { locale: 'pt-BR', templates: 'repository' });
    if (!pt.ok) throw new Error('expected the repository templates');
    expect(await deliverTestEmail(settings, { to, usageType: 'SignIn', locale: 'pt-BR', templates: 'repository' }, pt.candidates)).toMatchObject({
      ok: true,
      subject: 'Your sign-in code is 000000',
      template: { source: 'repository', language: 'en', usageType: 'SignIn' },
    });
  });
});

describe('deliverTestEmail maps SES failures, never leaking a secret', () => {
  const servers: { close: () => Promise<void> }[] = [];

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  async function sendWith(reply: (response: ServerResponse) => void, timeoutMs = 5_000) {
    const server = await startScriptedSes(reply);
    servers.push(server);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const result = await deliverTestEmail(configured(server.endpoint, timeoutMs), { to: 'ada@example.com', usageType: 'SignIn', templates: 'tenant' }, connectorOnly);
      expectNoSecrets(result);
      expect(warn).toHaveBeenCalledOnce();
      expectNoSecrets(warn.mock.calls);
      return result;
    } finally {
      warn.mockRestore();
    }
  }

  it('MessageRejected: 502 with the SES text and a sandbox hint', async () => {
    const result = await sendWith((response) =>
      sesError(response, 400, 'MessageRejected', `Email address is not verified. Key ${secrets.accessKeyId}, secret ${secrets.accessKeySecret}`),
    );
    expect(result).toMatchObject({ ok: false, status: 502, code: 'ses_message_rejected', awsErrorName: 'MessageRejected' });
    if (result.ok) throw new Error('expected a failure');
    expect(result.message).toContain('Email address is not verified');
    expect(result.hint).toContain('sandbox');
  });

  it('bad credentials: 502 "AWS rejected the credentials"', async () => {
    const result = await sendWith((response) =>
      sesError(response, 403, 'UnrecognizedClientException', `The security token included in the request is invalid: ${secrets.accessKeyId}`),
    );
    expect(result).toMatchObject({
      ok: false,
      status: 502,
      code: 'ses_credentials_rejected',
      message: 'AWS rejected the credentials (UnrecognizedClientException: The security token included in the request is invalid: [redacted]).',
      awsErrorName: 'UnrecognizedClientException',
    });
  });

  it('throttling: 503 with a retry time', async () => {
    const result = await sendWith((response) => sesError(response, 429, 'TooManyRequestsException', 'Maximum sending rate exceeded.'));
    expect(result).toMatchObject({ ok: false, status: 503, code: 'ses_throttled', retryAfterSeconds: 60 });
  });

  it('no answer: 504 after the timeout instead of hanging', async () => {
    const started = Date.now();
    const result = await sendWith(() => {
      // Never answers.
    }, 300);
    expect(result).toMatchObject({ ok: false, status: 504, code: 'ses_timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('unreachable endpoint: 504', async () => {
    const server = await startScriptedSes(() => {});
    await server.close();
    const result = await deliverTestEmail(configured(server.endpoint), { to: 'ada@example.com', usageType: 'SignIn', templates: 'tenant' }, connectorOnly);
    expect(result).toMatchObject({ ok: false, status: 504, code: 'ses_unreachable' });
  });
});
