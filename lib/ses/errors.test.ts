import {
  AccountSuspendedException,
  BadRequestException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  NotFoundException,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';

import { mapSesError, redactSecrets, SesInvalidResponseError, SesTemplateNotFoundError } from './errors';

const connector = {
  region: 'eu-west-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  accessKeySecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

const namedError = (name: string, message = 'boom', extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name }, extra);

describe('redactSecrets', () => {
  it('removes access key IDs and the given secrets', () => {
    const text = `key AKIAIOSFODNN7EXAMPLE, temp ASIAXXXXXXXXXXXXXXXX, secret ${connector.accessKeySecret}!`;
    expect(redactSecrets(text, [connector.accessKeySecret])).toBe('key [redacted], temp [redacted], secret [redacted]!');
  });

  it('leaves ordinary text, and too-short or missing secrets, alone', () => {
    expect(redactSecrets('Email address is not verified.', ['e', undefined, ''])).toBe('Email address is not verified.');
    expect(redactSecrets('AKIA1234 is too short to be a key')).toBe('AKIA1234 is too short to be a key');
  });
});

describe('mapSesError with the SDK exception classes', () => {
  it('MessageRejected: 502 with the SES text and a hint about identities and the sandbox', () => {
    const error = new MessageRejected({
      message: 'Email address is not verified. The following identities failed the check in region EU-WEST-1: a@example.com',
      $metadata: {},
    });
    const answer = mapSesError(error, connector);
    expect(answer).toMatchObject({ status: 502, code: 'ses_message_rejected', awsErrorName: 'MessageRejected' });
    expect(answer.message).toContain('MessageRejected: Email address is not verified');
    expect(answer.hint).toContain('"eu-west-1"');
    expect(answer.hint).toContain('sandbox');
  });

  it('MailFromDomainNotVerifiedException counts as a rejected message', () => {
    const error = new MailFromDomainNotVerifiedException({ message: 'MAIL FROM domain not verified', $metadata: {} });
    expect(mapSesError(error)).toMatchObject({ status: 502, code: 'ses_message_rejected' });
  });

  it.each([
    [TooManyRequestsException, 60],
    [LimitExceededException, 60],
    [SendingPausedException, 3600],
  ])('%o: 503 ses_throttled with retryAfterSeconds', (ExceptionClass, retryAfterSeconds) => {
    const error = new ExceptionClass({ message: 'slow down', $metadata: { httpStatusCode: 429 } });
    expect(mapSesError(error, connector)).toMatchObject({
      status: 503,
      code: 'ses_throttled',
      awsErrorName: error.name,
      retryAfterSeconds,
    });
  });

  it('AccountSuspendedException: 503 without a retry time, since only AWS can lift it', () => {
    const answer = mapSesError(new AccountSuspendedException({ message: 'suspended', $metadata: {} }));
    expect(answer).toMatchObject({ status: 503, code: 'ses_account_suspended' });
    expect(answer.retryAfterSeconds).toBeUndefined();
  });

  it('other service errors: 502 ses_error with name and message, redacted', () => {
    const error = new BadRequestException({ message: `Bad key ${connector.accessKeyId}`, $metadata: { httpStatusCode: 400 } });
    expect(mapSesError(error, connector)).toEqual({
      ok: false,
      status: 502,
      code: 'ses_error',
      message: 'Amazon SES refused the request (BadRequestException: Bad key [redacted]).',
      awsErrorName: 'BadRequestException',
      // What a translated page fills in is redacted as the English message is.
      params: { reason: 'refused', aws: 'BadRequestException: Bad key [redacted]' },
    });
    const notFound = new NotFoundException({ message: 'Configuration set <x> does not exist.', $metadata: {} });
    expect(mapSesError(notFound)).toMatchObject({ status: 502, code: 'ses_error', awsErrorName: 'NotFoundException' });
  });
});

describe('mapSesError for credentials', () => {
  it.each(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException'])(
    '%s: 502 ses_credentials_rejected naming the fields and region to check',
    (name) => {
      const answer = mapSesError(namedError(name, `The security token ${connector.accessKeyId} is invalid.`), connector);
      expect(answer).toMatchObject({ status: 502, code: 'ses_credentials_rejected', awsErrorName: name });
      // AWS's own words, with the access key ID taken out.
      expect(answer.message).toBe(`AWS rejected the credentials (${name}: The security token [redacted] is invalid.).`);
      expect(answer.hint).toContain('accessKeyId and accessKeySecret');
      expect(answer.hint).toContain('"eu-west-1"');
    },
  );

  it('any 403 from AWS counts as rejected credentials', () => {
    const error = Object.assign(new Error('Forbidden'), { name: 'UnknownError', $metadata: { httpStatusCode: 403 } });
    expect(mapSesError(error)).toMatchObject({ status: 502, code: 'ses_credentials_rejected' });
  });

  it('AccessDeniedException explains the missing permission', () => {
    const error = Object.assign(new Error('User: arn:aws:iam::123456789012:user/app is not authorized to perform: ses:SendEmail'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    const answer = mapSesError(error, connector);
    expect(answer.code).toBe('ses_credentials_rejected');
    expect(answer.hint).toContain('ses:SendEmail');
  });
});

describe('mapSesError for timeouts and network failures', () => {
  it.each(['TimeoutError', 'AbortError', 'RequestTimeout'])('%s: 504 ses_timeout', (name) => {
    expect(mapSesError(namedError(name))).toMatchObject({ status: 504, code: 'ses_timeout' });
  });

  it('ETIMEDOUT: 504 ses_timeout', () => {
    expect(mapSesError(namedError('Error', 'connect ETIMEDOUT', { code: 'ETIMEDOUT' }))).toMatchObject({ status: 504, code: 'ses_timeout' });
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN'])('%s: 504 ses_unreachable', (code) => {
    const answer = mapSesError(namedError('Error', `connect ${code} 127.0.0.1:9`, { code }));
    expect(answer).toMatchObject({ status: 504, code: 'ses_unreachable' });
    expect(answer.message).toContain(code);
  });

  it('a reset renamed TimeoutError by the SDK is still reported as unreachable', () => {
    expect(mapSesError(namedError('TimeoutError', 'read ECONNRESET', { code: 'ECONNRESET' }))).toMatchObject({ code: 'ses_unreachable' });
  });

  it('socket hang up: 504 ses_unreachable', () => {
    expect(mapSesError(new Error('socket hang up'))).toMatchObject({ status: 504, code: 'ses_unreachable' });
  });
});

describe('mapSesError for our own and unknown errors', () => {
  it('SesTemplateNotFoundError: 503 ses_template_missing', () => {
    expect(mapSesError(new SesTemplateNotFoundError('BindMfa'))).toMatchObject({ status: 503, code: 'ses_template_missing' });
  });

  it('SesInvalidResponseError: 502 ses_error', () => {
    expect(mapSesError(new SesInvalidResponseError('no id'))).toMatchObject({ status: 502, code: 'ses_error' });
  });

  it.each([new Error(`Region is missing ${connector.accessKeySecret}`), new TypeError('x is not a function'), 'a string', null, 42])(
    'unknown %o: a generic 502 that reveals nothing',
    (error) => {
      const answer = mapSesError(error, connector);
      expect(answer).toEqual({ ok: false, status: 502, code: 'ses_error', message: 'Sending the email failed for an unexpected reason.', params: { reason: 'unexpected', aws: '' } });
    },
  );
});
