import { mapSesError, parseSesConnectorConfig, sendEmail, type UsageType } from '../../lib/ses';

import { fallbackLanguageOf, localizedTemplates, type SesEndpoint } from './management-connectors';
import type { ManagementStore } from './management-state';

/**
 * Delivers a verification code as Logto does: with the tenant's email connector as the
 * Management API last left it (so a `sync` shows in the next code mail), and the template
 * picked in Logto's order for the sign-in's language (lib/ses/template-order.ts).
 */

export type SendCodeResult = { ok: true } | { ok: false; message: string };
/**
 * `purpose`: the usage type (SignIn and Register for sign-in, UserPermissionValidation,
 * BindNewIdentifier and BindMfa for the Account API). `locale`: the request's language as Logto picks it (sign-in-language.ts), e.g. `zh-CN` for `ui_locales=zh`.
 */
export type SendCode = (to: string, purpose: UsageType, code: string, locale?: string) => Promise<SendCodeResult>;

export function sesCodeSender(store: ManagementStore, ses: SesEndpoint, log: (line: string) => void): SendCode {
  return async (to, purpose, code, locale) => {
    const { state } = store;
    const connector = state.connectors[0];
    if (connector?.connectorId !== 'aws-ses-mail') {
      const message = connector ? `The tenant's email connector is ${connector.connectorId}: the local stand-in sends only through AWS SES.` : 'The tenant has no email connector.';
      log(`Could not send a ${purpose} code to ${to}: ${message}`);
      return { ok: false, message };
    }
    const parsed = parseSesConnectorConfig(connector.config);
    if (!parsed.ok) {
      log(`Could not send a ${purpose} code to ${to}: the tenant's AWS SES connector config is invalid.`);
      return { ok: false, message: "The tenant's AWS SES connector config is invalid." };
    }
    const settings = { connector: parsed.config, endpoint: ses.endpoint, timeoutMs: ses.timeoutMs };
    try {
      const languages = { localized: localizedTemplates(state.emailTemplates), locale, fallbackLanguage: fallbackLanguageOf(state) };
      // The subject holds the code, so the log gets only the message id and the template used.
      const { messageId, source } = await sendEmail(settings, { to, usageType: purpose, payload: { code, ...(locale && { locale }) }, languages });
      const template = source.kind === 'localized' ? `${source.languageTag}/${source.templateType}` : `connector ${source.usageType}`;
      log(`Sent a ${purpose} code to ${to} (message ${messageId}, template ${template}).`);
      return { ok: true };
    } catch (error) {
      const answer = mapSesError(error, settings.connector);
      log(`Could not send a ${purpose} code to ${to}: ${answer.code}: ${answer.message}`);
      return { ok: false, message: [answer.message, answer.hint].filter(Boolean).join(' ') };
    }
  };
}
