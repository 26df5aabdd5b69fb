import type { ConfigProblem, SesStatus } from '@/lib/config';
import { connectorFields, type AwsSesConnectorConfig } from '@/lib/ses';

/**
 * The verdicts of the Logto setup doctor: pure functions from what Logto answered to a check
 * that passes, fails with the fix, or was not checked and why. No I/O here (doctor.ts asks).
 * Nothing here quotes a secret: the app secret, the M2M secret and the AWS keys are compared,
 * never shown.
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

const pass = (id: CheckId, detail: string): Check => ({ id, title: checkTitles[id], status: 'pass', detail });
const fail = (id: CheckId, detail: string, fix: string): Check => ({ id, title: checkTitles[id], status: 'fail', detail, fix });
export const notChecked = (id: CheckId, detail: string, fix?: string): Check => ({ id, title: checkTitles[id], status: 'not-checked', detail, ...(fix && { fix }) });

/** The checks that need the Management API, i.e. an M2M app. */
export const managementChecks: CheckId[] = ['application', 'redirect-uris', 'sign-in-experience', 'email-connector', 'account-center'];

export const enableManagementApi =
  'Set LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET to a machine-to-machine app that has a role with the Management API permission "all" (README: "Let the app check Logto").';

/** An HTTP answer, or why none came. */
export type Outcome = { kind: 'answer'; status: number; body: unknown } | { kind: 'unreachable'; message: string };

const field = (body: unknown, key: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined);

export function settingsVerdict(problems: ConfigProblem[], describe: (problem: ConfigProblem) => string): Check {
  if (problems.length === 0) return pass('settings', 'Every setting parses.');
  return fail('settings', `${problems.length} setting${problems.length === 1 ? '' : 's'} to fix: ${problems.map(describe).join('; ')}`, 'Fix them in .env.local or the host\'s environment, then restart.');
}

export function discoveryVerdict(endpoint: string, outcome: Outcome): Check {
  const issuer = `${endpoint}/oidc`;
  const where = `${issuer}/.well-known/openid-configuration`;
  if (outcome.kind === 'unreachable') {
    return fail('discovery', `No answer from ${where}: ${outcome.message}.`, 'Check LOGTO_ENDPOINT (your Logto endpoint, e.g. https://your-tenant.logto.app, without /oidc) and that this machine can reach it.');
  }
  if (outcome.status !== 200) return fail('discovery', `${where} answered HTTP ${outcome.status}.`, 'Check LOGTO_ENDPOINT: it must be the endpoint of a Logto tenant, without /oidc.');
  const found = field(outcome.body, 'issuer');
  if (found !== issuer) {
    return fail('discovery', `The issuer is ${typeof found === 'string' ? found : 'missing'}, not ${issuer}.`, `Set LOGTO_ENDPOINT to the endpoint the issuer names${typeof found === 'string' ? ` (${found.replace(/\/oidc$/, '')})` : ''}.`);
  }
  return pass('discovery', `Logto answers at ${issuer}.`);
}

const machineToMachineApp = (appId: string) =>
  fail(
    'app-credentials',
    `App ${appId} may use client credentials: it is a machine-to-machine app, not the app people sign in to.`,
    'Set LOGTO_APP_ID and LOGTO_APP_SECRET to a Traditional web application; a machine-to-machine app belongs in LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET.',
  );

/**
 * The app's own client-credentials request: Logto checks the client before the grant type, so a
 * wrong secret is 401 invalid_client and the right one 400 "grant type is not allowed"
 * (recorded fixtures 04 and 06); an unknown ID is 400 invalid_client (07); a machine-to-machine
 * app gets past the grant type and is refused for the missing resource, 400 invalid_target (10).
 */
