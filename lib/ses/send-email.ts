import { createHash } from 'node:crypto';

import { SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';

import { processWide } from '../process/process-wide';

import type { AwsSesConnectorConfig } from './connector-config';
import { SesInvalidResponseError, SesTemplateNotFoundError } from './errors';
import { chooseTemplate, type LocalizedTemplate, type TagMatch, type TemplateSource } from './template-order';
import { renderEmail, type EmailPayload } from './templates';
import type { UsageType } from './usage-types';

export type SesSettings = {
  connector: AwsSesConnectorConfig;
  /** Overrides the AWS endpoint, e.g. a local SES stand-in at http://127.0.0.1:8005. */
  endpoint?: string;
  /** Upper bound for one send, retries included. */
  timeoutMs: number;
};

export type RenderedEmail = { to: string; subject: string; html: string };

/** The tenant's per-language templates, tried before the connector's own (template-order.ts). */
export type TemplateLanguages = { localized: readonly LocalizedTemplate[]; locale?: string; fallbackLanguage: string; tagMatch?: TagMatch };

export type SendEmailRequest = { to: string; usageType: UsageType; payload: EmailPayload; languages?: TemplateLanguages };

export type SendEmailResult = {
  messageId: string;
  subject: string;
  usageType: UsageType;
  /** The template actually used: the usage type itself, or Generic as the fallback. */
  templateUsageType: UsageType;
  source: TemplateSource;
};

/**
 * The request Logto's connector sends (connector-aws-ses/src/utils.ts): HTML body only, the
 * subject with Charset 'utf8' and the body without one, optional fields passed through even
 * when undefined (the SDK leaves undefined members out of the request).
 */
export function buildSendEmailCommandInput(
  connector: AwsSesConnectorConfig,
  { to, subject, html }: RenderedEmail,
): SendEmailCommandInput {
  return {
    Destination: { ToAddresses: [to] },
    Content: {
      Simple: {
        Subject: { Data: subject, Charset: 'utf8' },
        Body: { Html: { Data: html } },
      },
    },
    FromEmailAddress: connector.emailAddress,
    FromEmailAddressIdentityArn: connector.emailAddressIdentityArn,
    FeedbackForwardingEmailAddress: connector.feedbackForwardingEmailAddress,
    FeedbackForwardingEmailAddressIdentityArn: connector.feedbackForwardingEmailAddressIdentityArn,
    ConfigurationSetName: connector.configurationSetName,
  };
}

// A client owns a connection pool and resolves its config once, so it is reused across
// requests. The config rarely changes; a handful of entries covers a rotation or a test run.
const maxCachedClients = 8;
// One set of clients (and their connection pools) per process, shared by every bundle.
const clients = processWide('ses-clients', () => new Map<string, SESv2Client>());

function clientKey({ connector, endpoint, timeoutMs }: SesSettings): string {
  // Hashed so that the map key does not become one more plain-text copy of the secret.
  const parts = [connector.accessKeyId, connector.accessKeySecret, connector.region, endpoint ?? '', timeoutMs];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export function getSesClient(settings: SesSettings): SESv2Client {
  const key = clientKey(settings);
  const cached = clients.get(key);
  if (cached) {
    return cached;
  }

  const { connector, endpoint, timeoutMs } = settings;
  const client = new SESv2Client({
    region: connector.region,
    credentials: { accessKeyId: connector.accessKeyId, secretAccessKey: connector.accessKeySecret },
    ...(endpoint ? { endpoint } : {}),
    // One retry for a throttled or reset request; the abort signal in sendRenderedEmail still
    // caps the whole send at timeoutMs.
    maxAttempts: 2,
    requestHandler: {
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      // Without this the SDK only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
    },
  });

  if (clients.size >= maxCachedClients) {
    // Oldest first (Map keeps insertion order). Not destroyed: a request may still be using it,
    // and its idle sockets close by themselves.
    const oldest = clients.keys().next().value;
    if (oldest !== undefined) {
      clients.delete(oldest);
    }
  }
  clients.set(key, client);
  return client;
}

export async function sendRenderedEmail(settings: SesSettings, email: RenderedEmail): Promise<{ messageId: string }> {
  const command = new SendEmailCommand(buildSendEmailCommandInput(settings.connector, email));
  const output = await getSesClient(settings).send(command, { abortSignal: AbortSignal.timeout(settings.timeoutMs) });
  if (!output.MessageId) {
    throw new SesInvalidResponseError('Amazon SES answered without a MessageId.');
  }
  return { messageId: output.MessageId };
}

/** Logto's `sendMessage` for email: pick the template, fill it in, send it. */
export async function sendEmail(
  settings: SesSettings,
  { to, usageType, payload, languages }: SendEmailRequest,
): Promise<SendEmailResult> {
  const found = chooseTemplate({
    usageType,
    locale: languages?.locale,
    fallbackLanguage: languages?.fallbackLanguage ?? 'en',
    localized: languages?.localized ?? [],
    connectorTemplates: settings.connector.templates,
    tagMatch: languages?.tagMatch,
  });
  if (!found.ok) {
    throw new SesTemplateNotFoundError(usageType);
  }
  const { subject, html } = renderEmail(found.template, payload);
  const { messageId } = await sendRenderedEmail(settings, { to, subject, html });
  const templateUsageType = found.source.kind === 'localized' ? found.source.templateType : found.source.usageType;
  return { messageId, subject, usageType, templateUsageType, source: found.source };
}
