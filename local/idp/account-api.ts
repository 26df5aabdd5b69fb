import type { IncomingMessage, ServerResponse } from 'node:http';

import type Provider from 'oidc-provider';

import { fieldControl, type AccountCenterSettings } from './account-center';
import { profileClaims, type AccountStore, type LocalAccount } from './accounts';
import { readJson } from './http';
import { invalidInput, typeName, zodAnswer, type Answer, type GuardIssue } from './management-connectors';
import type { ManagementStore } from './management-state';
import type { OidcStore } from './oidc-store';
import { sessionsScope } from './provider';
import type { SendCode } from './send-code';
import { requestedLocale } from './sign-in-routes';
import type { RecordTemplateType, VerificationRecords } from './verification-records';

/**
 * The part of Logto's Account API the app's /account uses (the profile, verification codes by
 * email, the change of primary address, the person's sessions), and the rest of what was
 * recorded (the profile's PATCH, the grants list), with the statuses, bodies,
 * error codes and order of checks recorded from a real Logto 1.42
 * (../shared/reference/logto-account-api, replayed by account-api.integration.test.ts). It takes
 * only the person's opaque access token (a token request without `resource`), and every route
 * needs the tenant's account center enabled (account-center.ts).
 */

export type AccountApiOptions = {
  provider: Provider;
  accounts: AccountStore;
  management: ManagementStore;
  oidcStore: OidcStore;
  records: VerificationRecords;
  sendCode: SendCode;
  log: (line: string) => void;
};

type Auth = { account: LocalAccount; scopes: Set<string>; sessionUid?: string; identityVerified: boolean };

type Route = (request: { req: IncomingMessage; url: URL; auth: Auth; center: AccountCenterSettings; params: string[] }) => Promise<Answer>;

/** Logto's RequestError body: the phrase's code and its English text. */
const error = (status: number, code: string, message: string, data?: unknown): Answer => ({ status, body: { code, ...(data !== undefined && { data }), message } });

const unauthorized = error(401, 'auth.unauthorized', 'Unauthorized. Please check credentials and its scope.');
const permissionDenied = error(401, 'verification_record.permission_denied', 'Permission denied, please re-authenticate.');
const notEditable = error(400, 'account_center.field_not_editable', 'Field is not editable.');
const scopeMissing = error(400, 'auth.unauthorized', 'Unauthorized. Please check credentials and its scope.');
const recordNotFound = error(400, 'verification_record.not_found', 'Verification record not found.');

const messages: Record<string, string> = {
  'verification_record.not_found': 'Verification record not found.',
  'verification_code.not_found': 'Verification code not found. Please send verification code first.',
  'verification_code.email_mismatch': 'Email mismatch. Please request a new verification code.',
  'verification_code.exceed_max_try': 'Verification code retries limitation exceeded. Please request a new verification code.',
  'verification_code.code_mismatch': 'Invalid verification code.',
};

/** Logto's `emailRegEx` (core-kit), which is all its guards ask of an address. */
const emailPattern = /^\S+@\S+\.\S+$/;

const required = (value: unknown, path: (string | number)[], expected: string): GuardIssue => ({
  code: 'invalid_type',
  expected,
  received: typeName(value),
  path,
  message: value === undefined ? 'Required' : `Expected ${expected}, received ${typeName(value)}`,
});

/** Logto's `usernameRegEx` (core-kit). */
const usernamePattern = /^[A-Z_a-z]\w*$/;

const nullableString = (value: unknown, path: string[]): GuardIssue | undefined =>
  value === undefined || value === null || typeof value === 'string' ? undefined : required(value, path, 'string');

function objectIssue(body: unknown): GuardIssue | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? undefined : required(body, [], 'object');
}

/** An optional query parameter of a few allowed values (71), or the guard's answer. */
function queryEnum(url: URL, key: string, options: string[]): string | undefined | Answer {
  const value = url.searchParams.get(key);
  if (value === null) return undefined;
  if (options.includes(value)) return value;
  const expected = options.map((option) => `'${option}'`).join(' | ');
  const issue = { received: value, code: 'invalid_enum_value', options, path: [key], message: `Invalid enum value. Expected ${expected}, received '${value}'` };
  return zodAnswer('guard.invalid_input', 'The request query is invalid.', [issue]);
}

/** A JSON object body, or the guard's answer for anything else (bad JSON included). */
async function readObject(req: IncomingMessage): Promise<{ value: Record<string, unknown> } | Answer> {
  const body = await readJson(req);
  const notObject = objectIssue(body);
  return notObject ? invalidInput([notObject]) : { value: body as Record<string, unknown> };
}

