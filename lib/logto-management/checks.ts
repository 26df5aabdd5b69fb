import type { ConfigProblem, SesStatus } from '@/lib/config';
import { connectorFields, type AwsSesConnectorConfig } from '@/lib/ses';

import { english, list, said, sayValueIn, type Said, type SaidValue } from './doctor-text';

/**
 * The verdicts of the Logto setup doctor: pure functions from what Logto answered to a check
 * that passes, fails with the fix, or was not checked and why. No I/O here (doctor.ts asks).
 * Nothing here quotes a secret: the app secret, the M2M secret and the AWS keys are compared,
 * never shown. A verdict says what it found as catalogue messages (`said`, doctor-text.ts), for
 * /setup in the page's language, and in English (`detail`, `fix`) for the CLIs and tests.
 */

export type CheckStatus = 'pass' | 'fail' | 'not-checked';

export type CheckId = 'settings' | 'discovery' | 'app-credentials' | 'application' | 'redirect-uris' | 'sign-in-experience' | 'email-connector' | 'account-center';

export type Check = {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** What was found (pass, fail) or why it was not checked. */
  detail: string;
  /** What to do about a failure, or how to enable a check that was not run. */
  fix?: string;
  /** The detail and the fix as catalogue messages, which `detail` and `fix` are the English of. */
  said: { detail: Said; fix?: Said };
};

export const checkTitles: Record<CheckId, string> = {
  settings: 'Settings',
  discovery: 'Logto discovery',
  'app-credentials': 'App ID and secret',
  application: 'Logto application',
  'redirect-uris': 'Redirect URIs',
  'sign-in-experience': 'Sign-in experience',
  'email-connector': 'Email connector',
  'account-center': 'Account center',
};

const verdict = (id: CheckId, status: CheckStatus, detail: Said, fix?: Said): Check => ({
  id,
  title: checkTitles[id],
  status,
  detail: english(detail),
  ...(fix && { fix: english(fix) }),
  said: { detail, ...(fix && { fix }) },
});
const pass = (id: CheckId, detail: Said): Check => verdict(id, 'pass', detail);
const fail = (id: CheckId, detail: Said, fix: Said): Check => verdict(id, 'fail', detail, fix);
export const notChecked = (id: CheckId, detail: Said, fix?: Said): Check => verdict(id, 'not-checked', detail, fix);

/** The checks that need the Management API, i.e. an M2M app. */
export const managementChecks: CheckId[] = ['application', 'redirect-uris', 'sign-in-experience', 'email-connector', 'account-center'];

export const enableManagementApiSaid = said('enableManagementApi');
export const enableManagementApi = english(enableManagementApiSaid);

/** An HTTP answer, or why none came. */
export type Outcome = { kind: 'answer'; status: number; body: unknown } | { kind: 'unreachable'; message: string };

const field = (body: unknown, key: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined);

export function settingsVerdict(problems: ConfigProblem[], describe: (problem: ConfigProblem) => string): Check {
  if (problems.length === 0) return pass('settings', said('settingsPass'));
  return fail('settings', said('settingsFail', { count: problems.length, problems: problems.map(describe).join('; ') }), said('settingsFix'));
}

export function discoveryVerdict(endpoint: string, outcome: Outcome): Check {
  const issuer = `${endpoint}/oidc`;
  const where = `${issuer}/.well-known/openid-configuration`;
  if (outcome.kind === 'unreachable') return fail('discovery', said('discoveryUnreachable', { where, message: outcome.message }), said('discoveryUnreachableFix'));
  if (outcome.status !== 200) return fail('discovery', said('discoveryStatus', { where, status: outcome.status }), said('discoveryStatusFix'));
  const found = field(outcome.body, 'issuer');
  if (found !== issuer) {
    return typeof found === 'string'
      ? fail('discovery', said('discoveryIssuer', { found, issuer }), said('discoveryIssuerFixNamed', { endpoint: found.replace(/\/oidc$/, '') }))
      : fail('discovery', said('discoveryIssuer', { found: said('missing'), issuer }), said('discoveryIssuerFix'));
  }
  return pass('discovery', said('discoveryPass', { issuer }));
}

