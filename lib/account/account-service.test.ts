import { describe, expect, it } from 'vitest';

import type { AccountApiTarget } from './account-api';
import { currentStep, freshFlow, sealFlow, unsealFlow, type AccountFlow } from './account-flow';
import { parseCode, parseEmail, parseSessionId, runAccountStep, type AccountAction } from './account-service';

/**
 * The flow's states against a fake Logto answering with the recorded bodies
 * (../shared/reference/logto-account-api, numbers in the comments).
 */

const now = Date.parse('2026-12-05T06:45:00Z');
const inTenMinutes = new Date(now + 600_000).toISOString();
const person = { sub: 'fk4lp8npfqme', email: 'acct-owner@example.com' };

type Call = { method: string; path: string; headers: Headers; body: unknown };
type Reply = { status: number; body?: unknown };

function fakeLogto(answer: (call: Call) => Reply) {
  const calls: Call[] = [];
  const target: AccountApiTarget = {
    endpoint: 'https://logto.test',
    accessToken: 'opaque-token',
    timeoutMs: 1000,
    managementApi: false,
    fetch: async (url, init) => {
      const call = { method: init?.method ?? 'GET', path: String(url).replace('https://logto.test', ''), headers: new Headers(init?.headers), body: init?.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const reply = answer(call);
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
    },
  };
  return { calls, target };
}

const step = async (flow: AccountFlow, action: AccountAction, answer: (call: Call) => Reply, refreshed = { ok: true as const, email: 'acct-new@example.com' }) => {
  const logto = fakeLogto(answer);
  let tokenAsked = false;
  const result = await runAccountStep({
    flow,
    person,
    action,
    now,
    target: async () => {
      tokenAsked = true;
      return { ok: true, target: logto.target };
    },
    refreshSession: async () => refreshed,
  });
  return { result, calls: logto.calls, tokenAsked };
};

const verifiedIdentity = { recordId: 'bg2bxvah1l24r9nkdzou0', email: person.email, verified: true, expiresAt: now + 500_000 };

const sessionsBody = {
  sessions: [
    { payload: { uid: 'current-uid', loginTs: 1796453065 }, lastSubmission: { signInContext: { ip: '::1', userAgent: 'HeadlessChrome/156.0.0.0' } }, isCurrent: true },
    { payload: { uid: 'other-uid-1', loginTs: 1796453198 }, lastSubmission: { signInContext: { ip: '::1', userAgent: 'Firefox/121.0' } }, isCurrent: false },
    { payload: { uid: 'other-uid-2', loginTs: 1796453199 }, isCurrent: false },
  ],
};

describe('changing the address', () => {
  it('walks the five calls of the recorded flow (14-25) and ends showing the refreshed address', async () => {
    const first = await step(freshFlow(person.sub), { kind: 'send-identity-code' }, () => ({ status: 201, body: { verificationRecordId: 'bg2bxvah1l24r9nkdzou0', expiresAt: inTenMinutes } }));
    expect(first.calls[0]).toMatchObject({ method: 'POST', path: '/api/verifications/verification-code', body: { identifier: { type: 'email', value: person.email } } });
    expect(currentStep(first.result.flow, now)).toBe('enter-identity-code');

    const second = await step(first.result.flow, { kind: 'verify-identity-code', code: ' 123 456 ' }, () => ({ status: 200, body: { verificationRecordId: 'bg2bxvah1l24r9nkdzou0' } }));
    expect(second.calls[0]?.body).toEqual({ identifier: { type: 'email', value: person.email }, verificationId: 'bg2bxvah1l24r9nkdzou0', code: '123456' });
    expect(currentStep(second.result.flow, now)).toBe('new-address');

    const third = await step(second.result.flow, { kind: 'send-new-address-code', email: ' acct-new@example.com ' }, () => ({ status: 201, body: { verificationRecordId: '0ahj5zw6wm7a2war7iwpj', expiresAt: inTenMinutes } }));
    expect(currentStep(third.result.flow, now)).toBe('enter-new-address-code');

    const fourth = await step(third.result.flow, { kind: 'verify-new-address-code', code: '654321' }, (call) =>
      call.path.endsWith('/verify') ? { status: 200, body: { verificationRecordId: '0ahj5zw6wm7a2war7iwpj' } } : { status: 204 },
    );
    expect(fourth.calls.map((call) => call.path)).toEqual(['/api/verifications/verification-code/verify', '/api/my-account/primary-email']);
    expect(fourth.calls[1]?.headers.get('logto-verification-id')).toBe('bg2bxvah1l24r9nkdzou0');
    expect(fourth.calls[1]?.body).toEqual({ email: 'acct-new@example.com', newIdentifierVerificationRecordId: '0ahj5zw6wm7a2war7iwpj' });
    expect(fourth.result).toMatchObject({ ok: true, notice: { key: 'addressChanged', values: { email: 'acct-new@example.com' } } });
    // The identity check stays usable for the sessions (fixture 42: reusable until it expires).
    expect(currentStep(fourth.result.flow, now)).toBe('new-address');
  });

  it('keeps the step and says so on the code field when the code is wrong (15)', async () => {
    const flow: AccountFlow = { sub: person.sub, identity: { ...verifiedIdentity, verified: false } };
    const { result } = await step(flow, { kind: 'verify-identity-code', code: '000000' }, () => ({ status: 400, body: { code: 'verification_code.code_mismatch', message: 'Invalid verification code.' } }));
    expect(result).toMatchObject({ ok: false, code: 'wrong_code', field: 'code' });
    expect(currentStep(result.flow, now)).toBe('enter-identity-code');
  });

  it('keeps the typed address when it belongs to another account (54)', async () => {
    const flow: AccountFlow = { sub: person.sub, identity: verifiedIdentity, newAddress: { recordId: 'thm20t77an77ij3e9phzt', email: 'other@example.com', expiresAt: now + 500_000 } };
    const { result } = await step(flow, { kind: 'verify-new-address-code', code: '111111' }, (call) =>
      call.path.endsWith('/verify') ? { status: 200, body: {} } : { status: 422, body: { code: 'user.email_already_in_use' } },
    );
    expect(result).toMatchObject({ ok: false, code: 'email_in_use', field: 'email' });
    expect(result.flow.typedEmail).toBe('other@example.com');
    expect(currentStep(result.flow, now)).toBe('new-address');
  });

  it('starts the identity check again when Logto no longer honours it (52)', async () => {
    const flow: AccountFlow = { sub: person.sub, identity: verifiedIdentity };
    const { result } = await step(flow, { kind: 'send-new-address-code', email: 'acct-new@example.com' }, () => ({ status: 401, body: { code: 'verification_record.permission_denied' } }));
    expect(result).toMatchObject({ ok: false, code: 'identity_check_expired' });
    expect(currentStep(result.flow, now)).toBe('confirm-identity');
  });

  it('refuses a step whose record expired here, without a call to Logto', async () => {
    const flow: AccountFlow = { sub: person.sub, identity: { ...verifiedIdentity, expiresAt: now - 1 } };
    const { result, tokenAsked } = await step(flow, { kind: 'send-new-address-code', email: 'acct-new@example.com' }, () => ({ status: 500 }));
    expect(result).toMatchObject({ ok: false, code: 'identity_check_expired' });
    expect(tokenAsked).toBe(false);
  });

  it('checks the input before it asks for a token: a bad address keeps what was typed', async () => {
    const flow: AccountFlow = { sub: person.sub, identity: verifiedIdentity };
    const { result, tokenAsked } = await step(flow, { kind: 'send-new-address-code', email: 'not an email' }, () => ({ status: 500 }));
    expect(result).toMatchObject({ ok: false, code: 'invalid_email', field: 'email' });
    expect(result.flow.typedEmail).toBe('not an email');
    expect(tokenAsked).toBe(false);
  });

  it('says the account center is off, with what to enable (05, 06)', async () => {
    const { result } = await step(freshFlow(person.sub), { kind: 'send-identity-code' }, () => ({ status: 400, body: { code: 'account_center.not_enabled' } }));
    expect(result).toMatchObject({ ok: false, code: 'account_center_off' });
    expect(!result.ok && result.hint).toMatch(/Email and Session set to Edit/);
  });
});

describe('ending sessions', () => {
  const flow: AccountFlow = { sub: person.sub, identity: verifiedIdentity };

  it('ends another session with its grant (revokeGrantsTarget=all, 64)', async () => {
    const { result, calls } = await step(flow, { kind: 'end-session', session: 'other-uid-1' }, (call) => (call.method === 'GET' ? { status: 200, body: sessionsBody } : { status: 204 }));
    expect(result.ok).toBe(true);
    expect(calls[1]).toMatchObject({ method: 'DELETE', path: '/api/my-account/sessions/other-uid-1?revokeGrantsTarget=all' });
    expect(calls[1]?.headers.get('logto-verification-id')).toBe('bg2bxvah1l24r9nkdzou0');
  });

  it('refuses to end this session (use Sign out) and one that is not listed', async () => {
    const current = await step(flow, { kind: 'end-session', session: 'current-uid' }, () => ({ status: 200, body: sessionsBody }));
    expect(current.result).toMatchObject({ ok: false, code: 'current_session', field: 'session' });
    expect(current.calls).toHaveLength(1);
    const unknown = await step(flow, { kind: 'end-session', session: 'someone-elses' }, () => ({ status: 200, body: sessionsBody }));
    expect(unknown.result).toMatchObject({ ok: false, code: 'session_not_found', field: 'session' });
  });

  it('ends every other session, one DELETE each', async () => {
    const { result, calls } = await step(flow, { kind: 'end-other-sessions' }, (call) => (call.method === 'GET' ? { status: 200, body: sessionsBody } : { status: 204 }));
    expect(result).toMatchObject({ ok: true, notice: { key: 'otherSessionsEnded', values: { count: 2 } } });
    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.path)).toEqual([
      '/api/my-account/sessions/other-uid-1?revokeGrantsTarget=all',
      '/api/my-account/sessions/other-uid-2?revokeGrantsTarget=all',
    ]);
  });

  it('needs the identity check first', async () => {
    const { result, tokenAsked } = await step(freshFlow(person.sub), { kind: 'end-other-sessions' }, () => ({ status: 500 }));
    expect(result).toMatchObject({ ok: false, code: 'identity_check_expired' });
    expect(tokenAsked).toBe(false);
  });
});

