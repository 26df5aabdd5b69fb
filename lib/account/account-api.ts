import { failure, type Failure } from '@/lib/failure/failure';
import { classifyNetworkError } from '@/lib/failure/network-error';
import type { Locale } from '@/lib/i18n/locales';

/**
 * The one way to Logto's Account API (`/api/my-account`, `/api/verifications`): every call goes
 * through `callAccountApi` with the person's opaque access token (the SDK's token without a
 * resource; a JWT for any resource is refused, recorded fixture 36), their language (Logto
 * picks the mail's language from Accept-Language, fixtures 29-30) and a deadline. Whatever Logto
 * answers or the network does becomes a success or a `Failure` on the form field it concerns:
 * nothing here throws for an expected answer, so nothing becomes a 500.
 */

export type AccountApiTarget = {
  endpoint: string;
  accessToken: string;
  /**
   * The page's language (the header switch's choice, else the browser's), sent as Accept-Language
   * so the code mail comes in the language the person is reading: the browser's own header
   * would lose the switch's choice.
   */
  language?: Locale;
  timeoutMs: number;
  /** Whether the app has Management API settings: then `npm run logto -- doctor --fix` can turn the account center on. */
  managementApi: boolean;
  fetch?: typeof fetch;
};

export type AccountApiCall = {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  /** A verified identity record (`logto-verification-id`), for the routes that need one. */
  verificationId?: string;
  /** The form field a refusal is about: `code`, `email` or `session`. */
  field?: AccountField;
};

export type AccountField = 'code' | 'email' | 'session';

export type AccountApiAnswer = { ok: true; status: number; body: unknown } | Failure;

export async function callAccountApi(target: AccountApiTarget, call: AccountApiCall): Promise<AccountApiAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${target.accessToken}`, accept: 'application/json' };
  if (target.language) headers['accept-language'] = target.language;
  if (call.verificationId) headers['logto-verification-id'] = call.verificationId;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let body: unknown;
  try {
    response = await (target.fetch ?? fetch)(`${target.endpoint}${call.path}`, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(target.timeoutMs),
      redirect: 'manual',
    });
    body = await readBody(response);
  } catch (error) {
    return networkFailure(error, target.timeoutMs);
  }
  if (response.ok) return { ok: true, status: response.status, body };
  return mapAccountApiError(response.status, body, { field: call.field, managementApi: target.managementApi });
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A gateway's error page or Logto's text/plain 405 (fixture 39): the status says enough.
    return undefined;
  }
}

function networkFailure(error: unknown, timeoutMs: number): Failure {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError' || classifyNetworkError(error)?.kind === 'timeout') {
    return failure(504, 'logto_timeout', `Logto did not answer within ${timeoutMs} ms, so nothing was changed. Try again in a moment.`, { params: { timeoutMs } });
  }
  if (classifyNetworkError(error)) {
    return failure(503, 'logto_unreachable', 'The app could not reach Logto, so nothing was changed. Try again in a moment.');
  }
  throw error;
}

// --- Logto's error codes ------------------------------------------------------------------------

export type AccountFailureCode =
  | 'wrong_code'
  | 'code_for_other_address'
  | 'step_expired'
  | 'identity_check_expired'
  | 'email_in_use'
  | 'invalid_email'
  | 'too_many_emails'
  | 'field_not_editable'
  | 'account_center_off'
  | 'signed_out_by_logto'
  | 'session_not_found'
  | 'logto_refused'
  | 'logto_failing'
  | 'logto_unreachable'
  | 'logto_timeout';

/** What to turn on in Logto, named for someone in the Console (or with the doctor when it can). */
export const accountCenterSettings =
  'the account center enabled, with Email and Session set to Edit (Console > Sign-in experience > Account center, or PATCH /api/account-center on the Management API)';

function accountCenterHint(managementApi: boolean): string {
  return managementApi
    ? `Run \`npm run logto -- doctor --fix\`: it shows and then makes the change (${accountCenterSettings}).`
    : `Ask whoever runs Logto to turn on ${accountCenterSettings}.`;
}