const machineToMachineApp = (appId: string) => fail('app-credentials', said('m2mApp', { appId }), said('m2mAppFix'));

/**
 * The app's own client-credentials request: Logto checks the client before the grant type, so a
 * wrong secret is 401 invalid_client and the right one 400 "grant type is not allowed"
 * (recorded fixtures 04 and 06); an unknown ID is 400 invalid_client (07); a machine-to-machine
 * app gets past the grant type and is refused for the missing resource, 400 invalid_target (10).
 */
export function appCredentialsVerdict(appId: string, outcome: Outcome): Check {
  if (outcome.kind === 'unreachable') return fail('app-credentials', said('tokenUnreachable', { message: outcome.message }), said('checkEndpointNetwork'));
  const error = field(outcome.body, 'error');
  const description = String(field(outcome.body, 'error_description') ?? '');
  if (outcome.status === 400 && error === 'invalid_request' && /grant type is not allowed/.test(description)) {
    return pass('app-credentials', said('appCredentialsPass', { appId }));
  }
  if (outcome.status === 401 && error === 'invalid_client') {
    // A wrong secret, or an app that has none (single-page and native apps): Logto says the same.
    return fail('app-credentials', said('appCredentialsRefused', { appId }), said('appCredentialsRefusedFix'));
  }
  // A machine-to-machine app may use client credentials, and without a resource Logto refuses
  // the request for that alone (fixture 10).
  if (outcome.status === 400 && error === 'invalid_target') return machineToMachineApp(appId);
  if (outcome.status === 400 && error === 'invalid_client') {
    return fail('app-credentials', said('appUnknown', { appId }), said('appUnknownFix'));
  }
  if (outcome.status === 200) return machineToMachineApp(appId);
  return fail('app-credentials', said('tokenUnexpected', { status: outcome.status, error: typeof error === 'string' ? ` ${error}` : '' }), said('tokenUnexpectedFix'));
}

export type AccessProblem = { detail: string; fix: string; said: { detail: Said; fix: Said } };

const accessProblem = (detail: Said, fix: Said): AccessProblem => ({ detail: english(detail), fix: english(fix), said: { detail, fix } });

/** Why a Management API request failed, in terms of what to change; undefined when it did not. */
export function managementAccessProblem(outcome: Outcome, resource: string): AccessProblem | undefined {
  if (outcome.kind === 'unreachable') {
    const refused = /access token: (\d+)/.exec(outcome.message)?.[1];
    if (refused === '401' || refused === '400') return accessProblem(said('m2mTokenRefused', { status: refused }), said('m2mTokenRefusedFix', { resource }));
    return accessProblem(said('managementUnreachable', { message: outcome.message }), said('checkEndpointNetwork'));
  }
  const code = field(outcome.body, 'code');
  if (outcome.status === 401) {
    return accessProblem(said('managementTokenRefused', { code: String(code) }), said('managementTokenRefusedFix', { resource, cloud: 'https://<tenant-id>.logto.app/api' }));
  }
  if (outcome.status === 403) return accessProblem(said('managementForbidden'), said('managementForbiddenFix'));
  return undefined;
}

type Application = { type?: unknown; name?: unknown; oidcClientMetadata?: { redirectUris?: unknown; postLogoutRedirectUris?: unknown } };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

export function applicationVerdict(appId: string, outcome: Outcome & { kind: 'answer' }): Check {
  if (outcome.status === 404) return fail('application', said('applicationMissing', { appId }), said('applicationMissingFix'));
  if (outcome.status !== 200) {
    const code = field(outcome.body, 'code');
    return fail('application', said('applicationStatus', { status: outcome.status, code: code === undefined ? '' : ` ${String(code)}` }), said('tryAgain'));
  }
  const app = outcome.body as Application;
  if (app.type !== 'Traditional') return fail('application', said('applicationType', { appId, type: String(app.type) }), said('applicationTypeFix'));
  return pass('application', typeof app.name === 'string' ? said('applicationPassNamed', { appId, name: app.name }) : said('applicationPass', { appId }));
}