describe('the flow cookie', () => {
  const secret = 's'.repeat(32);

  it('reads back only for the same person and the same secret, and a tampered one is a fresh start', () => {
    const flow: AccountFlow = { sub: person.sub, identity: verifiedIdentity };
    const sealed = sealFlow(flow, secret);
    expect(sealed).not.toContain(verifiedIdentity.recordId);
    expect(unsealFlow(sealed, secret, person.sub)).toEqual(flow);
    expect(unsealFlow(sealed, secret, 'someone-else')).toEqual(freshFlow('someone-else'));
    expect(unsealFlow(sealed, 't'.repeat(32), person.sub)).toEqual(freshFlow(person.sub));
    const [body = '', iv = ''] = sealed.split('.');
    const flipped = `${body.slice(0, 5)}${body[5] === 'A' ? 'B' : 'A'}${body.slice(6)}.${iv}`;
    expect(unsealFlow(flipped, secret, person.sub)).toEqual(freshFlow(person.sub));
    expect(unsealFlow('garbage', secret, person.sub)).toEqual(freshFlow(person.sub));
  });
});

describe('the inputs', () => {
  it.each([
    [undefined, 'missing_code'],
    ['', 'missing_code'],
    ['12345', 'invalid_code'],
    ['abcdef', 'invalid_code'],
    ['1234567', 'invalid_code'],
    [['123456'], 'missing_code'],
  ])('code %j is refused as %s', (value, code) => {
    expect(parseCode(value)).toMatchObject({ ok: false, code, field: 'code' });
  });

  it.each([
    [undefined, 'missing_email'],
    ['a@b', 'invalid_email'],
    ['a@example.com, b@example.com', 'invalid_email'],
    ['Ada <a@example.com>', 'invalid_email'],
    ['a@example.com\r\nBcc: x@example.com', 'invalid_email'],
    [`${'a'.repeat(250)}@example.com`, 'invalid_email'],
    ['ACCT-OWNER@example.com', 'same_address'],
  ])('address %j is refused as %s', (value, code) => {
    expect(parseEmail(value, person.email)).toMatchObject({ ok: false, code, field: 'email' });
  });

  it.each([[undefined], [''], ['../../api/applications'], ['a b'], ['x'.repeat(200)]])('session id %j is refused', (value) => {
    expect(parseSessionId(value)).toMatchObject({ ok: false, code: 'invalid_session', field: 'session' });
  });
});
