import type { Session } from '@/lib/auth/session';
import type { AppConfig } from '@/lib/config';

import { failure, type TestSendFailure } from './result';

export type TestSendCaller = { userId: string; email?: string };

export type Authorization = { ok: true; caller: TestSendCaller } | TestSendFailure;

/** Who may see the connector's configuration and send test mail, in general terms (never the list itself). */
export const whoMayTestSend =
  'Only people whose verified email address is on TEST_SEND_ALLOWED_EMAILS (listed one by one, or by @domain) may see the connector configuration and send test emails.';

/** An entry is an address, or `@domain` for every address at that domain. */
function isListed(allowedEmails: string[], email: string): boolean {
  const address = email.toLowerCase();
  const domain = address.slice(address.lastIndexOf('@'));
  return allowedEmails.some((entry) => (entry.startsWith('@') ? entry === domain : entry === address));
}

/**
 * Who may send test mail. Anyone can create an account, so being signed in is not enough in
 * production: the caller's verified address must be on TEST_SEND_ALLOWED_EMAILS. `npm run dev`
 * (next dev only) opens it to anyone signed in with TEST_SEND_OPEN_TO_SIGNED_IN, since with the
 * local stand-ins every account belongs to the developer.
 */
export function authorizeTestSend(config: AppConfig, session: Session): Authorization {
  if (session.state === 'signed-out') {
    return failure(401, { code: 'not_signed_in', message: 'Sign in to send a test email.' });
  }
  if (session.state === 'expired') {
    return failure(401, { code: 'session_expired', message: 'Your session has expired: sign in again to send a test email.' });
  }

  const caller: TestSendCaller = { userId: session.claims.sub, email: session.email };
  const { allowedEmails, openToSignedIn } = config.testSend;
  if (allowedEmails !== undefined) {
    // An address the identity provider has not verified proves nothing about who signed in:
    // only an explicit `true` counts, not a missing claim or a look-alike value.
    const verified = session.claims.email_verified === true;
    if (verified && session.email !== undefined && isListed(allowedEmails, session.email)) {
      return { ok: true, caller };
    }
    return failure(403, {
      code: 'not_allowed',
      message: `Your account${session.email ? ` (${session.email})` : ''} may not send test emails: its verified address is not listed in TEST_SEND_ALLOWED_EMAILS.`,
      hint: 'Ask an administrator to add your address (or @your-domain) to TEST_SEND_ALLOWED_EMAILS (comma-separated) and restart the app.',
    });
  }
  if (openToSignedIn) {
    return { ok: true, caller };
  }
  return failure(403, {
    code: 'test_send_disabled',
    message: 'Sending test emails is turned off on this deployment.',
    hint: 'To turn it on, set TEST_SEND_ALLOWED_EMAILS to the comma-separated addresses (or @domain entries) of the people allowed to use it, then restart the app.',
  });
}