/** The URIs this app needs registered: its callback, and its base URL to return to after sign-out. */
export function requiredUris(baseUrl: string) {
  return { redirectUri: `${baseUrl}/callback`, postLogoutRedirectUri: baseUrl };
}

/** The base URL, or all of them: on Vercel also the production and branch URLs (config `otherBaseUrls`). */
export type BaseUrls = string | readonly string[];

const required = (baseUrls: BaseUrls) => {
  const all = (typeof baseUrls === 'string' ? [baseUrls] : [...baseUrls]).map(requiredUris);
  return { redirectUris: all.map((uris) => uris.redirectUri), postLogoutRedirectUris: all.map((uris) => uris.postLogoutRedirectUri) };
};

export type UriChange = { redirectUris: string[]; postLogoutRedirectUris: string[] };

/** What is missing: empty lists when nothing is. */
export function missingUris(app: unknown, baseUrls: BaseUrls): UriChange {
  const metadata = (app as Application).oidcClientMetadata;
  const needed = required(baseUrls);
  const registered = { redirectUris: strings(metadata?.redirectUris), postLogoutRedirectUris: strings(metadata?.postLogoutRedirectUris) };
  return {
    redirectUris: needed.redirectUris.filter((uri) => !registered.redirectUris.includes(uri)),
    postLogoutRedirectUris: needed.postLogoutRedirectUris.filter((uri) => !registered.postLogoutRedirectUris.includes(uri)),
  };
}

/**
 * The whole new lists for the PATCH: Logto replaces both arrays and refuses one without the
 * other (fixture 20), so the registered URIs are kept and the missing ones appended.
 */
export function patchedUris(app: unknown, missing: UriChange): UriChange {
  const metadata = (app as Application).oidcClientMetadata;
  return {
    redirectUris: [...strings(metadata?.redirectUris), ...missing.redirectUris],
    postLogoutRedirectUris: [...strings(metadata?.postLogoutRedirectUris), ...missing.postLogoutRedirectUris],
  };
}

/** The change, one message per URI: /setup lists them, the CLI joins them. */
export const uriChangeSaids = (change: UriChange): Said[] => [
  ...change.redirectUris.map((uri) => said('addRedirectUri', { uri })),
  ...change.postLogoutRedirectUris.map((uri) => said('addPostLogoutUri', { uri })),
];

export const describeUriChange = (change: UriChange) => uriChangeSaids(change).map(english).join('; ');

export function redirectUrisVerdict(app: unknown, baseUrls: BaseUrls): Check {
  const missing = missingUris(app, baseUrls);
  const needed = required(baseUrls);
  if (missing.redirectUris.length === 0 && missing.postLogoutRedirectUris.length === 0) {
    return pass('redirect-uris', said('redirectPass', { count: needed.redirectUris.length, redirect: needed.redirectUris.join(', '), postLogout: needed.postLogoutRedirectUris.join(', ') }));
  }
  const lacking = [...missing.redirectUris.map((uri) => said('notRedirectUri', { uri })), ...missing.postLogoutRedirectUris.map((uri) => said('notPostLogoutUri', { uri }))];
  return fail('redirect-uris', said('redirectFail', { lacking: list(lacking) }), said('redirectFix', { change: list(uriChangeSaids(missing)) }));
}

type SignInExperience = {
  signInMode?: unknown;
  signUp?: { identifiers?: unknown; verify?: unknown; secondaryIdentifiers?: { identifier?: unknown; verify?: unknown }[] };
  signIn?: { methods?: { identifier?: unknown; verificationCode?: unknown }[] };
};