/** Which of the two hints the catalogue's `Failures.<code>.hint` says (a select on `fixer`). */
const accountCenterParams = (managementApi: boolean) => ({ fixer: managementApi ? 'doctor' : 'admin' });

const codeOf = (body: unknown): string | undefined => {
  const code = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Logto's answer to a refused call, as a failure on the field it concerns. Each case cites the
 * recorded exchange it comes from (../shared/reference/logto-account-api).
 */
export function mapAccountApiError(status: number, body: unknown, context: { field?: AccountField; managementApi: boolean }): Failure<AccountFailureCode> {
  const code = codeOf(body);
  const on = (field: AccountField | undefined) => (field ? { field } : {});
  switch (code) {
    case 'verification_code.code_mismatch': // 15
      return failure(400, 'wrong_code', 'That code is not right. Check the latest email and type the 6 digits again.', { field: 'code' });
    case 'verification_code.email_mismatch': // 50
      return failure(400, 'code_for_other_address', 'That code was sent for another address. Ask for a new code.', { field: 'code' });
    case 'verification_record.not_found': // 22, 24, 49, 51, 53, 55
      return failure(400, 'step_expired', 'This code has expired or was already replaced (codes last 10 minutes). Ask for a new code.', { ...on(context.field ?? 'code'), params: { step: 'logto' } });
    case 'verification_record.permission_denied': // 19-21, 52, 57, 62
      return failure(401, 'identity_check_expired', 'Your confirmation has expired (it lasts 10 minutes). Confirm it is you again with a new code.', { params: { reason: 'expired' } });
    case 'user.email_already_in_use': // 54
      return failure(422, 'email_in_use', 'This address already belongs to another account. Use another address.', { field: 'email' });
    case 'guard.invalid_input': // 23, 48
      return context.field === 'email' || context.field === undefined
        ? failure(400, 'invalid_email', 'Logto does not accept this as an email address. Check it and try again.', { field: 'email', params: { reason: 'logto' } })
        : failure(400, 'logto_refused', 'Logto refused this request as invalid.', { ...on(context.field), params: { reason: 'invalid' } });
    case 'request.message_rate_limited': // 74: 10 sends per recipient per 10 minutes
      return failure(429, 'too_many_emails', 'Too many codes were sent to this address. Wait 10 minutes, then ask again.', { ...on(context.field ?? 'email'), retryAfterSeconds: 600 });
    case 'account_center.field_not_editable': // 42, 46, 72
    case 'account_center.field_not_enabled': // 73
      return failure(403, 'field_not_editable', 'Logto does not let you change this here.', { ...on(context.field), hint: accountCenterHint(context.managementApi), params: accountCenterParams(context.managementApi) });
    case 'account_center.not_enabled': // 05, 06
      return failure(503, 'account_center_off', 'Changing your account is not turned on in Logto.', { hint: accountCenterHint(context.managementApi), params: accountCenterParams(context.managementApi) });
    case 'oidc.session_not_found': // 70: HTTP 400 with data.status 404
      return failure(404, 'session_not_found', 'That session has already ended.', { field: 'session' });
    default:
      break;
  }
  // 34-38, 61, 67, 76: no, unknown, revoked or under-scoped token.
  if (status === 401 || code?.startsWith('auth.')) {
    return failure(401, 'signed_out_by_logto', 'Logto no longer accepts your sign-in. Sign out and sign in again.');
  }
  if (status >= 500 || status === 405) {
    return failure(502, 'logto_failing', `Logto answered HTTP ${status}. Try again in a moment.`, { params: { reason: 'status', status } });
  }
  const refusal = code ?? `HTTP ${status}`;
  return failure(400, 'logto_refused', `Logto refused the request (${refusal}).`, { ...on(context.field), params: { reason: 'other', refusal } });
}

// --- The calls the account page makes ----------------------------------------------------------

export type VerificationRecord = { recordId: string; expiresAt: number };

const recordOf = (body: unknown): VerificationRecord | undefined => {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof fields.verificationRecordId !== 'string') return undefined;
  const expiresAt = typeof fields.expiresAt === 'string' ? Date.parse(fields.expiresAt) : Number.NaN;
  return { recordId: fields.verificationRecordId, expiresAt: Number.isFinite(expiresAt) ? expiresAt : Date.now() + 10 * 60_000 };
};

