import type { Session } from '@/lib/auth/session';
import type { AppConfig } from '@/lib/config';

import { failure, type TestSendFailure } from './result';

export type TestSendCaller = { userId: string; email?: string };

export type Authorization = { ok: true; caller: TestSendCaller } | TestSendFailure;

/**
 * Who may send test mail. Anyone can create an account, so being signed in is not enough in
 * production: the caller's address must be on TEST_SEND_ALLOWED_EMAILS. With the local
 * stand-ins every account belongs to the developer, so any signed-in user may.
 */
export function authorizeTestSend(config: AppConfig, session: Session): Authorization {
  if (session.state === 'signed-out') {
    return failure(401, { code: 'not_signed_in', message: 'Sign in to send a test email.' });
  }
  if (session.state === 'expired') {
    return failure(401, { code: 'session_expired', message: 'Your session has expired: sign in again to send a test email.' });
  }

  const caller: TestSendCaller = { userId: session.claims.sub, email: session.email };
  const { allowedEmails } = config.testSend;
  if (allowedEmails !== undefined) {
    // An address the identity provider has not verified proves nothing about who signed in.
    const verified = session.claims.email_verified !== false;
    if (verified && session.email !== undefined && allowedEmails.includes(session.email.toLowerCase())) {
      return { ok: true, caller };
    }
    return failure(403, {
      code: 'not_allowed',
      message: `Your account${session.email ? ` (${session.email})` : ''} may not send test emails: its verified address is not listed in TEST_SEND_ALLOWED_EMAILS.`,
      hint: 'Ask an administrator to add your address to TEST_SEND_ALLOWED_EMAILS (comma-separated) and restart the app.',
    });
  }
  if (config.localMode) {
    return { ok: true, caller };
  }
  return failure(403, {
    code: 'test_send_disabled',
    message: 'Sending test emails is turned off on this deployment.',
    hint: 'To turn it on, set TEST_SEND_ALLOWED_EMAILS to the comma-separated addresses of the people allowed to use it, then restart the app.',
  });
}