export function appCredentialsVerdict(appId: string, outcome: Outcome): Check {
  if (outcome.kind === 'unreachable') return fail('app-credentials', `The token endpoint did not answer: ${outcome.message}.`, 'Check LOGTO_ENDPOINT and the network.');
  const error = field(outcome.body, 'error');
  const description = String(field(outcome.body, 'error_description') ?? '');
  if (outcome.status === 400 && error === 'invalid_request' && /grant type is not allowed/.test(description)) {
    return pass('app-credentials', `Logto accepts the ID and secret of app ${appId}.`);
  }
  if (outcome.status === 401 && error === 'invalid_client') {
    // A wrong secret, or an app that has none (single-page and native apps): Logto says the same.
    return fail(
      'app-credentials',
      `Logto refuses the ID and secret of app ${appId}: LOGTO_APP_SECRET is not one of its secrets, or the app is not a Traditional web app (single-page and native apps have no secret).`,
      'Use a Traditional web application (Console > Applications): its App ID in LOGTO_APP_ID and one of its App secrets in LOGTO_APP_SECRET.',
    );
  }
  // A machine-to-machine app may use client credentials, and without a resource Logto refuses
  // the request for that alone (fixture 10).
  if (outcome.status === 400 && error === 'invalid_target') return machineToMachineApp(appId);
  if (outcome.status === 400 && error === 'invalid_client') {
    return fail('app-credentials', `Logto knows no application with the ID ${appId}.`, 'Copy the App ID of your Traditional web application (Console > Applications) into LOGTO_APP_ID.');
  }
  if (outcome.status === 200) return machineToMachineApp(appId);
  return fail('app-credentials', `Unexpected answer from the token endpoint: HTTP ${outcome.status}${typeof error === 'string' ? ` ${error}` : ''}.`, 'Check LOGTO_ENDPOINT, LOGTO_APP_ID and LOGTO_APP_SECRET.');
}

/** Why a Management API request failed, in terms of what to change; undefined when it did not. */
export function managementAccessProblem(outcome: Outcome, resource: string): { detail: string; fix: string } | undefined {
  if (outcome.kind === 'unreachable') {
    const refused = /access token: (\d+)/.exec(outcome.message)?.[1];
    if (refused === '401' || refused === '400') {
      return {
        detail: `Logto refused the M2M app's token request (HTTP ${refused}).`,
        fix: `Check LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET (a machine-to-machine app's App ID and secret), and LOGTO_MANAGEMENT_API_RESOURCE (now ${resource}).`,
      };
    }
    return { detail: `The Management API did not answer: ${outcome.message}.`, fix: 'Check LOGTO_ENDPOINT and the network.' };
  }
  const code = field(outcome.body, 'code');
  if (outcome.status === 401) {
    return { detail: `The Management API refused the M2M token (${String(code)}).`, fix: `Set LOGTO_MANAGEMENT_API_RESOURCE to your tenant's Management API indicator (now ${resource}; Cloud: https://<tenant-id>.logto.app/api).` };
  }
  if (outcome.status === 403) {
    return { detail: 'The M2M app may not use the Management API (auth.forbidden).', fix: 'In the Logto console, give the machine-to-machine app a role with the Management API permission "all".' };
  }
  return undefined;
}

type Application = { type?: unknown; name?: unknown; oidcClientMetadata?: { redirectUris?: unknown; postLogoutRedirectUris?: unknown } };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