function stringIssues(record: Record<string, unknown>, keys: string[]): GuardIssue[] {
  return keys.flatMap((key) => (typeof record[key] === 'string' ? [] : [required(record[key], [key], 'string')]));
}

function emailIssue(value: unknown, path: (string | number)[], maxLength?: number): GuardIssue | undefined {
  if (typeof value !== 'string') return required(value, path, 'string');
  if (maxLength !== undefined && value.length > maxLength) {
    return { code: 'too_big', maximum: maxLength, type: 'string', inclusive: true, exact: false, message: `String must contain at most ${maxLength} character(s)`, path };
  }
  return emailPattern.test(value) ? undefined : { validation: 'regex', code: 'invalid_string', message: 'Invalid', path };
}

/** `verificationCodeIdentifierGuard`: a discriminated union on `type` (email or phone). */
function identifierIssues(identifier: unknown): GuardIssue[] {
  const notObject = objectIssue(identifier);
  if (notObject) return [{ ...notObject, path: ['identifier'] }];
  const { type, value } = identifier as Record<string, unknown>;
  if (type === 'email') {
    const issue = emailIssue(value, ['identifier', 'value'], 256);
    return issue ? [issue] : [];
  }
  if (type === 'phone') return typeof value === 'string' && /^\d+$/.test(value) ? [] : [{ validation: 'regex', code: 'invalid_string', message: 'Invalid', path: ['identifier', 'value'] }];
  return [{ code: 'invalid_union_discriminator', options: ['email', 'phone'], path: ['identifier', 'type'], message: "Invalid discriminator value. Expected 'email' | 'phone'" }];
}

/** The send body's `templateType`: a union of two literals (fixture 33). */
function templateTypeIssue(templateType: unknown): GuardIssue | undefined {
  if (templateType === undefined || templateType === 'BindMfa' || templateType === 'UserPermissionValidation') return undefined;
  const literal = (expected: string) => ({
    issues: [{ received: templateType, code: 'invalid_literal', expected, path: ['templateType'], message: `Invalid literal value, expected "${expected}"` }],
    name: 'ZodError',
  });
  return { code: 'invalid_union', unionErrors: [literal('BindMfa'), literal('UserPermissionValidation')], path: ['templateType'], message: 'Invalid input' };
}

const smsUnavailable = error(501, 'connector.not_found', 'Cannot find any available connector for type: Sms.');

