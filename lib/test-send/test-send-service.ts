import { z } from 'zod';

import type { Session } from '@/lib/auth/session';
import type { AppConfig, SesStatus } from '@/lib/config';
import { failure, type Failure } from '@/lib/failure/failure';
import { checkRecipient, mapSesError, redactSecrets, sendEmail, testCode, usageTypes, type SesSettings, type UsageType } from '@/lib/ses';

import { getTestSendLimiter, type TestSendLimiter } from './rate-limits';
import { templateCandidates, usedTemplate, type TemplateCandidates } from './template-source';
import { templatesOptions, type TemplatesOption, type UsedTemplate } from './used-template';
import { getTestSendLog, type TestSendLog } from './test-send-log';

/**
 * The test send: the connector page's "Send test email", `POST /api/ses/test-send` and
 * `npm run ses:test` all send through here. `sendTestEmail` is the entry point; the route
 * (test-send-route.ts) and the server action (actions.ts) only adapt HTTP and forms to it.
 * Every expected failure is a `Failure` result; nothing returned or logged contains a secret.
 */

/**
 * What a test send asks for. Every usage type Logto sends is accepted, including those without
 * a template of their own: Logto's lookup falls back to the Generic template, which a valid
 * connector config always has, so the test shows exactly what Logto would send for it.
 */
export type TestSendRequest = { to: string; usageType: UsageType; locale?: string; templates: TemplatesOption };

export type TestSendSuccess = {
  ok: true;
  messageId: string;
  to: string;
  usageType: UsageType;
  subject: string;
  /** The template mailed: tenant, connector config or repository, its language and usage type. */
  template: UsedTemplate;
  /** Why this mail may differ from Logto's (no Management API, or a repository preview). */
  note?: string;
};

export type TestSendResult = TestSendSuccess | Failure;

/** The undecoded input: the route's JSON body, or the connector page's form fields. */
export type TestSendInput = { jsonBody: Uint8Array } | { formFields: Record<string, unknown> };

export type TestSendCall = {
  config: AppConfig;
  session: Session;
  input: TestSendInput;
  /** The process-wide limiter for `config` unless given (tests give their own). */
  limiter?: TestSendLimiter;
  /** Asks SES about the recipient (lib/ses/recipient-check.ts) unless given (unit tests give theirs). */
  recipientCheck?: typeof checkRecipient;
  /** Where the sent message is noted as this caller's test send; the process-wide log unless given. */
  sends?: TestSendLog;
};

/**
 * Sends a test email for a caller. The steps run cheapest and least revealing first: a caller
 * learns nothing about the input rules before it has shown who it is, and a send that cannot
 * happen (SES not configured, or a recipient SES would not deliver to) is refused before it is
 * counted against the limits.
 */
export async function sendTestEmail({ config, session, input, limiter, recipientCheck = checkRecipient, sends }: TestSendCall): Promise<TestSendResult> {
  const authorization = authorizeTestSend(config, session);
  if (!authorization.ok) return authorization;
  const request = parseTestSendInput(input);
  if (!request.ok) return request;
  // SES's own settings first: without them no template choice matters.
  const configured = usableSes(config.ses);
  if (!configured.ok) return configured;
  const candidates = await templateCandidates(config, request.value);
  if (!candidates.ok) return candidates;
  const ses = await admitTestRecipient({ config, userId: authorization.caller.userId, to: request.value.to, limiter, recipientCheck });
  if (!ses.ok) return ses;
  const sent = await deliverTestEmail(ses.settings, request.value, candidates.candidates);
  if (sent.ok) await noteTestSend(sends ?? getTestSendLog(config.testSend.redisUrl), sent.messageId, authorization.caller.userId);
  return sent;
}

/** The mail went out: a log that does not answer costs the caller its outcome's events, not the send. */
async function noteTestSend(sends: TestSendLog, messageId: string, userId: string) {
  try {
    await sends.record(messageId, userId);
  } catch {
    console.warn('[test-send] The test send could not be noted (Redis does not answer): its delivery events will not be shown.');
  }
}

/**
 * Whether the app may cause one more test mail to `to` for this user: SES is usable, SES would
 * deliver to the recipient, and neither the user's nor the recipient's limit is used up (one is
 * counted). Every test mail the app causes passes here: its own test send, and the connector
 * test Logto sends when /setup's "Apply to Logto" asks for one.
 */
export async function admitTestRecipient({
  config,
  userId,
  to,
  limiter,
  recipientCheck = checkRecipient,
}: { config: AppConfig; userId: string; to: string } & Pick<TestSendCall, 'limiter' | 'recipientCheck'>): Promise<{ ok: true; settings: SesSettings } | Failure> {
  const ses = usableSes(config.ses);
  if (!ses.ok) return ses;
  // Before the limit: a recipient SES would drop or refuse gets no mail, so asking costs the
  // caller none of their sends (SES's read calls, not its sending quota, pay for it).
  const recipient = await recipientCheck(ses.settings, to);
  if (!recipient.ok) return recipient;
  const limit = await (limiter ?? getTestSendLimiter(config)).consume(userId, to);
  if (!limit.ok) return limit;
  return ses;
}