export function signInExperienceVerdict(outcome: Outcome & { kind: 'answer' }): Check {
  if (outcome.status !== 200) return fail('sign-in-experience', said('experienceStatus', { status: outcome.status }), said('tryAgain'));
  const experience = outcome.body as SignInExperience;
  const problems: Said[] = [];
  const identifiers = strings(experience.signUp?.identifiers);
  const secondary = Array.isArray(experience.signUp?.secondaryIdentifiers) ? experience.signUp.secondaryIdentifiers : [];
  const verifiedSecondaryEmail = secondary.some((item) => (item?.identifier === 'email' || item?.identifier === 'emailOrPhone') && item.verify === true);
  if (identifiers.includes('email') && experience.signUp?.verify !== true) problems.push(said('signUpUnverified'));
  else if (!identifiers.includes('email') && verifiedSecondaryEmail) {
    // The identifiers are Logto's names (username, phone): the same in every language.
    problems.push(said('signUpEmailSecond', { identifiers: identifiers.length > 0 ? identifiers.join(' / ') : said('anotherIdentifier') }));
  } else if (!identifiers.includes('email')) problems.push(said('signUpNoEmail'));
  if (experience.signInMode === 'SignIn') problems.push(said('signUpOff'));
  if (experience.signInMode === 'Register') problems.push(said('signInOff'));
  const methods = Array.isArray(experience.signIn?.methods) ? experience.signIn.methods : [];
  if (!methods.some((method) => method?.identifier === 'email' && method.verificationCode === true)) problems.push(said('noEmailCode'));
  if (problems.length > 0) {
    return fail('sign-in-experience', said('experienceFail', { problems: list(problems) }), said('experienceFix', { patch: '{"signInMode": "SignInAndRegister"}' }));
  }
  return pass('sign-in-experience', said('experiencePass'));
}

type Connector = { id?: unknown; connectorId?: unknown; type?: unknown; config?: unknown };

const secretFields = new Set(['accessKeyId', 'accessKeySecret']);

/** Field by field, the tenant's connector config against AWS_SES_CONFIG; secrets only as "differs". */
export const connectorDifferences = (tenant: Record<string, unknown>, expected: AwsSesConnectorConfig): string[] => connectorDifferenceSaids(tenant, expected).map(english);

export function connectorDifferenceSaids(tenant: Record<string, unknown>, expected: AwsSesConnectorConfig): Said[] {
  const differences: Said[] = [];
  const mine = expected as Record<string, unknown>;
  for (const name of connectorFields) {
    if (name === 'templates') continue;
    const theirs = tenant[name];
    if ((theirs ?? undefined) === (mine[name] ?? undefined)) continue;
    const shown = (value: unknown) => (value === undefined ? said('none') : JSON.stringify(value));
    differences.push(secretFields.has(name) ? said('secretDiffers', { name }) : said('fieldDiffers', { name, theirs: shown(theirs), mine: shown(mine[name]) }));
  }
  const templates = (value: unknown) =>
    new Map(
      (Array.isArray(value) ? value : []).map((template: { usageType?: unknown; subject?: unknown; content?: unknown }) => [String(template?.usageType), template] as const),
    );
  const theirs = templates(tenant.templates);
  const ours = templates(expected.templates);
  for (const [usageType, template] of ours) {
    const other = theirs.get(usageType);
    if (!other) differences.push(said('templateMissing', { usageType }));
    else {
      if (other.subject !== template.subject) differences.push(said('templateSubject', { usageType }));
      if (other.content !== template.content) differences.push(said('templateContent', { usageType }));
    }
  }
  for (const usageType of theirs.keys()) if (!ours.has(usageType)) differences.push(said('templateExtra', { usageType }));
  return differences;
}