/** The `_logto` cookie Logto sets on its domain from `ui_locales`: raw JSON, not URL-encoded (31). */
function cookieUiLocales(req: IncomingMessage): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (pair.slice(0, separator).trim() !== '_logto') continue;
    try {
      const { uiLocales } = JSON.parse(pair.slice(separator + 1).trim()) as { uiLocales?: unknown };
      return typeof uiLocales === 'string' ? uiLocales : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The mail's language: the `_logto` cookie's uiLocales, else Accept-Language, else the fallback (29-31). */
export const mailLocale = (req: IncomingMessage): string | undefined => requestedLocale({ ui_locales: cookieUiLocales(req) }, req.headers['accept-language']);

/** A malformed escape is kept as sent: it then names no session, which is the answer it deserves. */
function decodedParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

const isReadable = (settings: AccountCenterSettings, field: Parameters<typeof fieldControl>[1]) => fieldControl(settings, field) !== 'Off';

export function createAccountApi(options: AccountApiOptions) {
  const { provider, accounts, management, oidcStore, records, sendCode, log } = options;

  async function authenticate(req: IncomingMessage): Promise<Auth | Answer> {
    const header = req.headers.authorization;
    if (!header) return error(401, 'auth.authorization_header_missing', 'Authorization header is missing.');
    if (!header.startsWith('Bearer ')) {
      return error(401, 'auth.authorization_token_type_not_supported', 'Authorization type is not supported.', { supportedTypes: ['Bearer'] });
    }
    // Only the opaque token of a request without `resource` is stored: a JWT for an API is not found (36).
    const token = await provider.AccessToken.find(header.slice('Bearer '.length));
    const account = token?.accountId ? accounts.findById(token.accountId) : undefined;
    if (!token || !account) return unauthorized;
    const scopes = new Set(typeof token.scope === 'string' ? token.scope.split(' ') : []);
    if (!scopes.has('openid')) return error(403, 'auth.forbidden', 'Forbidden. Please check your user roles and permissions.');
    const verificationId = req.headers['logto-verification-id'];
    const identityVerified = records.provesIdentity(typeof verificationId === 'string' ? verificationId : undefined, account.id);
    return { account, scopes, sessionUid: token.sessionUid, identityVerified };
  }

  /** Logto's `getScopedProfile` then `getAccountCenterFilteredProfile` (08, 41, 45). */
  const getProfile: Route = async ({ auth: { account: signedIn, scopes }, center }) => {
    // A PATCH of the same request has just changed it.
    const account = accounts.findById(signedIn.id) ?? signedIn;
    const basic = scopes.has('profile')
      ? {
          ...(isReadable(center, 'name') && { name: account.name ?? null }),
          ...(isReadable(center, 'avatar') && { avatar: account.avatar ?? null }),
          ...(isReadable(center, 'username') && { username: account.username ?? null }),
          ...(isReadable(center, 'profile') && { profile: account.profile ?? {} }),
          lastSignInAt: account.lastSignInAt ?? null,
          createdAt: account.createdAt,
          updatedAt: account.updatedAt,
          applicationId: management.state.application.id,
          isSuspended: false,
        }
      : {};
    const email = scopes.has('email') && isReadable(center, 'email') ? { primaryEmail: account.email } : {};
    // Every account here has an address: it can always prove who it is by a code.
    return { status: 200, body: { id: account.id, ...email, ...basic, hasSecurityVerificationMethod: true } };
  };

  /** The whole check order of KEY FACTS: guard, identity, field, scope, new-address record, collision (19-25, 42, 46, 52-56). */
  const changePrimaryEmail: Route = async ({ req, auth, center }) => {
    const body = await readObject(req);
    if ('status' in body) return body;
    const { email, newIdentifierVerificationRecordId: recordId } = body.value;
    const issues = [emailIssue(email, ['email']), ...stringIssues(body.value, ['newIdentifierVerificationRecordId'])].filter((issue) => issue !== undefined);
    if (issues.length > 0) return invalidInput(issues);
    if (!auth.identityVerified) return permissionDenied;
    if (fieldControl(center, 'email') !== 'Edit') return notEditable;
    if (!auth.scopes.has('email')) return scopeMissing;
    // Any verified code record for this address will do, even the identity record itself (56).
    const record = records.find(recordId as string);
    if (!record?.verified || record.identifier.value !== email) return recordNotFound;
    const holder = accounts.findByEmail(email as string);
    if (holder && holder.id !== auth.account.id) return error(422, 'user.email_already_in_use', 'This email is associated with an existing account.');
    const previous = auth.account.email;
    accounts.changeEmail(auth.account.id, email as string);
    log(`Changed the address of ${auth.account.id} from ${previous} to ${String(email)}.`);
    return { status: 204 };
  };

  /** PATCH /api/my-account: name, avatar, username, customData, in Logto's order of checks (09, 11, 13, 43). */
  const patchAccount: Route = async (request) => {
    const { req, auth, center } = request;
    const body = await readObject(req);
    if ('status' in body) return body;
    const { name, avatar, username, customData } = body.value;
    const issues = [
      nullableString(name, ['name']),
      nullableString(avatar, ['avatar']) ?? (typeof avatar === 'string' && !URL.canParse(avatar) ? { validation: 'url', code: 'invalid_string', message: 'Invalid url', path: ['avatar'] } : undefined),
      nullableString(username, ['username']) ?? (typeof username === 'string' && !usernamePattern.test(username) ? { validation: 'regex', code: 'invalid_string', message: 'Invalid', path: ['username'] } : undefined),
      customData === undefined ? undefined : objectIssue(customData) && required(customData, ['customData'], 'object'),
    ].filter((issue) => issue !== undefined);
    if (issues.length > 0) return invalidInput(issues);
    const editing = (value: unknown, field: Parameters<typeof fieldControl>[1]) => value !== undefined && fieldControl(center, field) !== 'Edit';
    if (editing(name, 'name') || editing(avatar, 'avatar') || editing(username, 'username') || editing(customData, 'customData')) return notEditable;
    if (!auth.scopes.has('profile')) return scopeMissing;
    // The stand-in grants no `custom_data` scope, so custom data is never writable here (13).
    if (customData !== undefined) return scopeMissing;
    if (username !== undefined) {
      if (!auth.identityVerified) return permissionDenied;
      const holder = typeof username === 'string' ? accounts.findByUsername(username) : undefined;
      if (holder && holder.id !== auth.account.id) return error(422, 'user.username_already_in_use', 'This username is already in use.');
    }
    accounts.updateProfile(auth.account.id, {
      ...(name !== undefined && { name: name as string | null }),
      ...(avatar !== undefined && { avatar: avatar as string | null }),
      ...(username !== undefined && { username: username as string | null }),
    });
    return getProfile(request);
  };

  /** PATCH /api/my-account/profile: merges into the profile and answers the profile alone (10). */
  const patchProfile: Route = async ({ req, auth, center }) => {
    const body = await readObject(req);
    if ('status' in body) return body;
    const record = body.value;
    const fields = Object.keys(profileClaims).filter((field) => record[field] !== undefined);
    const issues = fields.flatMap((field) => (typeof record[field] === 'string' ? [] : [required(record[field], [field], 'string')]));
    if (issues.length > 0) return invalidInput(issues);
    if (fieldControl(center, 'profile') !== 'Edit') return notEditable;
    if (!auth.scopes.has('profile')) return scopeMissing;
    // No `address` scope is granted here either.
    if (record.address !== undefined) return scopeMissing;
    const updated = accounts.updateProfile(auth.account.id, { profile: Object.fromEntries(fields.map((field) => [field, record[field] as string])) });
    return { status: 200, body: updated?.profile ?? {} };
  };

  function sessionGate(auth: Auth, center: AccountCenterSettings, edit: boolean): Answer | undefined {
    if (!auth.identityVerified) return permissionDenied;
    const control = fieldControl(center, 'session');
    if (edit ? control !== 'Edit' : control === 'Off') return edit ? notEditable : error(400, 'account_center.field_not_enabled', 'Field is not enabled.');
    if (!auth.scopes.has(sessionsScope)) return unauthorized;
    return undefined;
  }

  /** 58: every live session of the person, `isCurrent` for the token's own. */
  const listSessions: Route = async ({ auth, center }) => {
    const refused = sessionGate(auth, center, false);
    if (refused) return refused;
    const sessions = oidcStore.sessionsOf(auth.account.id).map((session) => ({ ...session, isCurrent: session.payload.uid === auth.sessionUid }));
    return { status: 200, body: { sessions } };
  };

  /** 62-72: ends a session; with `revokeGrantsTarget` its grants and their tokens too. */
  const deleteSession: Route = async ({ url, auth, center, params: [uid = ''] }) => {
    const target = queryEnum(url, 'revokeGrantsTarget', ['all', 'firstParty']);
    if (typeof target === 'object') return target;
    const refused = sessionGate(auth, center, true);
    if (refused) return refused;
    const session = await provider.Session.findByUid(uid);
    // Logto passes `{ status: 404 }` as the error's data, so the answer is a 400 (70).
    if (!session) return error(400, 'oidc.session_not_found', 'Session not found.', { status: 404 });
    if (session.accountId !== auth.account.id) return error(400, 'oidc.invalid_session_account_id', 'Session accountId mismatch.', { status: 404 });
    // Every app here is first-party, so `firstParty` and `all` revoke the same grants.
    if (target) {
      for (const { grantId } of Object.values(session.authorizations ?? {})) if (typeof grantId === 'string') oidcStore.revokeGrant(grantId);
    }
    oidcStore.destroySession(uid);
    return { status: 204 };
  };

  /** 59: the person's grants (every app here is first-party). */
  const listGrants: Route = async ({ url, auth, center }) => {
    const appType = queryEnum(url, 'appType', ['firstParty', 'thirdParty']);
    if (typeof appType === 'object') return appType;
    const refused = sessionGate(auth, center, false);
    if (refused) return refused;
    const { application } = management.state;
    const grants = appType === 'thirdParty' ? [] : oidcStore.grantsOf(auth.account.id).map((grant) => ({ ...grant, application: { id: grant.payload.clientId, name: grant.payload.clientId === application.id ? application.name : grant.payload.clientId } }));
    return { status: 200, body: { grants } };
  };

  /** 14, 17, 29-33, 47, 48, 54, 74: a code to the person's own address, or to a new one. */
  const sendVerificationCode: Route = async ({ req, auth }) => {
    const body = await readObject(req);
    if ('status' in body) return body;
    const { identifier, templateType: requested } = body.value;
    const issues = [...identifierIssues(identifier), templateTypeIssue(requested)].filter((issue) => issue !== undefined);
    if (issues.length > 0) return invalidInput(issues);
    const { type, value } = identifier as { type: 'email' | 'phone'; value: string };
    if (type === 'phone') return smsUnavailable;
    // Another address than the current one can only be a new one to bind (17).
    const isNewIdentifier = value !== auth.account.email;
    const templateType: RecordTemplateType = isNewIdentifier ? 'BindNewIdentifier' : ((requested as RecordTemplateType | undefined) ?? 'UserPermissionValidation');
    if (!records.maySendTo(value)) return error(429, 'request.message_rate_limited', 'Too many messages sent to this recipient. Please try again later.');
    const { record, code } = records.create({ type: 'email', value }, templateType, isNewIdentifier ? undefined : auth.account.id);
    const sent = await sendCode(value, templateType, code, mailLocale(req));
    if (!sent.ok) return error(400, 'connector.general', `An unexpected error occurred in connector: ${sent.message}`);
    records.countSend(value);
    return { status: 201, body: { verificationRecordId: record.id, expiresAt: new Date(record.expiresAt).toISOString() } };
  };

  const verifyVerificationCode: Route = async ({ req }) => {
    const body = await readObject(req);
    if ('status' in body) return body;
    const record = body.value;
    const issues = [...identifierIssues(record.identifier), ...stringIssues(record, ['verificationId', 'code'])];
    if (issues.length > 0) return invalidInput(issues);
    const { type, value } = record.identifier as { type: 'email' | 'phone'; value: string };
    // No phone records exist here: Logto finds none of that type either.
    if (type === 'phone') return recordNotFound;
    const result = records.verify(record.verificationId as string, value, record.code as string);
    if (!result.ok) return error(400, result.code, messages[result.code] ?? result.code);
    return { status: 200, body: { verificationRecordId: result.record.id } };
  };

  const routes: { method: string; pattern: RegExp; route: Route }[] = [
    { method: 'GET', pattern: /^\/api\/my-account$/, route: getProfile },
    { method: 'PATCH', pattern: /^\/api\/my-account$/, route: patchAccount },
    { method: 'PATCH', pattern: /^\/api\/my-account\/profile$/, route: patchProfile },
    { method: 'GET', pattern: /^\/api\/my-account\/grants$/, route: listGrants },
    { method: 'POST', pattern: /^\/api\/my-account\/primary-email$/, route: changePrimaryEmail },
    { method: 'GET', pattern: /^\/api\/my-account\/sessions$/, route: listSessions },
    { method: 'DELETE', pattern: /^\/api\/my-account\/sessions\/([^/]+)$/, route: deleteSession },
    { method: 'POST', pattern: /^\/api\/verifications\/verification-code$/, route: sendVerificationCode },
    { method: 'POST', pattern: /^\/api\/verifications\/verification-code\/verify$/, route: verifyVerificationCode },
  ];

  async function answer(req: IncomingMessage, url: URL): Promise<Answer & { allow?: string }> {
    const method = req.method ?? 'GET';
    const matches = routes.map((entry) => ({ ...entry, match: entry.pattern.exec(url.pathname) })).filter((entry) => entry.match);
    const found = matches.find((entry) => entry.method === method);
    if (!found) {
      // Logto's router answers a known path with another method before any check (39).
      if (matches.length > 0) return { status: 405, body: 'Method Not Allowed', allow: matches.map((entry) => entry.method).join(', ') };
      return error(404, 'local.not_imitated', `The local stand-in does not imitate ${method} ${url.pathname} of Logto's Account API (local/README.md lists what it does).`);
    }
    const auth = await authenticate(req);
    if ('status' in auth) return auth;
    const center = management.state.accountCenter;
    // Checked for every route after the token, before the body (05, 06: no mail).
    if (!center.enabled) return error(400, 'account_center.not_enabled', 'Account center is not enabled.');
    const params = (found.match?.slice(1) ?? []).map(decodedParam);
    return found.route({ req, url, auth, center, params });
  }

  /** Answers `/api/my-account...` and `/api/verifications...`; false for every other path. */
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!/^\/api\/(my-account|verifications)(\/|$)/.test(url.pathname)) return false;
    const { status, body, allow } = await answer(req, url);
    if (allow) {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', allow, 'cache-control': 'no-store' });
      res.end(String(body));
      return true;
    }
    // A 204 has no body, and Logto sends no content type with it.
    res.writeHead(status, status === 204 ? { 'cache-control': 'no-store' } : { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
    return true;
  };
}