// --- Authorize -------------------------------------------------------------------------------

export type TestSendCaller = { userId: string; email?: string };

export type Authorization = { ok: true; caller: TestSendCaller } | Failure;

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
    return failure(401, 'not_signed_in', 'Sign in to send a test email.');
  }
  if (session.state === 'expired') {
    return failure(401, 'session_expired', 'Your session has expired: sign in again to send a test email.');
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
    return failure(
      403,
      'not_allowed',
      `Your account${session.email ? ` (${session.email})` : ''} may not send test emails: its verified address is not listed in TEST_SEND_ALLOWED_EMAILS.`,
      {
        hint: 'Ask an administrator to add your address (or @your-domain) to TEST_SEND_ALLOWED_EMAILS (comma-separated) and restart the app.',
        // 'none' cannot be an address (no @): the translation leaves the address out then.
        params: { email: session.email ?? 'none' },
      },
    );
  }
  if (openToSignedIn) {
    return { ok: true, caller };
  }
  return failure(403, 'test_send_disabled', 'Sending test emails is turned off on this deployment.', {
    hint: 'To turn it on, set TEST_SEND_ALLOWED_EMAILS to the comma-separated addresses (or @domain entries) of the people allowed to use it, then restart the app.',
  });
}

// --- Parse -----------------------------------------------------------------------------------

export type ParseTestSendResult = { ok: true; value: TestSendRequest } | Failure;

const exampleBody = '{"to": "ada@example.com", "usageType": "SignIn"}';

function parseTestSendInput(input: TestSendInput): ParseTestSendResult {
  if ('formFields' in input) return parseTestSendRequest(input.formFields);
  const json = decodeJson(input.jsonBody);
  return json.ok ? parseTestSendRequest(json.value) : json;
}

function decodeJson(bytes: Uint8Array): { ok: true; value: unknown } | Failure {
  if (bytes.byteLength === 0) {
    return failure(400, 'invalid_json', `The body is empty: send a JSON object such as ${exampleBody}.`);
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    // The parser's own message quotes the input back; it adds nothing the caller does not have.
    return failure(400, 'invalid_json', `The body is not valid UTF-8 JSON: send an object such as ${exampleBody}.`);
  }
}

/** Logto's console tests a connector with the Generic template. */
const defaultUsageType: UsageType = 'Generic';

// RFC 5321 size limits. Longer addresses are refused by mail servers anyway, and checking the
// length first keeps the format check below cheap.
const maxAddressLength = 254;
const maxLocalPartLength = 64;
const maxDomainLabelLength = 63;

const example = 'ada@example.com';

/**
 * Why `value` is not exactly one bare address, or undefined when it is one. Anything that
 * could make SES read more than one recipient, or a header, is refused with its own reason:
 * line breaks, lists, display names, spaces. `problem` names the reason for the translations
 * (`TestSendInput.to.<problem>`).
 */
function addressProblem(value: string): { problem: string; message: string; max?: number } | undefined {
  if (/[\r\n]/.test(value)) return { problem: 'lineBreak', message: '"to" must be a single line: it contains a line break.' };
  if (/[,;]/.test(value)) return { problem: 'list', message: `"to" takes exactly one address, not a list: send one test per address.` };
  if (/[<>"]/.test(value)) return { problem: 'displayName', message: `"to" takes the bare address without a display name: ${example}, not Ada <${example}>.` };
  if (/\s/.test(value)) return { problem: 'spaces', message: '"to" must not contain spaces.' };
  if (value === '') return { problem: 'empty', message: `"to" is empty: give the address to send the test to, e.g. ${example}.` };
  if (value.length > maxAddressLength) {
    return { problem: 'tooLong', max: maxAddressLength, message: `"to" is longer than ${maxAddressLength} characters, the most an address may have.` };
  }

  const [localPart = '', domain = '', ...rest] = value.split('@');
  if (rest.length > 0 || !domain) return { problem: 'notOne', message: `"to" must be one email address such as ${example}.` };
  if (localPart.length > maxLocalPartLength) {
    return { problem: 'localPartTooLong', max: maxLocalPartLength, message: `The part of "to" before the @ is longer than ${maxLocalPartLength} characters, the most it may have.` };
  }
  if (domain.split('.').some((label) => label.length > maxDomainLabelLength)) {
    return { problem: 'labelTooLong', max: maxDomainLabelLength, message: `A part of the domain of "to" is longer than ${maxDomainLabelLength} characters, the most it may have.` };
  }
  if (!z.email().safeParse(value).success) return { problem: 'invalid', message: `"to" is not a valid email address: expected something like ${example}.` };
  return undefined;
}

const usageTypeList = usageTypes.join(', ');

const requestSchema = z
  .object({
    to: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? `"to" is missing: give the address to send the test to, e.g. ${example}.`
            : `"to" must be a string holding one email address, e.g. ${example}.`,
      })
      .superRefine((value, context) => {
        const problem = addressProblem(value);
        if (problem) context.addIssue({ code: 'custom', message: problem.message, params: { problem: problem.problem, max: problem.max ?? 0 } });
      }),
    usageType: z
      .enum(usageTypes, {
        error: `"usageType" must be one of ${usageTypeList} (Generic when left out). Usage types without a template of their own use the Generic template, as in Logto.`,
      })
      .default(defaultUsageType),
    locale: z
      .string({ error: '"locale" must be a string such as "en" or "pt-BR".' })
      .max(35, '"locale" is too long for a language tag.')
      .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, '"locale" must be a language tag such as "en" or "pt-BR".')
      .optional(),
    templates: z
      .enum(templatesOptions, {
        error: `"templates" must be "tenant" (what Logto would send; the default) or "repository" (email-templates/, a preview before sync).`,
      })
      .default('tenant'),
  })
  .strict();