const unexpected = (what: 'the code request' | 'the sessions list') =>
  failure(502, 'logto_failing', `Logto's answer to ${what} was not what the Account API sends. Try again in a moment.`, { params: { reason: what === 'the code request' ? 'codeRequest' : 'sessionsList' } });

/** Mails a code to `email` (14, 17): UserPermissionValidation for the current address, BindNewIdentifier for another. */
export async function sendEmailCode(target: AccountApiTarget, email: string): Promise<{ ok: true; record: VerificationRecord } | Failure> {
  const answer = await callAccountApi(target, { method: 'POST', path: '/api/verifications/verification-code', body: { identifier: { type: 'email', value: email } }, field: 'email' });
  if (!answer.ok) return answer;
  const record = recordOf(answer.body);
  return record ? { ok: true, record } : unexpected('the code request');
}

/** Checks the code the person typed against the record (16, 18). */
export async function verifyEmailCode(target: AccountApiTarget, email: string, recordId: string, code: string): Promise<{ ok: true } | Failure> {
  const answer = await callAccountApi(target, {
    method: 'POST',
    path: '/api/verifications/verification-code/verify',
    body: { identifier: { type: 'email', value: email }, verificationId: recordId, code },
    field: 'code',
  });
  return answer.ok ? { ok: true } : answer;
}

/** Moves the account to the new address (25: 204). */
export async function setPrimaryEmail(target: AccountApiTarget, identityRecordId: string, email: string, newAddressRecordId: string): Promise<{ ok: true } | Failure> {
  const answer = await callAccountApi(target, {
    method: 'POST',
    path: '/api/my-account/primary-email',
    body: { email, newIdentifierVerificationRecordId: newAddressRecordId },
    verificationId: identityRecordId,
    field: 'email',
  });
  return answer.ok ? { ok: true } : answer;
}

export type LogtoSession = {
  uid: string;
  isCurrent: boolean;
  /** When the person signed in there (ms). */
  signedInAt?: number;
  expiresAt?: number;
  userAgent?: string;
  ip?: string;
};

const objectOr = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
const stringOr = (value: unknown) => (typeof value === 'string' ? value : undefined);
const numberOr = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** One entry of GET /api/my-account/sessions (58), reduced to what the page shows. */
export function toLogtoSession(entry: unknown): LogtoSession | undefined {
  const fields = objectOr(entry);
  const payload = objectOr(fields.payload);
  const uid = stringOr(payload.uid);
  if (!uid) return undefined;
  const context = objectOr(objectOr(fields.lastSubmission).signInContext);
  const loginTs = numberOr(payload.loginTs);
  return {
    uid,
    isCurrent: fields.isCurrent === true,
    signedInAt: loginTs === undefined ? undefined : loginTs * 1000,
    expiresAt: numberOr(fields.expiresAt),
    userAgent: stringOr(context.userAgent),
    ip: stringOr(context.ip),
  };
}

export async function listSessions(target: AccountApiTarget, identityRecordId: string): Promise<{ ok: true; sessions: LogtoSession[] } | Failure> {
  const answer = await callAccountApi(target, { method: 'GET', path: '/api/my-account/sessions', verificationId: identityRecordId, field: 'session' });
  if (!answer.ok) return answer;
  const entries = objectOr(answer.body).sessions;
  if (!Array.isArray(entries)) return unexpected('the sessions list');
  return { ok: true, sessions: entries.map(toLogtoSession).filter((session): session is LogtoSession => session !== undefined) };
}

/**
 * Ends one session. `revokeGrantsTarget=all` revokes its grant too, so that device's access
 * and refresh tokens stop at once (64-67); without it they would keep working (63, 68).
 */
export async function endSession(target: AccountApiTarget, identityRecordId: string, uid: string): Promise<{ ok: true } | Failure> {
  const answer = await callAccountApi(target, {
    method: 'DELETE',
    path: `/api/my-account/sessions/${encodeURIComponent(uid)}?revokeGrantsTarget=all`,
    verificationId: identityRecordId,
    field: 'session',
  });
  return answer.ok ? { ok: true } : answer;
}
