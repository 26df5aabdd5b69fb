import { describe, expect, it, vi } from 'vitest';

import { usageTypes } from '@/lib/ses';

import { authorizeTestSend, parseTestSendRequest, sendTestEmail, usableSes } from './test-send-service';
import { openToSignedInEnv, signedIn, testConfig } from './test-support';

const refusalOf = (input: unknown) => {
  const result = parseTestSendRequest(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  expect(result.status).toBe(400);
  return result;
};

describe('parseTestSendRequest: accepted input', () => {
  it('defaults the usage type to Generic, as Logto console tests do', () => {
    expect(parseTestSendRequest({ to: 'ada@example.com' })).toEqual({ ok: true, value: { to: 'ada@example.com', usageType: 'Generic', templates: 'tenant' } });
  });

  it('keeps the usage type and locale', () => {
    expect(parseTestSendRequest({ to: 'ada@example.com', usageType: 'SignIn', locale: 'pt-BR' })).toEqual({
      ok: true,
      value: { to: 'ada@example.com', usageType: 'SignIn', locale: 'pt-BR', templates: 'tenant' },
    });
  });

  it("takes the repository's templates only when asked for", () => {
    expect(parseTestSendRequest({ to: 'ada@example.com', templates: 'repository' })).toMatchObject({ ok: true, value: { templates: 'repository' } });
    expect(refusalOf({ to: 'ada@example.com', templates: 'email-templates' })).toMatchObject({ code: 'invalid_templates', field: 'templates' });
  });

  it.each(usageTypes)('accepts %s, with or without a template of its own (Generic is the fallback)', (usageType) => {
    expect(parseTestSendRequest({ to: 'ada@example.com', usageType }).ok).toBe(true);
  });

  it.each([
    'first.last+tag@example.co.uk',
    `${'a'.repeat(64)}@example.com`,
    `ada@${'b'.repeat(63)}.example.com`,
    `${'a'.repeat(64)}@${['b'.repeat(63), 'c'.repeat(63), 'd'.repeat(57)].join('.')}.io`,
  ])('accepts %s', (to) => {
    expect(parseTestSendRequest({ to }).ok).toBe(true);
  });
});

describe('parseTestSendRequest: the recipient must be exactly one valid address', () => {
  it.each([
    ['a display name', 'Ada <ada@example.com>', 'display name'],
    ['an angle-bracketed address', '<ada@example.com>', 'display name'],
    ['a quoted local part', '"ada lovelace"@example.com', 'display name'],
    ['a comma-separated list', 'ada@example.com,bob@example.com', 'not a list'],
    ['a semicolon-separated list', 'ada@example.com;bob@example.com', 'not a list'],
    ['a header injection with CRLF', 'ada@example.com\r\nBcc: victim@example.com', 'line break'],
    ['a bare LF', 'ada@example.com\nx', 'line break'],
    ['a space', 'ada @example.com', 'spaces'],
    ['a leading space', ' ada@example.com', 'spaces'],
    ['a tab', 'ada@example.com\t', 'spaces'],
    ['an empty string', '', 'empty'],
    ['no @', 'ada.example.com', 'one email address'],
    ['two @', 'ada@bob@example.com', 'one email address'],
    ['no domain', 'ada@', 'one email address'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@example.com`, 'before the @'],
    ['a domain label over 63 characters', `ada@${'b'.repeat(64)}.com`, 'domain'],
    ['an address over 254 characters', `${'a'.repeat(64)}@${['b'.repeat(63), 'c'.repeat(63), 'd'.repeat(60)].join('.')}.io`, '254'],
    ['a domain without a dot', 'ada@localhost', 'not a valid email address'],
    ['consecutive dots', 'ada..lovelace@example.com', 'not a valid email address'],
    ['a NUL byte', 'ada\u0000@example.com', 'not a valid email address'],
  ])('refuses %s', (_label, to, reason) => {
    const refusal = refusalOf({ to });
    expect(refusal).toMatchObject({ code: 'invalid_email', field: 'to' });
    expect(refusal.message).toContain(reason);
  });

  it.each([
    ['missing', {}, 'missing'],
    ['a number', { to: 42 }, 'must be a string'],
    ['an array of addresses', { to: ['ada@example.com'] }, 'must be a string'],
    ['null', { to: null }, 'must be a string'],
  ])('refuses a recipient that is %s', (_label, input, reason) => {
    const refusal = refusalOf(input);
    expect(refusal).toMatchObject({ code: 'invalid_email', field: 'to' });
    expect(refusal.message).toContain(reason);
  });
});

describe('parseTestSendRequest: other fields', () => {
  it('refuses an unknown usage type and lists the valid ones', () => {
    const refusal = refusalOf({ to: 'ada@example.com', usageType: 'Login' });
    expect(refusal).toMatchObject({ code: 'unknown_usage_type', field: 'usageType' });
    for (const usageType of usageTypes) expect(refusal.message).toContain(usageType);
  });

  it('matches usage types exactly, as Logto does', () => {
    expect(refusalOf({ to: 'ada@example.com', usageType: 'signin' }).code).toBe('unknown_usage_type');
  });

  it.each(['', 'english', 'en_US', 'e', 'en-'.repeat(20), 7])('refuses the locale %o', (locale) => {
    expect(refusalOf({ to: 'ada@example.com', locale })).toMatchObject({ code: 'invalid_locale', field: 'locale' });
  });

  it('refuses unknown fields, naming them', () => {
    const refusal = refusalOf({ to: 'ada@example.com', cc: 'eve@example.com' });
    expect(refusal).toMatchObject({ code: 'unknown_field', field: 'cc' });
    expect(refusal.message).toContain('"cc"');
  });

  it('refuses a __proto__ key instead of letting it through', () => {
    expect(refusalOf(JSON.parse('{"to":"ada@example.com","__proto__":{"admin":true}}'))).toMatchObject({ code: 'unknown_field', field: '__proto__' });
  });

  it.each([null, [], 'ada@example.com', 42])('refuses a body that is not an object: %o', (input) => {
    const refusal = refusalOf(input);
    expect(refusal.code).toBe('invalid_body');
    expect(refusal.field).toBeUndefined();
  });
});

const allowList = { TEST_SEND_ALLOWED_EMAILS: 'Admin@Example.com, ops@example.com' };

describe('authorizeTestSend', () => {
  it.each([
    ['signed out', { state: 'signed-out' } as const, 'not_signed_in'],
    ['with an expired session', { state: 'expired' } as const, 'session_expired'],
  ])('refuses a visitor %s with 401', (_label, session, code) => {
    expect(authorizeTestSend(testConfig({ ...openToSignedInEnv }), session)).toMatchObject({ ok: false, status: 401, code });
  });

  it('lets a listed address through, whatever its case', () => {
    const result = authorizeTestSend(testConfig(allowList), signedIn('ADMIN@example.com', 'sub-1'));
    expect(result).toEqual({ ok: true, caller: { userId: 'sub-1', email: 'ADMIN@example.com' } });
  });

  it('refuses an address that is not listed with 403, even when open to anyone signed in', () => {
    const result = authorizeTestSend(testConfig({ ...allowList, ...openToSignedInEnv }), signedIn('eve@example.com'));
    expect(result).toMatchObject({ ok: false, status: 403, code: 'not_allowed' });
    if (result.ok) throw new Error('expected a failure');
    expect(result.hint).toContain('TEST_SEND_ALLOWED_EMAILS');
    // The list itself is not disclosed.
    expect(JSON.stringify(result)).not.toContain('ops@example.com');
  });

  it('refuses a listed address the identity provider says is unverified', () => {
    const session = { state: 'signed-in' as const, claims: { sub: 's', email: 'ops@example.com', email_verified: false }, email: 'ops@example.com' };
    expect(authorizeTestSend(testConfig(allowList), session)).toMatchObject({ ok: false, status: 403, code: 'not_allowed' });
  });

  it('refuses an account without an email when a list is set', () => {
    const session = { state: 'signed-in' as const, claims: { sub: 's' } };
    expect(authorizeTestSend(testConfig(allowList), session)).toMatchObject({ ok: false, status: 403, code: 'not_allowed' });
  });

  it('lets any signed-in user through without a list when TEST_SEND_OPEN_TO_SIGNED_IN is set (npm run dev)', () => {
    expect(authorizeTestSend(testConfig(openToSignedInEnv), signedIn('anyone@example.com'))).toMatchObject({ ok: true });
  });

  it('never opens test-send because LOGTO_ENDPOINT is on loopback', () => {
    for (const endpoint of ['http://localhost:3001', 'http://127.0.0.1:3001', 'http://[::1]:3001']) {
      const result = authorizeTestSend(testConfig({ LOGTO_ENDPOINT: endpoint }), signedIn('anyone@example.com'));
      expect(result).toMatchObject({ ok: false, status: 403, code: 'test_send_disabled' });
    }
  });

  it('lets any verified address at an @domain entry through, and no lookalike domain', () => {
    const config = testConfig({ TEST_SEND_ALLOWED_EMAILS: '@Example.com' });
    expect(authorizeTestSend(config, signedIn('Ops+tag@EXAMPLE.com'))).toMatchObject({ ok: true });
    for (const email of ['ops@sub.example.com', 'ops@example.com.evil.test', 'ops@evil-example.com', 'example.com@evil.test']) {
      expect(authorizeTestSend(config, signedIn(email))).toMatchObject({ ok: false, status: 403, code: 'not_allowed' });
    }
  });

  it.each([
    ['missing', {}],
    ['the string "true"', { email_verified: 'true' }],
    ['1', { email_verified: 1 }],
    ['null', { email_verified: null }],
  ])('counts an address as verified only when email_verified is exactly true, not %s', (_label, verified) => {
    const session = { state: 'signed-in' as const, claims: { sub: 's', email: 'ops@example.com', ...verified }, email: 'ops@example.com' };
    expect(authorizeTestSend(testConfig(allowList), session)).toMatchObject({ ok: false, status: 403, code: 'not_allowed' });
  });

  it('turns test sending off in production without a list, saying how to enable it', () => {
    const result = authorizeTestSend(testConfig(), signedIn('admin@example.com'));
    expect(result).toMatchObject({ ok: false, status: 403, code: 'test_send_disabled' });
    if (result.ok) throw new Error('expected a failure');
    expect(result.hint).toContain('TEST_SEND_ALLOWED_EMAILS');
  });
});

describe('usableSes', () => {
  it('answers 503 ses_not_configured, saying what to set', () => {
    const result = usableSes({ state: 'missing' });
    expect(result).toMatchObject({ ok: false, status: 503, code: 'ses_not_configured', hint: expect.stringContaining('AWS_SES_CONFIG') });
  });

  it('answers 503 ses_config_invalid, listing each bad field', () => {
    const issues = [
      { field: 'region', message: '"region" is missing.' },
      { field: 'templates', message: '"templates" has no template for Generic.' },
    ];
    expect(usableSes({ state: 'invalid', issues, fields: [] })).toMatchObject({ ok: false, status: 503, code: 'ses_config_invalid', fields: issues });
  });
});

describe('sendTestEmail: the order of the steps', () => {
  const formFields = { to: 'ada@example.com' };
  const countingLimiter = () => ({ consume: vi.fn(async () => ({ ok: true as const })), close: async () => {} });
  // What SES says of the recipient, without SES (lib/ses/recipient-check.ts has its own tests).
  const recipientCheck = vi.fn(async () => ({ ok: true as const, notChecked: [] }));

  it('authorizes before it reads the input', async () => {
    const result = await sendTestEmail({ config: testConfig(openToSignedInEnv), session: { state: 'signed-out' }, input: { jsonBody: new Uint8Array() } });
    expect(result).toMatchObject({ ok: false, status: 401, code: 'not_signed_in' });
  });

  it('reads a JSON body, refusing one that is not JSON', async () => {
    const input = { jsonBody: new TextEncoder().encode('{"to":') };
    const result = await sendTestEmail({ config: testConfig(openToSignedInEnv), session: signedIn('dev@example.com'), input });
    expect(result).toMatchObject({ ok: false, status: 400, code: 'invalid_json' });
  });

  it('refuses bad input before it counts anything', async () => {
    const limiter = countingLimiter();
    const input = { formFields: { to: 'Ada <ada@example.com>' } };
    const result = await sendTestEmail({ config: testConfig(openToSignedInEnv), session: signedIn('dev@example.com'), input, limiter });
    expect(result).toMatchObject({ ok: false, status: 400, code: 'invalid_email', field: 'to' });
    expect(limiter.consume).not.toHaveBeenCalled();
  });

  it('refuses a send SES cannot make before it counts anything', async () => {
    const limiter = countingLimiter();
    const config = testConfig({ ...openToSignedInEnv, AWS_SES_CONFIG: undefined });
    const result = await sendTestEmail({ config, session: signedIn('dev@example.com'), input: { formFields }, limiter });
    expect(result).toMatchObject({ ok: false, status: 503, code: 'ses_not_configured' });
    expect(limiter.consume).not.toHaveBeenCalled();
  });

  it('answers the limit refusal, without sending', async () => {
    const refusal = { ok: false as const, status: 429, code: 'rate_limited', message: 'Slow down.', retryAfterSeconds: 9 };
    const limiter = { consume: vi.fn(async () => refusal), close: async () => {} };
    const result = await sendTestEmail({ config: testConfig(openToSignedInEnv), session: signedIn('dev@example.com', 'sub-9'), input: { formFields }, limiter, recipientCheck });
    expect(result).toBe(refusal);
    expect(limiter.consume).toHaveBeenCalledWith('sub-9', 'ada@example.com');
  });

  it('refuses a recipient SES would not deliver to before it counts anything', async () => {
    const limiter = countingLimiter();
    const refusal = { ok: false as const, status: 422, code: 'ses_recipient_suppressed', message: 'Suppressed.', field: 'to' };
    const refusingCheck = vi.fn(async () => refusal);
    const result = await sendTestEmail({ config: testConfig(openToSignedInEnv), session: signedIn('dev@example.com'), input: { formFields }, limiter, recipientCheck: refusingCheck });
    expect(result).toBe(refusal);
    expect(refusingCheck).toHaveBeenCalledWith(expect.objectContaining({ timeoutMs: expect.any(Number) }), 'ada@example.com');
    expect(limiter.consume).not.toHaveBeenCalled();
  });
});