const codeByField: Record<string, string> = {
  to: 'invalid_email',
  usageType: 'unknown_usage_type',
  locale: 'invalid_locale',
  templates: 'invalid_templates',
};

/** What a form shows for a bad field in its own language (`TestSendInput.<field>.<problem>`): which problem, and its limit. */
function inputParams(issue: z.core.$ZodIssue): Record<string, string | number> {
  const examples = { example, withName: `Ada <${example}>` };
  if (issue.code === 'custom') return { ...examples, problem: String(issue.params?.problem ?? 'invalid'), max: Number(issue.params?.max ?? 0) };
  const problem = issue.code === 'too_big' ? 'tooLong' : issue.code === 'invalid_format' ? 'format' : issue.code === 'invalid_type' ? 'type' : 'invalid';
  return { ...examples, problem, max: 0 };
}

function describeFailure(issue: z.core.$ZodIssue): Failure {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    return failure(400, 'unknown_field', `Unknown field ${names}: the body takes only "to", "usageType", "locale" and "templates".`, { field: issue.keys[0] });
  }
  const field = issue.path[0];
  if (typeof field !== 'string') {
    return failure(400, 'invalid_body', `The body must be a JSON object such as {"to": "${example}", "usageType": "SignIn"}.`);
  }
  return failure(400, codeByField[field] ?? 'invalid_body', issue.message, { field, params: inputParams(issue) });
}

/** Checks already decoded input (parsed JSON, form fields, CLI flags). Reports the first problem. */
export function parseTestSendRequest(input: unknown): ParseTestSendResult {
  const parsed = requestSchema.safeParse(input);
  if (parsed.success) {
    const { to, usageType, locale, templates } = parsed.data;
    return { ok: true, value: locale === undefined ? { to, usageType, templates } : { to, usageType, locale, templates } };
  }
  const [first] = parsed.error.issues;
  return first ? describeFailure(first) : failure(400, 'invalid_body', 'The request is not valid.');
}

// --- Send ------------------------------------------------------------------------------------

/** SES's settings, or why SES cannot send at all (not configured, or configured wrong). */
export function usableSes(ses: SesStatus): { ok: true; settings: SesSettings } | Failure {
  if (ses.state === 'configured') return { ok: true, settings: ses.settings };
  if (ses.state === 'missing') {
    return failure(503, 'ses_not_configured', 'Amazon SES is not configured, so no email can be sent.', {
      hint:
        "Set AWS_SES_CONFIG to the connector JSON, the same as Logto's AWS SES connector (accessKeyId, accessKeySecret, " +
        'region, emailAddress and templates; see .env.example), then restart the app.',
    });
  }
  const count = ses.issues.length;
  return failure(503, 'ses_config_invalid', `AWS_SES_CONFIG is not a valid connector config: ${count} problem${count === 1 ? '' : 's'} to fix.`, {
    hint: 'Correct the fields listed in AWS_SES_CONFIG, then restart the app.',
    fields: ses.issues,
    params: { count },
  });
}

/**
 * Sends the template for the usage type with Logto's test code, chosen in Logto's order from
 * the candidates (template-source.ts), and turns an SES failure into an answer a person can act
 * on. `npm run ses:test` calls it directly: no session, no limits.
 */
export async function deliverTestEmail(settings: SesSettings, { to, usageType, locale }: TestSendRequest, candidates: TemplateCandidates): Promise<TestSendResult> {
  try {
    const payload = locale === undefined ? { code: testCode } : { code: testCode, locale };
    const sent = await sendEmail(settings, { to, usageType, payload, languages: candidates.languages });
    const template = usedTemplate(sent.source, candidates.localizedFrom);
    return { ok: true, messageId: sent.messageId, to, usageType, subject: sent.subject, template, ...(candidates.note && { note: candidates.note }) };
  } catch (error) {
    const answer = mapSesError(error, settings.connector);
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
    const secrets = [settings.connector.accessKeySecret, settings.connector.accessKeyId];
    console.warn(`[test-send] ${usageType} test failed with ${answer.code} (${redactSecrets(cause, secrets)})`);
    return answer;
  }
}
