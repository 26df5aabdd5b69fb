import type { SesStatus } from '@/lib/config';
import { mapSesError, redactSecrets, sendEmail } from '@/lib/ses';

import { failure, type TestSendFailure, type TestSendResult } from './result';
import type { TestSendRequest } from './test-send-request';

/** Logto's console tests with this code, so nobody mistakes a test mail for a real one. */
export const testCode = '000000';

/** Why SES cannot send at all (not configured, or configured wrong): known before anything is counted or sent. */
export function sesUnusable(ses: Exclude<SesStatus, { state: 'configured' }>): TestSendFailure {
  if (ses.state === 'missing') {
    return failure(503, {
      code: 'ses_not_configured',
      message: 'Amazon SES is not configured, so no email can be sent.',
      hint:
        "Set AWS_SES_CONFIG to the connector JSON, the same as Logto's AWS SES connector (accessKeyId, accessKeySecret, " +
        'region, emailAddress and templates; see .env.example), then restart the app.',
    });
  }
  const count = ses.issues.length;
  return failure(503, {
    code: 'ses_config_invalid',
    message: `AWS_SES_CONFIG is not a valid connector config: ${count} problem${count === 1 ? '' : 's'} to fix.`,
    hint: 'Correct the fields listed in AWS_SES_CONFIG, then restart the app.',
    fields: ses.issues,
  });
}

/**
 * The one place a test email is sent, for the route, the connector page and the CLI: checks
 * that SES is configured, sends the template for the usage type, and turns any failure into an
 * answer a person can act on. Nothing returned or logged here contains a secret.
 */
export async function performTestSend(ses: SesStatus, { to, usageType, locale }: TestSendRequest): Promise<TestSendResult> {
  if (ses.state !== 'configured') return sesUnusable(ses);

  const { settings } = ses;
  try {
    const payload = locale === undefined ? { code: testCode } : { code: testCode, locale };
    const sent = await sendEmail(settings, { to, usageType, payload });
    return { ok: true, messageId: sent.messageId, to, usageType, subject: sent.subject };
  } catch (error) {
    const { status, retryAfterSeconds, ...answer } = mapSesError(error, settings.connector);
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
    const secrets = [settings.connector.accessKeySecret, settings.connector.accessKeyId];
    console.warn(`[test-send] ${usageType} test failed with ${answer.code} (${redactSecrets(cause, secrets)})`);
    return failure(status, answer, retryAfterSeconds);
  }
}