export function applicationVerdict(appId: string, outcome: Outcome & { kind: 'answer' }): Check {
  if (outcome.status === 404) return fail('application', `The tenant has no application with the ID ${appId}.`, 'Copy the App ID of your Traditional web application into LOGTO_APP_ID.');
  if (outcome.status !== 200) return fail('application', `Reading the application answered HTTP ${outcome.status} ${String(field(outcome.body, 'code') ?? '')}.`.trim(), 'Try again; if it persists, check the tenant in the Logto console.');
  const app = outcome.body as Application;
  if (app.type !== 'Traditional') {
    return fail('application', `Application ${appId} is a ${String(app.type)} app, not a Traditional web app.`, 'Create a Traditional web application (Console > Applications > Create application > Traditional web) and use its ID and secret.');
  }
  return pass('application', `Application ${appId}${typeof app.name === 'string' ? ` ("${app.name}")` : ''} is a Traditional web app.`);
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

export const describeUriChange = (change: UriChange) =>
  [...change.redirectUris.map((uri) => `add redirect URI ${uri}`), ...change.postLogoutRedirectUris.map((uri) => `add post sign-out redirect URI ${uri}`)].join('; ');

export function redirectUrisVerdict(app: unknown, baseUrls: BaseUrls): Check {
  const missing = missingUris(app, baseUrls);
  const needed = required(baseUrls);
  if (missing.redirectUris.length === 0 && missing.postLogoutRedirectUris.length === 0) {
    const list = (uris: string[]) => uris.join(', ');
    const plural = needed.redirectUris.length > 1;
    return pass('redirect-uris', `${list(needed.redirectUris)} ${plural ? 'are redirect URIs' : 'is a redirect URI'} and ${list(needed.postLogoutRedirectUris)} ${plural ? 'post sign-out redirect URIs' : 'a post sign-out redirect URI'}.`);
  }
  const lacking = [
    ...missing.redirectUris.map((uri) => `${uri} is not a redirect URI`),
    ...missing.postLogoutRedirectUris.map((uri) => `${uri} is not a post sign-out redirect URI`),
  ];
  return fail('redirect-uris', `${lacking.join('; ')}: Logto would refuse to send people back here.`, `Run \`npm run logto -- doctor --fix\` (or use "Register the missing URIs" on /setup) to ${describeUriChange(missing)}, or add them in Console > Applications > your app.`);
}

type SignInExperience = {
  signInMode?: unknown;
  signUp?: { identifiers?: unknown; verify?: unknown; secondaryIdentifiers?: { identifier?: unknown; verify?: unknown }[] };
  signIn?: { methods?: { identifier?: unknown; verificationCode?: unknown }[] };
};

export function signInExperienceVerdict(outcome: Outcome & { kind: 'answer' }): Check {
  if (outcome.status !== 200) return fail('sign-in-experience', `Reading the sign-in experience answered HTTP ${outcome.status}.`, 'Try again; if it persists, check the tenant in the Logto console.');
  const experience = outcome.body as SignInExperience;
  const problems: string[] = [];
  const identifiers = strings(experience.signUp?.identifiers);
  const secondary = Array.isArray(experience.signUp?.secondaryIdentifiers) ? experience.signUp.secondaryIdentifiers : [];
  const verifiedSecondaryEmail = secondary.some((item) => (item?.identifier === 'email' || item?.identifier === 'emailOrPhone') && item.verify === true);
  if (identifiers.includes('email') && experience.signUp?.verify !== true) problems.push('sign-up asks for an email address without verifying it');
  else if (!identifiers.includes('email') && verifiedSecondaryEmail) {
    problems.push(`sign-up asks first for ${identifiers.join(' or ') || 'another identifier'}, and for the verified email address only after it, so people cannot sign up with an email code alone`);
  } else if (!identifiers.includes('email')) problems.push('sign-up does not ask for a verified email address');
  if (experience.signInMode === 'SignIn') problems.push('sign-up is turned off (sign-in mode "Sign in only")');
  if (experience.signInMode === 'Register') {
    problems.push(
      'sign-in is turned off (sign-in mode "Register"): the app\'s Sign in lands on Logto\'s registration screen, where an existing address is refused as "linked to another account", so nobody can sign in',
    );
  }
  const methods = Array.isArray(experience.signIn?.methods) ? experience.signIn.methods : [];
  if (!methods.some((method) => method?.identifier === 'email' && method.verificationCode === true)) problems.push('sign-in by email with a verification code is not enabled');
  if (problems.length > 0) {
    return fail(
      'sign-in-experience',
      `${problems.join('; ')}.`,
      'In Console > Sign-in experience > Sign-up and sign-in: sign-up identifier "Email address" with "Verify at sign-up", sign-in method "Email address" with "Verification code", and "Enable user registration" on. A sign-in mode of "Register" (set through the Management API) goes back with PATCH /api/sign-in-exp {"signInMode": "SignInAndRegister"}.',
    );
  }
  return pass('sign-in-experience', 'People sign up with a verified email address and sign in with an email verification code.');
}

type Connector = { id?: unknown; connectorId?: unknown; type?: unknown; config?: unknown };

const secretFields = new Set(['accessKeyId', 'accessKeySecret']);

/** Field by field, the tenant's connector config against AWS_SES_CONFIG; secrets only as "differs". */
export function connectorDifferences(tenant: Record<string, unknown>, expected: AwsSesConnectorConfig): string[] {
  const differences: string[] = [];
  const mine = expected as Record<string, unknown>;
  for (const name of connectorFields) {
    if (name === 'templates') continue;
    const theirs = tenant[name];
    if ((theirs ?? undefined) === (mine[name] ?? undefined)) continue;
    differences.push(
      secretFields.has(name)
        ? `${name} differs`
        : `${name}: the tenant has ${theirs === undefined ? 'none' : JSON.stringify(theirs)}, AWS_SES_CONFIG ${mine[name] === undefined ? 'none' : JSON.stringify(mine[name])}`,
    );
  }
  const templates = (value: unknown) =>
    new Map(
      (Array.isArray(value) ? value : []).map((template: { usageType?: unknown; subject?: unknown; content?: unknown }) => [String(template?.usageType), template] as const),
    );
  const theirs = templates(tenant.templates);
  const ours = templates(expected.templates);
  for (const [usageType, template] of ours) {
    const other = theirs.get(usageType);
    if (!other) differences.push(`templates: the tenant has no ${usageType} template`);
    else {
      if (other.subject !== template.subject) differences.push(`templates: the ${usageType} subject differs`);
      if (other.content !== template.content) differences.push(`templates: the ${usageType} content differs`);
    }
  }
  for (const usageType of theirs.keys()) if (!ours.has(usageType)) differences.push(`templates: the tenant has a ${usageType} template that AWS_SES_CONFIG does not`);
  return differences;
}

export function emailConnectorVerdict(outcome: Outcome & { kind: 'answer' }, ses: SesStatus): Check {
  if (outcome.status !== 200 || !Array.isArray(outcome.body)) return fail('email-connector', `Listing the connectors answered HTTP ${outcome.status}.`, 'Try again; if it persists, check the tenant in the Logto console.');
  const email = (outcome.body as Connector[]).filter((connector) => connector?.type === 'Email');
  if (email.length === 0) {
    return fail('email-connector', 'The tenant has no email connector: nobody can receive a sign-in code.', 'In Console > Connectors > Email and SMS, add the AWS SES connector with the JSON of AWS_SES_CONFIG.');
  }
  const sesConnector = email.find((connector) => connector.connectorId === 'aws-ses-mail');
  if (!sesConnector) {
    return fail('email-connector', `The tenant's email connector is ${String(email[0]?.connectorId)}, not AWS SES.`, 'Replace it with the AWS SES connector (Logto keeps one email connector) and paste the JSON of AWS_SES_CONFIG.');
  }
  if (ses.state !== 'configured') {
    return notChecked(
      'email-connector',
      `The tenant has an AWS SES connector, but AWS_SES_CONFIG is ${ses.state === 'missing' ? 'unset' : 'invalid'}, so there is nothing to compare it with.`,
      'Set AWS_SES_CONFIG to the connector JSON (see /connector).',
    );
  }
  const differences = connectorDifferences((sesConnector.config ?? {}) as Record<string, unknown>, ses.settings.connector);
  if (differences.length > 0) {
    return fail('email-connector', `The tenant's AWS SES connector differs from AWS_SES_CONFIG: ${differences.join('; ')}.`, 'Make them equal: paste AWS_SES_CONFIG into the connector in Console > Connectors, or copy the connector\'s JSON into AWS_SES_CONFIG.');
  }
  return pass('email-connector', 'The tenant\'s AWS SES connector equals AWS_SES_CONFIG, field by field.');
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

export const describeAccountCenterChange = (body: unknown, change: AccountCenterChange) => {
  const before = controlsOf(body);
  const steps = [
    ...(field(body, 'enabled') === true ? [] : ['enable the account center']),
    ...Object.entries(accountCenterNeeds)
      .filter(([name, control]) => before[name] !== control)
      .map(([name, control]) => `${name}: ${before[name] ?? 'Off'} -> ${control}`),
  ];
  const kept = Object.keys(change.fields).filter((name) => !(name in accountCenterNeeds));
  return `${steps.join(', ')}${kept.length > 0 ? ` (kept as they are: ${kept.join(', ')})` : ''}`;
};

export function accountCenterVerdict(outcome: Outcome & { kind: 'answer' }, accountFeatures: boolean): Check {
  const fixHint = 'Run `npm run logto -- doctor --fix` (it shows the change first), or in the Logto Console: Sign-in experience > Account center.';
  const change = outcome.status === 200 ? accountCenterChange(outcome.body) : undefined;
  if (outcome.status === 200 && !change) return pass('account-center', 'Enabled, with email and session editable: /account can change the address and end sessions.');
  // Off, the app never calls the Account API: however the account center is set, it serves.
  if (!accountFeatures) return pass('account-center', 'Not needed: LOGTO_ACCOUNT_FEATURES is off, so /account does not use the Account API.');
  if (outcome.status === 404) {
    return fail('account-center', 'This Logto has no account center (GET /api/account-center answered 404): it is older than the Account API.', 'Upgrade Logto (1.42 or later), or set LOGTO_ACCOUNT_FEATURES=off.');
  }
  if (outcome.status !== 200) return fail('account-center', `GET /api/account-center answered HTTP ${outcome.status}.`, 'Check that the M2M app has the Management API permission "all".');
  return fail('account-center', `/account needs: ${describeAccountCenterChange(outcome.body, change!)}.`, fixHint);
}
