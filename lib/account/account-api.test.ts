import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { callAccountApi, mapAccountApiError, toLogtoSession, type AccountField } from './account-api';

/**
 * Every refusal recorded from a real Logto 1.42 (local/idp/account-api/recorded, a copy of
 * ../shared/reference/logto-account-api): the form field the call was about, and the failure
 * the page shows. The status and body are read from the recording itself.
 */
const expectedFailures: [string, AccountField, string][] = [
  ['05-account-center-disabled-get-my-account', 'email', 'account_center_off'],
  ['06-account-center-disabled-verification-code', 'email', 'account_center_off'],
  ['11-patch-my-account-username-without-verification', 'email', 'identity_check_expired'],
  ['13-patch-my-account-custom-data-without-scope', 'email', 'signed_out_by_logto'],
  ['15-verification-code-verify-wrong-code', 'code', 'wrong_code'],
  ['19-primary-email-missing-verification-header', 'email', 'identity_check_expired'],
  ['20-primary-email-header-is-new-identifier-record', 'email', 'identity_check_expired'],
  ['21-primary-email-unknown-verification-header', 'email', 'identity_check_expired'],
  ['22-primary-email-mismatch-with-record', 'email', 'step_expired'],
  ['23-primary-email-invalid-email', 'email', 'invalid_email'],
  ['24-primary-email-unknown-new-identifier-record', 'email', 'step_expired'],
  ['33-verification-code-send-template-type-invalid', 'email', 'invalid_email'],
  ['34-no-token', 'email', 'signed_out_by_logto'],
  ['35-unknown-opaque-token', 'email', 'signed_out_by_logto'],
  ['36-wrong-audience-jwt-token', 'email', 'signed_out_by_logto'],
  ['38-non-bearer-scheme', 'email', 'signed_out_by_logto'],
  ['39-delete-my-account-absent', 'email', 'logto_failing'],
  ['42-primary-email-field-readonly', 'email', 'field_not_editable'],
  ['43-patch-name-field-readonly', 'email', 'field_not_editable'],
  ['46-primary-email-field-off', 'email', 'field_not_editable'],
  ['48-verification-code-send-invalid-email', 'email', 'invalid_email'],
  ['49-verification-code-verify-unknown-record', 'code', 'step_expired'],
  ['50-verification-code-verify-identifier-mismatch', 'code', 'code_for_other_address'],
  ['51-verification-code-verify-expired-record', 'code', 'step_expired'],
  ['52-primary-email-expired-identity-record', 'email', 'identity_check_expired'],
  ['53-primary-email-expired-new-identifier-record', 'email', 'step_expired'],
  ['54-primary-email-already-in-use', 'email', 'email_in_use'],
  ['55-primary-email-new-record-not-verified', 'email', 'step_expired'],
  ['57-sessions-list-without-verification', 'session', 'identity_check_expired'],
  ['61-sessions-list-without-sessions-scope', 'session', 'signed_out_by_logto'],
  ['62-session-delete-without-verification', 'session', 'identity_check_expired'],
  ['67-account-api-with-revoked-access-token', 'email', 'signed_out_by_logto'],
  ['70-session-delete-unknown', 'session', 'session_not_found'],
  ['71-session-delete-invalid-revoke-target', 'session', 'logto_refused'],
  ['72-session-delete-field-readonly', 'session', 'field_not_editable'],
  ['73-sessions-list-field-off', 'session', 'field_not_editable'],
  ['74-verification-code-send-rate-limited', 'email', 'too_many_emails'],
  ['76-account-api-after-user-deleted', 'email', 'signed_out_by_logto'],
];

const recordedDir = fileURLToPath(new URL('../../local/idp/account-api/recorded/', import.meta.url));

const recordedRefusals = expectedFailures.map(([file, field, expected]) => {
  const { response } = JSON.parse(readFileSync(path.join(recordedDir, `${file}.json`), 'utf8')) as { response: { status: number; body: unknown } };
  return [file, response.status, response.body, field, expected] as const;
});

