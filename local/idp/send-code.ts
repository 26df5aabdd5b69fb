import { mapSesError, sendEmail, type SesSettings } from '../../lib/ses';

import type { CodePurpose } from './verification-codes';

/** Delivers a verification code with the app's SES connector, as Logto's email connector does. */

export type SendCodeResult = { ok: true } | { ok: false; message: string };
export type SendCode = (to: string, purpose: CodePurpose, code: string) => Promise<SendCodeResult>;

export function sesCodeSender(settings: SesSettings, log: (line: string) => void): SendCode {
  return async (to, purpose, code) => {
    try {
      // The subject holds the code, so the log gets only the message id.
      const { messageId } = await sendEmail(settings, { to, usageType: purpose, payload: { code } });
      log(`Sent a ${purpose} code to ${to} (message ${messageId}).`);
      return { ok: true };
    } catch (error) {
      const answer = mapSesError(error, settings.connector);
      log(`Could not send a ${purpose} code to ${to}: ${answer.code}: ${answer.message}`);
      return { ok: false, message: [answer.message, answer.hint].filter(Boolean).join(' ') };
    }
  };
}
