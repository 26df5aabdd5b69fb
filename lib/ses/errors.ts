import { failure, type Failure } from '../failure/failure';
import { classifyNetworkError } from '../failure/network-error';

import type { AwsSesConnectorConfig } from './connector-config';
import { templateNotFoundMessage } from './templates';

/** No template for the usage type and no Generic one (Logto's `TemplateNotFound`). */
export class SesTemplateNotFoundError extends Error {
  override readonly name = 'SesTemplateNotFoundError';

  constructor(readonly usageType: string) {
    super(templateNotFoundMessage(usageType));
  }
}

/** SES answered 2xx but without a MessageId (Logto treats a non-200 answer as `InvalidResponse`). */
export class SesInvalidResponseError extends Error {
  override readonly name = 'SesInvalidResponseError';
}


/** The parts of the config this module needs: the region for hints, the rest to redact. */
export type SesErrorContext = Partial<Pick<AwsSesConnectorConfig, 'region' | 'accessKeyId' | 'accessKeySecret'>>;

const accessKeyIdPattern = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
export const redactedLabel = '[redacted]';

/**
 * Removes anything shaped like an AWS access key ID, and each given secret, from a text that is
 * about to be shown or logged. Secrets shorter than 4 characters are skipped: replacing every
 * "e" of a message would destroy it and protect nothing.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text.replace(accessKeyIdPattern, redactedLabel);
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 4) {
      result = result.replaceAll(secret, redactedLabel);
    }
  }
  return result;
}

const credentialErrorNames = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'IncompleteSignature',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'ExpiredToken',
  'ExpiredTokenException',
  'AccessDeniedException',
]);

// Retry hints: a rate limit clears within a minute; a paused sender needs a person to resume it.
const throttlingRetryAfter = new Map([
  ['TooManyRequestsException', 60],
  ['ThrottlingException', 60],
  ['Throttling', 60],
  ['LimitExceededException', 60],
  ['SendingPausedException', 3600],
]);

const timeoutNames = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'RequestTimeoutException']);

type ErrorFields = { name: string; message: string; httpStatus?: number; fromAws: boolean };

function readError(error: unknown): ErrorFields | undefined {
  if (error === null || typeof error !== 'object') {
    return undefined;
  }
  const record = error as Record<string, unknown>;
  const metadata = record.$metadata as { httpStatusCode?: unknown } | undefined;
  return {
    name: typeof record.name === 'string' ? record.name : '',
    message: typeof record.message === 'string' ? record.message : '',
    httpStatus: typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined,
    // SDK service exceptions carry `$metadata`; plain errors from Node or our code do not.
    fromAws: typeof metadata === 'object' && metadata !== null,
  };
}

/**
 * Turns whatever `sendEmail` threw into an answer a person can act on, with the status our own
 * API answers: 502 SES said no, 503 try again later, 504 SES did not answer. Texts from AWS pass
 * through `redactSecrets`; stacks and unknown error texts never do.
 */
export function mapSesError(error: unknown, context: SesErrorContext = {}): Failure {
  // 'region "us-east-1"', or without a region 'the configured region' (not 'region the configured region').
  const region = context.region ? `region "${context.region}"` : 'the configured region';
  // For the translations (Failures.<code>): the region without quotes, or 'none' (never a region) when not known.
  const regionParam = context.region ?? 'none';
  const clean = (text: string) => redactSecrets(text, [context.accessKeySecret, context.accessKeyId]);

  if (error instanceof SesTemplateNotFoundError) {
    return failure(503, 'ses_template_missing', `No email template for "${error.usageType}" and no Generic template.`, {
      hint: 'Add a template with "usageType": "Generic" (or one for this usage type) to the connector "templates".',
      params: { usageType: error.usageType },
    });
  }

  if (error instanceof SesInvalidResponseError) {
    return failure(502, 'ses_error', 'Amazon SES answered without a message ID, so delivery is uncertain.', { params: { reason: 'noMessageId', aws: '' } });
  }

  const fields = readError(error);
  if (!fields) {
    return unknownError();
  }
  const { name, httpStatus } = fields;
  const awsText = clean(`${name}: ${fields.message}`);
  const network = classifyNetworkError(error);

  // The SDK renames ECONNRESET/EPIPE to TimeoutError, so the connection codes are checked first.
  if (network?.kind === 'unreachable' || /socket hang up/i.test(fields.message)) {
    return failure(504, 'ses_unreachable', `Amazon SES could not be reached (${network?.code ?? 'connection closed'}).`, {
      params: { cause: network?.code ?? 'closed' },
      hint: 'Check the network and DNS, and if a local SES endpoint is configured, that it is running.',
    });
  }

  if (timeoutNames.has(name) || network?.kind === 'timeout') {
    return failure(504, 'ses_timeout', 'Amazon SES did not answer in time, so the email may not have been sent.', {
      hint: 'Try again in a moment. If it keeps happening, check the network path to SES (or to the local SES endpoint).',
    });
  }

  if (name === 'MessageRejected' || name === 'MailFromDomainNotVerifiedException') {
    return failure(502, 'ses_message_rejected', `Amazon SES rejected the message (${awsText}).`, {
      hint:
        `Verify the sender identity (emailAddress, or its domain) in Amazon SES in ${region}. ` +
        'While the account is in the SES sandbox the recipient must be verified too; request production access to send to anyone.',
      awsErrorName: name,
      params: { aws: awsText, region: regionParam },
    });
  }

  if (credentialErrorNames.has(name) || httpStatus === 403) {
    const permission = name === 'AccessDeniedException';
    const message = permission ? `AWS rejected the credentials for sending email (${awsText}).` : `AWS rejected the credentials (${awsText}).`;
    return failure(502, 'ses_credentials_rejected', message, {
      hint: permission
        ? `Allow ses:SendEmail for the sending identity to the IAM user of accessKeyId, in ${region}.`
        : `Check accessKeyId and accessKeySecret in the connector config, and that the key is active and usable in ${region}.`,
      awsErrorName: name || undefined,
      params: { permission: permission ? 'yes' : 'no', aws: awsText, region: regionParam },
    });
  }

  const retryAfterSeconds = throttlingRetryAfter.get(name);
  if (retryAfterSeconds !== undefined) {
    return failure(503, 'ses_throttled', `Amazon SES is not accepting email from this account right now (${awsText}).`, {
      hint:
        name === 'SendingPausedException'
          ? `Sending is paused for the account or configuration set in ${region}; an administrator has to resume it in the SES console.`
          : 'Sending rate or daily quota reached. Wait and try again, or ask AWS for a higher quota.',
      awsErrorName: name,
      retryAfterSeconds,
      params: { paused: name === 'SendingPausedException' ? 'yes' : 'no', aws: awsText, region: regionParam },
    });
  }

  // Not a rate limit: AWS disabled sending for the whole account, and only AWS support can undo it.
  if (name === 'AccountSuspendedException') {
    return failure(503, 'ses_account_suspended', `Amazon SES has suspended sending for this AWS account (${awsText}).`, {
      hint: `Check the account status in the SES console (${region}) and contact AWS support.`,
      awsErrorName: name,
      params: { aws: awsText, region: regionParam },
    });
  }

  if (fields.fromAws && name !== '') {
    return failure(502, 'ses_error', `Amazon SES refused the request (${awsText}).`, { awsErrorName: name, params: { reason: 'refused', aws: awsText } });
  }
  return unknownError();
}

function unknownError(): Failure {
  return failure(502, 'ses_error', 'Sending the email failed for an unexpected reason.', { params: { reason: 'unexpected', aws: '' } });
}
