import type { AwsSesConnectorConfig } from './connector-config';

/** No template for the usage type and no Generic one (Logto's `TemplateNotFound`). */
export class SesTemplateNotFoundError extends Error {
  override readonly name = 'SesTemplateNotFoundError';

  constructor(readonly usageType: string) {
    super(`Cannot find template for type: ${usageType} (and there is no Generic template to fall back to).`);
  }
}

/** SES answered 2xx but without a MessageId (Logto treats a non-200 answer as `InvalidResponse`). */
export class SesInvalidResponseError extends Error {
  override readonly name = 'SesInvalidResponseError';
}

export type SesErrorAnswer = {
  /** HTTP status for our own API: 502 SES said no, 503 try again later, 504 SES did not answer. */
  status: number;
  code: string;
  message: string;
  hint?: string;
  awsErrorName?: string;
  retryAfterSeconds?: number;
};

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
const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

type ErrorFields = { name: string; message: string; code?: string; httpStatus?: number; fromAws: boolean };

function readError(error: unknown): ErrorFields | undefined {
  if (error === null || typeof error !== 'object') {
    return undefined;
  }
  const record = error as Record<string, unknown>;
  const metadata = record.$metadata as { httpStatusCode?: unknown } | undefined;
  return {
    name: typeof record.name === 'string' ? record.name : '',
    message: typeof record.message === 'string' ? record.message : '',
    code: typeof record.code === 'string' ? record.code : undefined,
    httpStatus: typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined,
    // SDK service exceptions carry `$metadata`; plain errors from Node or our code do not.
    fromAws: typeof metadata === 'object' && metadata !== null,
  };
}

/**
 * Turns whatever `sendEmail` threw into an answer a person can act on. Texts from AWS pass
 * through `redactSecrets`; stacks and unknown error texts never do.
 */
export function mapSesError(error: unknown, context: SesErrorContext = {}): SesErrorAnswer {
  const region = context.region ? `"${context.region}"` : 'the configured region';
  const clean = (text: string) => redactSecrets(text, [context.accessKeySecret, context.accessKeyId]);

  if (error instanceof SesTemplateNotFoundError) {
    return {
      status: 503,
      code: 'ses_template_missing',
      message: `No email template for "${error.usageType}" and no Generic template.`,
      hint: 'Add a template with "usageType": "Generic" (or one for this usage type) to the connector "templates".',
    };
  }

  if (error instanceof SesInvalidResponseError) {
    return { status: 502, code: 'ses_error', message: 'Amazon SES answered without a message ID, so delivery is uncertain.' };
  }

  const fields = readError(error);
  if (!fields) {
    return unknownError();
  }
  const { name, code, httpStatus } = fields;
  const awsText = clean(`${name}: ${fields.message}`);

  // The SDK renames ECONNRESET/EPIPE to TimeoutError, so the connection codes are checked first.
  if ((code !== undefined && unreachableCodes.has(code)) || /socket hang up/i.test(fields.message)) {
    return {
      status: 504,
      code: 'ses_unreachable',
      message: `Amazon SES could not be reached (${code ?? 'connection closed'}).`,
      hint: 'Check the network and DNS, and if a local SES endpoint is configured, that it is running.',
    };
  }

  if (timeoutNames.has(name) || code === 'ETIMEDOUT') {
    return {
      status: 504,
      code: 'ses_timeout',
      message: 'Amazon SES did not answer in time, so the email may not have been sent.',
      hint: 'Try again in a moment. If it keeps happening, check the network path to SES (or to the local SES endpoint).',
    };
  }

  if (name === 'MessageRejected' || name === 'MailFromDomainNotVerifiedException') {
    return {
      status: 502,
      code: 'ses_message_rejected',
      message: `Amazon SES rejected the message (${awsText}).`,
      hint:
        `Verify the sender identity (emailAddress, or its domain) in Amazon SES in region ${region}. ` +
        'While the account is in the SES sandbox the recipient must be verified too; request production access to send to anyone.',
      awsErrorName: name,
    };
  }

  if (credentialErrorNames.has(name) || httpStatus === 403) {
    const permission = name === 'AccessDeniedException';
    return {
      status: 502,
      code: 'ses_credentials_rejected',
      message: permission ? `AWS rejected the credentials for sending email (${awsText}).` : `AWS rejected the credentials (${awsText}).`,
      hint: permission
        ? `Allow ses:SendEmail for the sending identity to the IAM user of accessKeyId, in region ${region}.`
        : `Check accessKeyId and accessKeySecret in the connector config, and that the key is active and usable in region ${region}.`,
      awsErrorName: name || undefined,
    };
  }

  const retryAfterSeconds = throttlingRetryAfter.get(name);
  if (retryAfterSeconds !== undefined) {
    return {
      status: 503,
      code: 'ses_throttled',
      message: `Amazon SES is not accepting email from this account right now (${awsText}).`,
      hint:
        name === 'SendingPausedException'
          ? `Sending is paused for the account or configuration set in region ${region}; an administrator has to resume it in the SES console.`
          : 'Sending rate or daily quota reached. Wait and try again, or ask AWS for a higher quota.',
      awsErrorName: name,
      retryAfterSeconds,
    };
  }

  // Not a rate limit: AWS disabled sending for the whole account, and only AWS support can undo it.
  if (name === 'AccountSuspendedException') {
    return {
      status: 503,
      code: 'ses_account_suspended',
      message: `Amazon SES has suspended sending for this AWS account (${awsText}).`,
      hint: `Check the account status in the SES console (region ${region}) and contact AWS support.`,
      awsErrorName: name,
    };
  }

  if (fields.fromAws && name !== '') {
    return { status: 502, code: 'ses_error', message: `Amazon SES refused the request (${awsText}).`, awsErrorName: name };
  }
  return unknownError();
}

function unknownError(): SesErrorAnswer {
  return { status: 502, code: 'ses_error', message: 'Sending the email failed for an unexpected reason.' };
}
