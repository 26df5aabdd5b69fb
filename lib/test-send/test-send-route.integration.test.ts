import type { ServerResponse } from 'node:http';

import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import type { Session } from '@/lib/auth/session';
import { usageTypes } from '@/lib/ses';

import { handleTestSendRequest, maxBodyBytes, otherMethodResponse } from './test-send-route';
import { createTestSendLimiter } from './rate-limits';
import type { FieldProblem } from '@/lib/failure/failure';

import { tenantTemplatesUnknown } from './template-source';
import type { TestSendSuccess } from './test-send-service';
import { appOrigin, openToSignedInEnv, secrets, sesError, signedIn, localSesForTests, startScriptedSes, testConfig } from './test-support';

const ses = localSesForTests();

afterEach(() => {
  vi.restoreAllMocks();
});

let counter = 0;
const uniqueAddress = (label: string) => `${label}-${Date.now()}-${(counter += 1)}@example.com`;

type Call = {
  env?: Record<string, string | undefined>;
  session?: Session;
  body?: BodyInit | null;
  headers?: Record<string, string>;
  method?: string;
};

/** Calls the handler as the route does, with a fresh limiter so that tests do not share counts. */
async function call({ env = {}, session = signedIn('dev@example.com'), body = null, headers = {}, method = 'POST' }: Call = {}) {
  const config = testConfig({ ...openToSignedInEnv, AWS_SES_ENDPOINT: ses.endpoint, ...env });
  const getSession = vi.fn(async () => session);
  const request = new Request(`${appOrigin}/api/ses/test-send`, {
    method,
    headers: { 'content-type': 'application/json', origin: appOrigin, ...headers },
    body,
    // Needed by Node's Request for a streamed body.
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const response = await handleTestSendRequest(request, { config, getSession, limiter: createTestSendLimiter(config.testSend) });
  const text = await response.text();
  return { response, getSession, text, json: text ? (JSON.parse(text) as ResponseBody) : undefined };
}

/** What the route answers: the sent mail, or `{ error }`. */
type ResponseBody = Partial<Omit<TestSendSuccess, 'ok'>> & {
  error?: { code: string; message: string; hint?: string; field?: string; fields?: FieldProblem[]; awsErrorName?: string; retryAfterSeconds?: number };
};

const sendTo = (to: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ to, ...extra });

describe('POST /api/ses/test-send: sending', () => {
  it('sends the Generic template with 000000 and answers 200 with the message id', async () => {
    const to = uniqueAddress('ok');
    const { response, json } = await call({ body: sendTo(to) });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // No Management API settings here: AWS_SES_CONFIG's template, named, and why.
    expect(json).toEqual({
      messageId: expect.any(String),
      to,
      usageType: 'Generic',
      subject: 'Your verification code is 000000',
      template: { source: 'connector config', language: null, usageType: 'Generic' },
      note: tenantTemplatesUnknown,
    });

    const mails = await ses.emailsTo(to);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      messageId: json?.messageId,
      from: 'Logto SES sign-in <no-reply@example.com>',
      destination: { to: [to] },
      subject: 'Your verification code is 000000',
    });
    expect(mails[0]?.body.html).toContain('000000');
  });

  it('sends HSTS when the base URL is https, and not over plain http', async () => {
    const https = await call({ body: sendTo(uniqueAddress('hsts')) });
    expect(https.response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    const refused = await call({ session: { state: 'signed-out' } });
    expect(refused.response.status).toBe(401);
    expect(refused.response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');

    const http = await call({ env: { LOGTO_BASE_URL: 'http://localhost:3000' }, headers: { origin: 'http://localhost:3000' }, body: sendTo(uniqueAddress('no-hsts')) });
    expect(http.response.status).toBe(200);
    expect(http.response.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends the template of the given usage type', async () => {
    const to = uniqueAddress('sign-in');
    const { response, json } = await call({ body: sendTo(to, { usageType: 'SignIn', locale: 'en' }) });
    expect(response.status).toBe(200);
    expect(json).toMatchObject({ usageType: 'SignIn', subject: 'Your sign-in code is 000000' });
    expect((await ses.emailsTo(to))[0]?.subject).toBe('Your sign-in code is 000000');
  });

  it('accepts a charset parameter on the content type', async () => {
    const { response } = await call({ body: sendTo(uniqueAddress('charset')), headers: { 'content-type': 'application/json; charset=UTF-8' } });
    expect(response.status).toBe(200);
  });

  it('answers other methods with 405 and Allow, and OPTIONS with 204 and Allow', async () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const { response, json } = await call({ method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('OPTIONS, POST');
      expect(json).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
    const options = otherMethodResponse(new Request(`${appOrigin}/api/ses/test-send`, { method: 'OPTIONS' }));
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('OPTIONS, POST');
  });
});

describe('POST /api/ses/test-send: who may call it', () => {
  it.each([
    ['signed out', { state: 'signed-out' } as const, 'not_signed_in'],
    ['with an expired session', { state: 'expired' } as const, 'session_expired'],
  ])('401 when %s', async (_label, session, code) => {
    const to = uniqueAddress('anonymous');
    const { response, json } = await call({ session, body: sendTo(to) });
    expect(response.status).toBe(401);
    expect(json).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(await ses.emailsTo(to)).toHaveLength(0);
  });

  it('403 for an address not in TEST_SEND_ALLOWED_EMAILS', async () => {
    const { response, json } = await call({ env: { TEST_SEND_ALLOWED_EMAILS: 'admin@example.com' }, session: signedIn('eve@example.com'), body: sendTo(uniqueAddress('x')) });
    expect(response.status).toBe(403);
    expect(json).toMatchObject({ error: { code: 'not_allowed' } });
  });

  it('200 for an address in TEST_SEND_ALLOWED_EMAILS, in production', async () => {
    const env = { TEST_SEND_OPEN_TO_SIGNED_IN: undefined, NODE_ENV: 'production', TEST_SEND_ALLOWED_EMAILS: 'ops@example.com,admin@example.com' };
    const { response } = await call({ env, session: signedIn('Admin@Example.com'), body: sendTo(uniqueAddress('allowed')) });
    expect(response.status).toBe(200);
  });

  it('403 in production without TEST_SEND_ALLOWED_EMAILS, saying how to enable it', async () => {
    const { response, json } = await call({ env: { TEST_SEND_OPEN_TO_SIGNED_IN: undefined }, body: sendTo(uniqueAddress('x')) });
    expect(response.status).toBe(403);
    expect(json).toMatchObject({ error: { code: 'test_send_disabled', hint: expect.stringContaining('TEST_SEND_ALLOWED_EMAILS') } });
  });

  it('403 for another Origin, before the session is even read', async () => {
    const to = uniqueAddress('csrf');
    const { response, json, getSession } = await call({ headers: { origin: 'https://evil.example' }, body: sendTo(to) });
    expect(response.status).toBe(403);
    expect(json).toMatchObject({ error: { code: 'cross_origin' } });
    expect(getSession).not.toHaveBeenCalled();
    expect(await ses.emailsTo(to)).toHaveLength(0);
  });

  it('403 for a cross-site browser request without Origin', async () => {
    const request = new Request(`${appOrigin}/api/ses/test-send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: sendTo(uniqueAddress('x')),
    });
    const config = testConfig({ ...openToSignedInEnv, AWS_SES_ENDPOINT: ses.endpoint });
    const response = await handleTestSendRequest(request, { config, getSession: async () => signedIn('dev@example.com') });
    expect(response.status).toBe(403);
  });
});

describe('POST /api/ses/test-send: bad input is refused and nothing is sent', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['JSON in another charset', 'application/json; charset=iso-8859-1'],
    ['a lookalike type', 'application/jsonp'],
  ])('415 for %s', async (_label, contentType) => {
    const { response, json } = await call({ headers: { 'content-type': contentType }, body: sendTo(uniqueAddress('x')) });
    expect(response.status).toBe(415);
    expect(json).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('415 without a content type', async () => {
    const request = new Request(`${appOrigin}/api/ses/test-send`, { method: 'POST', body: new Blob([sendTo('a@example.com')]) });
    const config = testConfig(openToSignedInEnv);
    expect((await handleTestSendRequest(request, { config, getSession: async () => signedIn('dev@example.com') })).status).toBe(415);
  });

  it('413 when Content-Length says over 4 KB', async () => {
    const { response, json, getSession } = await call({ headers: { 'content-length': String(maxBodyBytes + 1) }, body: 'x'.repeat(maxBodyBytes + 1) });
    expect(response.status).toBe(413);
    expect(json).toMatchObject({ error: { code: 'body_too_large' } });
    expect(getSession).not.toHaveBeenCalled();
  });

  it('413 for a streamed body over 4 KB, reading no more than it must', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new TextEncoder().encode(' '.repeat(1024)));
      },
    });
    const { response } = await call({ body: endless });
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(maxBodyBytes + 2 * 1024);
  });

  it('accepts a body of exactly 4 KB', async () => {
    const body = sendTo(uniqueAddress('padded'));
    const { response } = await call({ body: body.padEnd(maxBodyBytes, ' ') });
    expect(response.status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"to": "a@example.com",}', 'invalid_json', undefined],
    ['an empty body', '', 'invalid_json', undefined],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'invalid_json', undefined],
    ['a JSON array', '["a@example.com"]', 'invalid_body', undefined],
    ['an unknown field', sendTo('a@example.com', { bcc: 'eve@example.com' }), 'unknown_field', 'bcc'],
    ['a display name', sendTo('Ada <ada@example.com>'), 'invalid_email', 'to'],
    ['a list of addresses', sendTo('ada@example.com, bob@example.com'), 'invalid_email', 'to'],
    ['a CRLF injection', sendTo('ada@example.com\r\nBcc: eve@example.com'), 'invalid_email', 'to'],
    ['an over-long local part', sendTo(`${'a'.repeat(65)}@example.com`), 'invalid_email', 'to'],
    ['a non-string recipient', sendTo(['ada@example.com']), 'invalid_email', 'to'],
    ['a missing recipient', '{}', 'invalid_email', 'to'],
    ['a bad locale', sendTo('ada@example.com', { locale: 'not a locale' }), 'invalid_locale', 'locale'],
  ])('400 for %s', async (_label, body, code, field) => {
    const { response, json } = await call({ body });
    expect(response.status).toBe(400);
    expect(json).toEqual({ error: { code, message: expect.any(String), ...(field ? { field } : {}) } });
  });

  it('400 for an unknown usage type, listing the valid ones', async () => {
    const to = uniqueAddress('unknown-type');
    const { response, json } = await call({ body: sendTo(to, { usageType: 'PasswordReset' }) });
    expect(response.status).toBe(400);
    expect(json).toMatchObject({ error: { code: 'unknown_usage_type', field: 'usageType' } });
    for (const usageType of usageTypes) expect(json?.error?.message).toContain(usageType);
    expect(await ses.emailsTo(to)).toHaveLength(0);
  });
});

describe('POST /api/ses/test-send: rate limits', () => {
  it('429 with Retry-After per recipient; refused input does not count', async () => {
    const config = testConfig({ ...openToSignedInEnv, AWS_SES_ENDPOINT: ses.endpoint, TEST_SEND_RECIPIENT_LIMIT: '1/10m' });
    const limiter = createTestSendLimiter(config.testSend);
    const to = uniqueAddress('limited');
    const send = (body: string, user: string) =>
      handleTestSendRequest(
        new Request(`${appOrigin}/api/ses/test-send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
        { config, getSession: async () => signedIn(`${user}@example.com`, user), limiter },
      );

    expect((await send(sendTo(to, { usageType: 'Nope' }), 'a')).status).toBe(400);
    expect((await send(sendTo(to), 'a')).status).toBe(200);
    const refused = await send(sendTo(to), 'b');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(590);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', retryAfterSeconds: expect.any(Number) } });
    expect(await ses.emailsTo(to)).toHaveLength(1);
  });

  it('429 with Retry-After per user', async () => {
    const config = testConfig({ ...openToSignedInEnv, AWS_SES_ENDPOINT: ses.endpoint, TEST_SEND_USER_LIMIT: '2/1h' });
    const limiter = createTestSendLimiter(config.testSend);
    const send = () =>
      handleTestSendRequest(
        new Request(`${appOrigin}/api/ses/test-send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sendTo(uniqueAddress('u')) }),
        { config, getSession: async () => signedIn('busy@example.com'), limiter },
      );
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3590);
  });
});

describe('POST /api/ses/test-send: the recipient checks before sending', () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  const json = (response: ServerResponse, body: unknown) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  /** An SES whose account and suppression list answer as scripted, and which accepts every send. */
  async function scriptedAccount({ sandbox = false, suppression }: { sandbox?: boolean; suppression: (response: ServerResponse) => void }) {
    const sent: string[] = [];
    const server = await startScriptedSes((response, request) => {
      const url = request.url ?? '';
      if (url === '/v2/email/account') return json(response, { ProductionAccessEnabled: !sandbox, SendingEnabled: true });
      if (url.startsWith('/v2/email/suppression/addresses/')) return suppression(response);
      if (url.startsWith('/v2/email/identities/')) return sesError(response, 404, 'NotFoundException', 'No such identity.');
      sent.push(url);
      return json(response, { MessageId: `scripted-${sent.length}` });
    });
    servers.push(server);
    const config = testConfig({ ...openToSignedInEnv, AWS_SES_ENDPOINT: server.endpoint, TEST_SEND_RECIPIENT_LIMIT: '1/10m' });
    const limiter = createTestSendLimiter(config.testSend);
    const send = (to: string) =>
      handleTestSendRequest(new Request(`${appOrigin}/api/ses/test-send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sendTo(to) }), {
        config,
        getSession: async () => signedIn('dev@example.com'),
        limiter,
      });
    return { send, sent };
  }

  it('refuses a suppressed recipient with 422, when and why, sends nothing and does not count it against the limits', async () => {
    const ses = await scriptedAccount({
      suppression: (response) => json(response, { SuppressedDestination: { EmailAddress: 'gone@example.com', Reason: 'BOUNCE', LastUpdateTime: 1764490500 } }),
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await ses.send('gone@example.com');
      expect(response.status).toBe(422);
      const { error } = (await response.json()) as ResponseBody;
      expect(error).toMatchObject({ code: 'ses_recipient_suppressed', field: 'to' });
      expect(error?.message).toContain('since 2025-11-30 08:15 UTC because of a bounce');
      expect(error?.hint).toContain('delete-suppressed-destination');
    }
    expect(ses.sent).toEqual([]);
  });

  it('refuses an unverified recipient while the account is in the sandbox', async () => {
    const ses = await scriptedAccount({ sandbox: true, suppression: (response) => sesError(response, 404, 'NotFoundException', 'Not suppressed.') });
    const response = await ses.send('stranger@example.org');
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: 'ses_recipient_not_verified', field: 'to' } });
    expect(ses.sent).toEqual([]);
  });

  it('sends anyway when the key may not read the suppression list, and logs that once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ses = await scriptedAccount({ suppression: (response) => sesError(response, 403, 'AccessDeniedException', 'Not authorized to perform ses:GetSuppressedDestination.') });
    expect((await ses.send(uniqueAddress('unchecked'))).status).toBe(200);
    expect((await ses.send(uniqueAddress('unchecked'))).status).toBe(200);
    expect(ses.sent).toHaveLength(2);
    const logged = warn.mock.calls.map((args) => String(args[0])).filter((line) => line.includes('ses:GetSuppressedDestination'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('sending anyway');
  });
});

describe('POST /api/ses/test-send: SES failures', () => {
  it('503 ses_not_configured without AWS_SES_CONFIG', async () => {
    const { response, json } = await call({ env: { AWS_SES_CONFIG: undefined }, body: sendTo(uniqueAddress('x')) });
    expect(response.status).toBe(503);
    expect(json).toMatchObject({ error: { code: 'ses_not_configured', hint: expect.stringContaining('AWS_SES_CONFIG') } });
  });

  it('counts nothing against the rate limits when SES cannot send at all', async () => {
    const config = testConfig({ ...openToSignedInEnv, AWS_SES_CONFIG: undefined });
    const consume = vi.fn(async () => ({ ok: true as const }));
    const request = new Request(`${appOrigin}/api/ses/test-send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: appOrigin },
      body: sendTo(uniqueAddress('not-counted')),
    });
    const response = await handleTestSendRequest(request, { config, getSession: async () => signedIn('dev@example.com'), limiter: { consume, close: async () => {} } });
    expect(response.status).toBe(503);
    expect(consume).not.toHaveBeenCalled();
  });

  it('503 ses_config_invalid listing each bad field, without the secret', async () => {
    const invalid = JSON.stringify({ accessKeyId: secrets.accessKeyId, accessKeySecret: secrets.accessKeySecret, region: 42, templates: [] });
    const { response, json, text } = await call({ env: { AWS_SES_CONFIG: invalid }, body: sendTo(uniqueAddress('x')) });
    expect(response.status).toBe(503);
    expect(json).toMatchObject({ error: { code: 'ses_config_invalid' } });
    expect(json?.error?.fields?.map((field) => field.field)).toEqual(expect.arrayContaining(['region', 'templates']));
    expect(text).not.toContain(secrets.accessKeySecret);
  });

  describe('mapped from what SES answers', () => {
    const servers: { close: () => Promise<void> }[] = [];

    afterAll(async () => {
      await Promise.all(servers.map((server) => server.close()));
    });

    async function callAgainst(reply: (response: ServerResponse) => void, env: Record<string, string> = {}) {
      const server = await startScriptedSes(reply);
      servers.push(server);
      vi.spyOn(console, 'warn').mockImplementationOnce(() => {});
      const result = await call({ env: { AWS_SES_ENDPOINT: server.endpoint, ...env }, body: sendTo('ada@example.com') });
      expect(result.text).not.toContain(secrets.accessKeySecret);
      expect(result.text).not.toContain(secrets.accessKeyId);
      return result;
    }

    it('502 for MessageRejected, with the SES name and text and a sandbox hint', async () => {
      const { response, json } = await callAgainst((reply) => sesError(reply, 400, 'MessageRejected', `Email address is not verified (${secrets.accessKeyId}).`));
      expect(response.status).toBe(502);
      expect(json).toMatchObject({
        error: { code: 'ses_message_rejected', awsErrorName: 'MessageRejected', message: expect.stringContaining('Email address is not verified'), hint: expect.stringContaining('sandbox') },
      });
    });

    it('502 "AWS rejected the credentials" for bad credentials', async () => {
      const { response, json } = await callAgainst((reply) => sesError(reply, 403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'));
      expect(response.status).toBe(502);
      expect(json).toMatchObject({
        error: {
          code: 'ses_credentials_rejected',
          message: 'AWS rejected the credentials (InvalidClientTokenId: The security token included in the request is invalid.).',
          awsErrorName: 'InvalidClientTokenId',
        },
      });
    });

    it('503 with Retry-After when SES throttles', async () => {
      const { response, json } = await callAgainst((reply) => sesError(reply, 429, 'TooManyRequestsException', 'Maximum sending rate exceeded.'));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('60');
      expect(json).toMatchObject({ error: { code: 'ses_throttled', awsErrorName: 'TooManyRequestsException', retryAfterSeconds: 60 } });
    });

    it('504 when SES does not answer within AWS_SES_TIMEOUT_MS', async () => {
      const { response, json } = await callAgainst(() => {}, { AWS_SES_TIMEOUT_MS: '300' });
      expect(response.status).toBe(504);
      expect(json).toMatchObject({ error: { code: 'ses_timeout' } });
    });

    it('504 when the SES endpoint is unreachable', async () => {
      const server = await startScriptedSes(() => {});
      await server.close();
      vi.spyOn(console, 'warn').mockImplementationOnce(() => {});
      const { response, json } = await call({ env: { AWS_SES_ENDPOINT: server.endpoint }, body: sendTo('ada@example.com') });
      expect(response.status).toBe(504);
      expect(json).toMatchObject({ error: { code: 'ses_unreachable' } });
    });
  });
});

describe('POST /api/ses/test-send: the app itself', () => {
  it('answers a bug with a logged 500 internal_error that reveals nothing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const config = testConfig(openToSignedInEnv);
      const request = new Request(`${appOrigin}/api/ses/test-send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sendTo('a@example.com') });
      const response = await handleTestSendRequest(request, {
        config,
        getSession: async () => {
          throw new Error(`boom ${secrets.accessKeySecret}`);
        },
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal_error' } });
      expect(text).not.toContain(secrets.accessKeySecret);
      expect(error).toHaveBeenCalledOnce();
      expect(JSON.stringify(error.mock.calls)).not.toContain(secrets.accessKeySecret);
    } finally {
      error.mockRestore();
    }
  });
});
