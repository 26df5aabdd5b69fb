import { describe, expect, it } from 'vitest';

import { authorizeTestSend } from './authorize';
import { openToSignedInEnv, signedIn, testConfig } from './test-support';

const allowList = { TEST_SEND_ALLOWED_EMAILS: 'Admin@Example.com, ops@example.com' };

describe('authorizeTestSend', () => {
  it.each([
    ['signed out', { state: 'signed-out' } as const, 'not_signed_in'],
    ['with an expired session', { state: 'expired' } as const, 'session_expired'],
  ])('refuses a visitor %s with 401', (_label, session, code) => {
    expect(authorizeTestSend(testConfig({ ...openToSignedInEnv }), session)).toMatchObject({ ok: false, status: 401, error: { code } });
  });

  it('lets a listed address through, whatever its case', () => {
    const result = authorizeTestSend(testConfig(allowList), signedIn('ADMIN@example.com', 'sub-1'));
    expect(result).toEqual({ ok: true, caller: { userId: 'sub-1', email: 'ADMIN@example.com' } });
  });

  it('refuses an address that is not listed with 403, even when open to anyone signed in', () => {
    const result = authorizeTestSend(testConfig({ ...allowList, ...openToSignedInEnv }), signedIn('eve@example.com'));
    expect(result).toMatchObject({ ok: false, status: 403, error: { code: 'not_allowed' } });
    if (result.ok) return;
    expect(result.error.hint).toContain('TEST_SEND_ALLOWED_EMAILS');
    // The list itself is not disclosed.
    expect(JSON.stringify(result)).not.toContain('ops@example.com');
  });

  it('refuses a listed address the identity provider says is unverified', () => {
    const session = { state: 'signed-in' as const, claims: { sub: 's', email: 'ops@example.com', email_verified: false }, email: 'ops@example.com' };
    expect(authorizeTestSend(testConfig(allowList), session)).toMatchObject({ ok: false, status: 403, error: { code: 'not_allowed' } });
  });

  it('refuses an account without an email when a list is set', () => {
    const session = { state: 'signed-in' as const, claims: { sub: 's' } };
    expect(authorizeTestSend(testConfig(allowList), session)).toMatchObject({ ok: false, status: 403, error: { code: 'not_allowed' } });
  });

  it('lets any signed-in user through without a list when TEST_SEND_OPEN_TO_SIGNED_IN is set (npm run dev)', () => {
    expect(authorizeTestSend(testConfig(openToSignedInEnv), signedIn('anyone@example.com'))).toMatchObject({ ok: true });
  });

  it('never opens test-send because LOGTO_ENDPOINT is on loopback', () => {
    for (const endpoint of ['http://localhost:3001', 'http://127.0.0.1:3001', 'http://[::1]:3001']) {
      const result = authorizeTestSend(testConfig({ LOGTO_ENDPOINT: endpoint }), signedIn('anyone@example.com'));
      expect(result).toMatchObject({ ok: false, status: 403, error: { code: 'test_send_disabled' } });
    }
  });

  it('lets any verified address at an @domain entry through, and no lookalike domain', () => {
    const config = testConfig({ TEST_SEND_ALLOWED_EMAILS: '@Example.com' });
    expect(authorizeTestSend(config, signedIn('Ops+tag@EXAMPLE.com'))).toMatchObject({ ok: true });
    for (const email of ['ops@sub.example.com', 'ops@example.com.evil.test', 'ops@evil-example.com', 'example.com@evil.test']) {
      expect(authorizeTestSend(config, signedIn(email))).toMatchObject({ ok: false, status: 403, error: { code: 'not_allowed' } });
    }
  });

  it.each([
    ['missing', {}],
    ['the string "true"', { email_verified: 'true' }],
    ['1', { email_verified: 1 }],
    ['null', { email_verified: null }],
  ])('counts an address as verified only when email_verified is exactly true, not %s', (_label, verified) => {
    const session = { state: 'signed-in' as const, claims: { sub: 's', email: 'ops@example.com', ...verified }, email: 'ops@example.com' };
    expect(authorizeTestSend(testConfig(allowList), session)).toMatchObject({ ok: false, status: 403, error: { code: 'not_allowed' } });
  });

  it('turns test sending off in production without a list, saying how to enable it', () => {
    const result = authorizeTestSend(testConfig(), signedIn('admin@example.com'));
    expect(result).toMatchObject({ ok: false, status: 403, error: { code: 'test_send_disabled' } });
    if (result.ok) return;
    expect(result.error.hint).toContain('TEST_SEND_ALLOWED_EMAILS');
  });
});