describe('mapAccountApiError', () => {
  it.each(recordedRefusals)('%s: HTTP %i becomes a failure a person can act on', (_file, status, body, field, expected) => {
    const mapped = mapAccountApiError(status, body, { field, managementApi: false });
    expect(mapped.code).toBe(expected);
    expect(mapped.status).not.toBe(500);
    expect(mapped.message).not.toMatch(/undefined|\[object/);
  });

  it('puts a wrong code, an address in use and too many mails on their fields', () => {
    expect(mapAccountApiError(400, { code: 'verification_code.code_mismatch' }, { field: 'code', managementApi: false })).toMatchObject({ field: 'code' });
    expect(mapAccountApiError(422, { code: 'user.email_already_in_use' }, { field: 'email', managementApi: false })).toMatchObject({ field: 'email', status: 422 });
    expect(mapAccountApiError(429, { code: 'request.message_rate_limited' }, { field: 'email', managementApi: false })).toMatchObject({ field: 'email', status: 429, retryAfterSeconds: 600 });
  });

  it('says what to enable in Logto when the account center is off, and offers the doctor when it can fix it', () => {
    const withoutM2m = mapAccountApiError(400, { code: 'account_center.not_enabled' }, { managementApi: false });
    expect(withoutM2m.hint).toMatch(/account center enabled, with Email and Session set to Edit/);
    expect(withoutM2m.hint).not.toMatch(/doctor/);
    expect(mapAccountApiError(400, { code: 'account_center.not_enabled' }, { managementApi: true }).hint).toMatch(/npm run logto -- doctor --fix/);
  });
});

describe('callAccountApi', () => {
  const target = (fetchImpl: typeof fetch) => ({ endpoint: 'https://logto.test', accessToken: 'opaque', language: 'zh-CN' as const, timeoutMs: 200, managementApi: false, fetch: fetchImpl });

  it('sends the opaque token, the language and the identity record as Logto expects', async () => {
    let seen: Headers | undefined;
    const answer = await callAccountApi(
      target(async (_url, init) => {
        seen = new Headers(init?.headers);
        return new Response(null, { status: 204 });
      }),
      { method: 'POST', path: '/api/my-account/primary-email', body: { email: 'a@example.com' }, verificationId: 'rec1' },
    );
    expect(answer).toEqual({ ok: true, status: 204, body: undefined });
    expect(seen?.get('authorization')).toBe('Bearer opaque');
    expect(seen?.get('accept-language')).toBe('zh-CN');
    expect(seen?.get('logto-verification-id')).toBe('rec1');
  });

  it('answers an unreachable Logto and a slow one with 503 and 504, never a 500', async () => {
    const refused = await callAccountApi(
      target(async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      }),
      { method: 'GET', path: '/api/my-account' },
    );
    expect(refused).toMatchObject({ ok: false, status: 503, code: 'logto_unreachable' });
    const slow = await callAccountApi(
      target((_url, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))),
      { method: 'GET', path: '/api/my-account' },
    );
    expect(slow).toMatchObject({ ok: false, status: 504, code: 'logto_timeout' });
  });

  it('reads a text/plain refusal (405, fixture 39) as Logto failing', async () => {
    const answer = await callAccountApi(target(async () => new Response('Method Not Allowed', { status: 405 })), { method: 'DELETE', path: '/api/my-account' });
    expect(answer).toMatchObject({ ok: false, status: 502, code: 'logto_failing' });
  });
});


describe('toLogtoSession', () => {
  it('reads the browser, address, time and "this one" of a recorded session (fixture 58)', () => {
    const entry = {
      payload: { exp: 1797662665, iat: 1796453065, uid: '-NyiPpAKL3iEifb8yJq90phYIpMyBiJRfljuMAkXBgh', kind: 'Session', loginTs: 1796453065, accountId: 'fk4lp8npfqme' },
      lastSubmission: { interactionEvent: 'Register', signInContext: { ip: '::1', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0 Safari/537.36' } },
      clientId: '7yqdf0gjto6v81ax0bjbk',
      expiresAt: 1797662665271,
      isCurrent: true,
    };
    expect(toLogtoSession(entry)).toEqual({
      uid: '-NyiPpAKL3iEifb8yJq90phYIpMyBiJRfljuMAkXBgh',
      isCurrent: true,
      signedInAt: 1796453065000,
      expiresAt: 1797662665271,
      ip: '::1',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0 Safari/537.36',
    });
    expect(toLogtoSession({ payload: {} })).toBeUndefined();
  });
});
