import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { Session } from '@/lib/auth/session';
import type { Failure } from '@/lib/failure/failure';
import { failureText } from '@/lib/i18n/failure-text';
import { mapSesError, SesInvalidResponseError, SesTemplateNotFoundError } from '@/lib/ses/errors';
import { evaluateRecipient } from '@/lib/ses/recipient-check';

import { formFailureText } from './form-failure-text';
import { createTestSendLimiter } from './rate-limits';
import { authorizeTestSend, parseTestSendRequest, usableSes } from './test-send-service';
import { signedIn, testConfig } from './test-support';

/**
 * Every failure the connector page's test-send form can show, as the service makes it. Its
 * English catalogue text (`Failures.<code>` with its `params`) must say exactly what its English
 * `message` and `hint` say, so the page and the API never drift apart; the Chinese one must be a
 * translation with every value filled in.
 */
const awsError = (name: string, message = 'nope') => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
const region = { region: 'eu-west-1' };

async function rateLimited(): Promise<Failure[]> {
  const limiter = createTestSendLimiter(testConfig({ TEST_SEND_RECIPIENT_LIMIT: '1/10m', TEST_SEND_USER_LIMIT: '1/1h' }).testSend);
  const to = `limited-${randomUUID()}@example.com`;
  await limiter.consume('user-a', to);
  const byRecipient = await limiter.consume('user-b', to);
  const byUser = await limiter.consume('user-a', `other-${randomUUID()}@example.com`);
  return [byRecipient, byUser].filter((answer): answer is Failure => !answer.ok);
}

function failures(): Failure[] {
  const config = testConfig({ TEST_SEND_ALLOWED_EMAILS: 'boss@example.com' });
  const outsider = signedIn('eve@example.com');
  const noEmail: Session = { ...(outsider as Extract<Session, { state: 'signed-in' }>), email: undefined };
  const refusals = [
    authorizeTestSend(config, outsider),
    authorizeTestSend(config, noEmail),
    authorizeTestSend(testConfig(), outsider),
    authorizeTestSend(config, { state: 'signed-out' }),
  ];
  const ses = [
    mapSesError(new SesTemplateNotFoundError('BindMfa')),
    mapSesError(new SesInvalidResponseError('no id')),
    mapSesError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })),
    mapSesError(Object.assign(new Error('socket hang up'), { name: 'Error' })),
    mapSesError(Object.assign(new Error('late'), { name: 'TimeoutError' })),
    mapSesError(awsError('MessageRejected', 'Email address is not verified.'), region),
    mapSesError(awsError('MessageRejected')),
    mapSesError(awsError('InvalidClientTokenId'), region),
    mapSesError(awsError('AccessDeniedException'), region),
    mapSesError(awsError('Throttling'), region),
    mapSesError(awsError('SendingPausedException'), region),
    mapSesError(awsError('SendingPausedException')),
    mapSesError(awsError('AccountSuspendedException'), region),
    mapSesError(awsError('BadRequestException')),
    mapSesError(new TypeError('x is not a function')),
  ];
  const account = { ok: true as const, value: { ProductionAccessEnabled: false } };
  const notFound = { ok: false as const, error: Object.assign(new Error('none'), { name: 'NotFoundException' }) };
  const pending = { ok: true as const, value: { VerifiedForSendingStatus: false } };
  const recipients = [
    evaluateRecipient('ada@example.org', 'eu-west-1', {
      suppression: { ok: true, value: { SuppressedDestination: { EmailAddress: 'ada@example.org', Reason: 'BOUNCE', LastUpdateTime: new Date('2026-01-02T03:04:05Z') } } },
      account,
    }),
    evaluateRecipient('ada@example.org', 'eu-west-1', {
      suppression: { ok: true, value: { SuppressedDestination: { EmailAddress: 'ada@example.org', Reason: 'COMPLAINT', LastUpdateTime: undefined } } },
      account,
    }),
    evaluateRecipient('ada@example.org', 'eu-west-1', { suppression: notFound, account, addressIdentity: notFound, domainIdentity: notFound }),
    evaluateRecipient('ada@example.org', 'eu-west-1', { suppression: notFound, account, addressIdentity: pending, domainIdentity: notFound }),
  ];
  const sesStates = [
    usableSes({ state: 'missing' }),
    usableSes({ state: 'invalid', issues: [{ field: 'region', message: 'missing' }], fields: [] }),
    usableSes({ state: 'invalid', issues: [{ field: 'region', message: 'missing' }, { field: 'templates', message: 'missing' }], fields: [] }),
  ];
  return [...refusals, ...ses, ...recipients, ...sesStates].filter((answer): answer is Failure => !answer.ok);
}

describe("the test-send form's failures in the catalogues", () => {
  it('says in English exactly what the failure says', async () => {
    const all = [...failures(), ...(await rateLimited())];
    expect(all.length).toBeGreaterThan(25);
    for (const failure of all) {
      expect({ code: failure.code, ...failureText('en', failure) }).toEqual({ code: failure.code, message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) });
    }
  });

  it('translates every one into Chinese, with its values filled in', async () => {
    for (const failure of [...failures(), ...(await rateLimited())]) {
      const { message, hint } = failureText('zh-CN', failure);
      expect(message, failure.code).not.toBe(failure.message);
      expect(message, failure.code).toMatch(/[\u4e00-\u9fff]/);
      expect(`${message} ${hint ?? ''}`, failure.code).not.toMatch(/[{}]/);
      if (failure.hint) expect(hint, failure.code).not.toBe(failure.hint);
    }
  });
});

describe("the form's text for a bad field", () => {
  const bad = [
    { to: 'a@example.com\nb@example.com' },
    { to: 'a@example.com, b@example.com' },
    { to: 'Ada <ada@example.com>' },
    { to: 'a b@example.com' },
    { to: '' },
    { to: `${'a'.repeat(250)}@example.com` },
    { to: 'no-at-sign' },
    { to: `${'a'.repeat(65)}@example.com` },
    { to: `a@${'b'.repeat(64)}.com` },
    { to: 'a@b@c' },
    { to: 'a@example..com' },
    { to: 'a@example.com', locale: 'not a tag' },
    { to: 'a@example.com', locale: `en-${'abcdefgh-'.repeat(4)}x` },
  ];
  const refusals = bad.map((input) => parseTestSendRequest(input)).filter((answer): answer is Failure => !answer.ok);

  it('says in English what the API says, and in Chinese what is wrong with the field', () => {
    expect(refusals).toHaveLength(bad.length);
    for (const refusal of refusals) {
      expect(formFailureText('en', refusal), refusal.message).toEqual({ message: refusal.message });
      const chinese = formFailureText('zh-CN', refusal).message;
      expect(chinese, refusal.message).toMatch(/[\u4e00-\u9fff]/);
      expect(chinese).not.toMatch(/[{}]|TestSendInput/);
    }
  });

  it("does not take the language switch's invalid_locale text for the form's locale field", () => {
    const refusal = refusals.find((item) => item.code === 'invalid_locale');
    expect(refusal && formFailureText('zh-CN', refusal).message).toBe('语言必须是一个语言标签，例如“en”或“pt-BR”。');
  });
});