export function emailConnectorVerdict(outcome: Outcome & { kind: 'answer' }, ses: SesStatus): Check {
  if (outcome.status !== 200 || !Array.isArray(outcome.body)) return fail('email-connector', said('connectorsStatus', { status: outcome.status }), said('tryAgain'));
  const email = (outcome.body as Connector[]).filter((connector) => connector?.type === 'Email');
  if (email.length === 0) return fail('email-connector', said('noEmailConnector'), said('noEmailConnectorFix'));
  const sesConnector = email.find((connector) => connector.connectorId === 'aws-ses-mail');
  if (!sesConnector) return fail('email-connector', said('otherConnector', { connectorId: String(email[0]?.connectorId) }), said('otherConnectorFix'));
  if (ses.state !== 'configured') return notChecked('email-connector', said('sesConfigUnusable', { state: ses.state === 'missing' ? 'missing' : 'invalid' }), said('sesConfigUnusableFix'));
  const differences = connectorDifferenceSaids((sesConnector.config ?? {}) as Record<string, unknown>, ses.settings.connector);
  if (differences.length > 0) return fail('email-connector', said('connectorDiffers', { differences: list(differences) }), said('connectorDiffersFix'));
  return pass('email-connector', said('connectorPass'));
}

// --- Account center (LOGTO_ACCOUNT_FEATURES) ------------------------------------------------------

/**
 * What /account needs of the tenant's account center (GET/PATCH /api/account-center, recorded
 * in ../shared/reference/logto-account-api): enabled (else every Account API route answers 400
 * account_center.not_enabled, 05), email Edit to change the address (42, 46) and session Edit
 * to end sessions (ReadOnly lists them but refuses the DELETE, 72; Off refuses the list, 73).
 */
export const accountCenterNeeds = { email: 'Edit', session: 'Edit' } as const;

export type AccountCenterChange = { enabled: true; fields: Record<string, string> };

const controlsOf = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((field(body, 'fields') ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

/**
 * The PATCH that turns on what the app needs. Logto replaces `fields` as a whole, so every other
 * field keeps its control (KEY FACTS); undefined when nothing needs to change.
 */
export function accountCenterChange(body: unknown): AccountCenterChange | undefined {
  const fields = controlsOf(body);
  const missing = Object.entries(accountCenterNeeds).filter(([name, control]) => fields[name] !== control);
  if (field(body, 'enabled') === true && missing.length === 0) return undefined;
  return { enabled: true, fields: { ...fields, ...accountCenterNeeds } };
}

export function accountCenterChangeSaid(body: unknown, change: AccountCenterChange): SaidValue {
  const before = controlsOf(body);
  const steps = [
    ...(field(body, 'enabled') === true ? [] : [said('enableAccountCenter')]),
    ...Object.entries(accountCenterNeeds)
      .filter(([name, control]) => before[name] !== control)
      .map(([name, control]) => said('controlChange', { name, before: before[name] ?? 'Off', after: control })),
  ];
  const kept = Object.keys(change.fields).filter((name) => !(name in accountCenterNeeds));
  return kept.length > 0 ? said('accountCenterChangeKept', { steps: list(steps, 'comma'), kept: kept.join(', ') }) : list(steps, 'comma');
}

export const describeAccountCenterChange = (body: unknown, change: AccountCenterChange) => sayValueIn('en', accountCenterChangeSaid(body, change));

export function accountCenterVerdict(outcome: Outcome & { kind: 'answer' }, accountFeatures: boolean): Check {
  const change = outcome.status === 200 ? accountCenterChange(outcome.body) : undefined;
  if (outcome.status === 200 && !change) return pass('account-center', said('accountCenterPass'));
  // Off, the app never calls the Account API: however the account center is set, it serves.
  if (!accountFeatures) return pass('account-center', said('accountCenterNotNeeded'));
  if (outcome.status === 404) return fail('account-center', said('accountCenterMissing'), said('accountCenterMissingFix'));
  if (outcome.status !== 200) return fail('account-center', said('accountCenterStatus', { status: outcome.status }), said('accountCenterStatusFix'));
  return fail('account-center', said('accountCenterNeeded', { change: accountCenterChangeSaid(outcome.body, change!) }), said('accountCenterFix'));
}
