import type { AppConfig, ConfigResult } from '@/lib/config';
import type { ConfigProblem } from '@/lib/config';

import {
  accountCenterChange,
  accountCenterVerdict,
  appCredentialsVerdict,
  applicationVerdict,
  checkTitles,
  describeAccountCenterChange,
  uriChangeSaids,
  discoveryVerdict,
  emailConnectorVerdict,
  enableManagementApi,
  enableManagementApiSaid,
  managementAccessProblem,
  managementChecks,
  missingUris,
  notChecked,
  patchedUris,
  redirectUrisVerdict,
  settingsVerdict,
  signInExperienceVerdict,
  type AccountCenterChange,
  type Check,
  type CheckId,
  type Outcome,
  type UriChange,
} from './checks';
import { ask, managementClientFor, type ManagementClient } from './client';
import { english, list, said, type Said } from './doctor-text';

/**
 * The Logto setup doctor: every check of the Logto side, run in order, for the CLI
 * (`npm run logto -- doctor`) and /setup alike. Checks that need the Management API say "not
 * checked" without an M2M app, and how to enable them.
 */

export type DoctorReport = {
  checks: Check[];
  /** True when no check failed ("not checked" is not a failure). */
  ok: boolean;
  /** The URIs `--fix` would register, when the redirect-URI check failed and can be fixed. */
  uriFix?: UriChange;
  /** The account-center PATCH `--fix` would send, when /account needs it (LOGTO_ACCOUNT_FEATURES=on). */
  accountCenterFix?: { before: unknown; change: AccountCenterChange };
};

export type DoctorOptions = {
  /** How a settings problem reads: the CLI may give the detail, a page only the summary. */
  describeProblem?: (problem: ConfigProblem) => string;
  /** Tests pass a client of their own; otherwise the process-wide one. */
  client?: ManagementClient;
};

const report = (checks: Check[], uriFix?: UriChange, accountCenterFix?: DoctorReport['accountCenterFix']): DoctorReport => ({
  checks,
  ok: checks.every((check) => check.status !== 'fail'),
  ...(uriFix && { uriFix }),
  ...(accountCenterFix && { accountCenterFix }),
});

const allChecks: CheckId[] = ['settings', 'discovery', 'app-credentials', ...managementChecks];

async function fetchOutcome(url: string, init: RequestInit, timeoutMs: number): Promise<Outcome> {
  return ask(async (signal) => {
    const response = await fetch(url, { ...init, signal, cache: 'no-store' });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    return { data: body, response };
  }, timeoutMs);
}

/** Every address people reach the app at: the base URL and, on Vercel, the production and branch URLs. */
const baseUrlsOf = (config: AppConfig) => [config.logto.baseUrl, ...config.logto.otherBaseUrls];

const clientFor = (config: AppConfig, options: DoctorOptions) =>
  options.client ?? (config.managementApi && managementClientFor(config.logto, config.managementApi));

export async function runDoctor(result: ConfigResult, options: DoctorOptions = {}): Promise<DoctorReport> {
  if (!result.ok) {
    const settings = settingsVerdict(result.problems, options.describeProblem ?? ((problem) => `${problem.variable}: ${problem.summary}`));
    return report([settings, ...allChecks.slice(1).map((id) => notChecked(id, said('notCheckedSettings')))]);
  }
  const { config } = result;
  const { endpoint, appId, appSecret, timeoutMs } = config.logto;
  const checks: Check[] = [settingsVerdict([], String)];

  const [discovery, credentials] = await Promise.all([
    fetchOutcome(`${endpoint}/oidc/.well-known/openid-configuration`, {}, timeoutMs),
    // Without resource or scope, as Logto answers the same either way (fixtures 04 and 05).
    fetchOutcome(
      `${endpoint}/oidc/token`,
      {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${appId}:${appSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      },
      timeoutMs,
    ),
  ]);
  checks.push(discoveryVerdict(endpoint, discovery), appCredentialsVerdict(appId, credentials));

  const client = clientFor(config, options);
  if (!client || !config.managementApi) {
    checks.push(...managementChecks.map((id) => notChecked(id, said('notCheckedNoM2m'), enableManagementApiSaid)));
    return report(checks);
  }
  const { resource } = config.managementApi;

  const application = await ask((signal) => client.GET('/api/applications/{id}', { params: { path: { id: appId } }, signal }), timeoutMs);
  const access = managementAccessProblem(application, resource);
  if (access) {
    checks.push({ id: 'application', title: checkTitles.application, status: 'fail', detail: access.detail, fix: access.fix, said: access.said });
    checks.push(...managementChecks.slice(1).map((id) => notChecked(id, said('notCheckedRefused'))));
    return report(checks);
  }
  const app = application as Outcome & { kind: 'answer' };
  const appCheck = applicationVerdict(appId, app);
  checks.push(appCheck);
  let uriFix: UriChange | undefined;
  if (appCheck.status === 'pass') {
    const uris = redirectUrisVerdict(app.body, baseUrlsOf(config));
    checks.push(uris);
    if (uris.status === 'fail') uriFix = missingUris(app.body, baseUrlsOf(config));
  } else {
    checks.push(notChecked('redirect-uris', said('notCheckedApplication')));
  }

  const [experience, connectors, accountCenter] = await Promise.all([
    ask((signal) => client.GET('/api/sign-in-exp', { signal }), timeoutMs),
    ask((signal) => client.GET('/api/connectors', { signal }), timeoutMs),
    ask((signal) => client.GET('/api/account-center', { signal }), timeoutMs),
  ]);
  checks.push(
    experience.kind === 'answer' ? signInExperienceVerdict(experience) : notChecked('sign-in-experience', said('notCheckedUnreachable', { message: experience.message })),
    connectors.kind === 'answer' ? emailConnectorVerdict(connectors, config.ses) : notChecked('email-connector', said('notCheckedUnreachable', { message: connectors.message })),
    accountCenter.kind === 'answer' ? accountCenterVerdict(accountCenter, config.logto.accountFeatures) : notChecked('account-center', said('notCheckedUnreachable', { message: accountCenter.message })),
  );
  const centerChange = accountCenter.kind === 'answer' && accountCenter.status === 200 && config.logto.accountFeatures ? accountCenterChange(accountCenter.body) : undefined;
  return report(checks, uriFix, centerChange && { before: accountCenter.kind === 'answer' ? accountCenter.body : undefined, change: centerChange });
}

/** `message` in English (the CLI); `said` the same as a catalogue message, for /setup's fix. */
export type FixResult = ({ ok: true; changed: boolean } | { ok: false }) & { message: string; said?: Said };

const fixed = (changed: boolean, message: Said): FixResult => ({ ok: true, changed, message: english(message), said: message });
const notFixed = (message: Said): FixResult => ({ ok: false, message: english(message), said: message });

/**
 * Registers the app's missing redirect and post sign-out URIs. Reads the application again
 * first, so that URIs added meanwhile in the console are kept: the PATCH sends both lists whole
 * (Logto replaces them, and refuses one without the other).
 */
export async function fixRedirectUris(config: AppConfig, options: Pick<DoctorOptions, 'client'> = {}): Promise<FixResult> {
  const client = clientFor(config, options);
  if (!client || !config.managementApi) return notFixed(said('fixNeedsManagementApi', { enable: enableManagementApiSaid }));
  const { appId, timeoutMs } = config.logto;
  const current = await ask((signal) => client.GET('/api/applications/{id}', { params: { path: { id: appId } }, signal }), timeoutMs);
  const access = managementAccessProblem(current, config.managementApi.resource);
  if (access) return notFixed(said('problemAndFix', { problem: access.said.detail, fix: access.said.fix }));
  const app = current as Outcome & { kind: 'answer' };
  const verdict = applicationVerdict(appId, app);
  if (verdict.status !== 'pass') return notFixed(verdict.said.fix ? said('problemAndFix', { problem: verdict.said.detail, fix: verdict.said.fix }) : verdict.said.detail);

  const missing = missingUris(app.body, baseUrlsOf(config));
  if (missing.redirectUris.length === 0 && missing.postLogoutRedirectUris.length === 0) return fixed(false, said('fixNothing'));
  const lists = patchedUris(app.body, missing);
  // The generated types describe the URIs as objects; Logto's guard takes strings (fixture 18).
  type Metadata = NonNullable<NonNullable<Parameters<ManagementClient['PATCH']>[1]>['body']>;
  const body = { oidcClientMetadata: lists } as unknown as Metadata;
  const patched = await ask((signal) => client.PATCH('/api/applications/{id}', { params: { path: { id: appId } }, body, signal }), timeoutMs);
  if (patched.kind === 'unreachable') return notFixed(said('fixUnanswered', { message: patched.message }));
  if (patched.status !== 200) {
    const message = (patched.body as { message?: unknown } | undefined)?.message;
    return notFixed(said('fixRefused', { status: patched.status, message: typeof message === 'string' ? ` (${message})` : '' }));
  }
  return fixed(true, said('fixDone', { change: list(uriChangeSaids(missing)) }));
}

/**
 * Turns on what /account needs in the tenant's account center. Reads the settings again first
 * and sends `fields` whole with every other field's control kept: Logto replaces it (KEY FACTS).
 */
export async function fixAccountCenter(config: AppConfig, options: Pick<DoctorOptions, 'client'> = {}): Promise<FixResult> {
  const client = clientFor(config, options);
  if (!client || !config.managementApi) return { ok: false, message: `The account center can only be changed through the Management API. ${enableManagementApi}` };
  const { timeoutMs } = config.logto;
  const current = await ask((signal) => client.GET('/api/account-center', { signal }), timeoutMs);
  const access = managementAccessProblem(current, config.managementApi.resource);
  if (access) return { ok: false, message: `${access.detail} ${access.fix}` };
  const answer = current as Outcome & { kind: 'answer' };
  if (answer.status !== 200) return { ok: false, message: `GET /api/account-center answered HTTP ${answer.status}.` };
  const change = accountCenterChange(answer.body);
  if (!change) return { ok: true, changed: false, message: 'Nothing to change: the account center already lets /account work.' };
  type Body = NonNullable<NonNullable<Parameters<ManagementClient['PATCH']>[1]>['body']>;
  const patched = await ask((signal) => client.PATCH('/api/account-center', { body: change as unknown as Body, signal }), timeoutMs);
  if (patched.kind === 'unreachable') return { ok: false, message: `Logto did not answer the change: ${patched.message}. Run the doctor again to see whether it was made.` };
  if (patched.status !== 200) {
    const message = (patched.body as { message?: unknown } | undefined)?.message;
    return { ok: false, message: `Logto refused the change: HTTP ${patched.status}${typeof message === 'string' ? ` (${message})` : ''}.` };
  }
  return { ok: true, changed: true, message: `Account center changed: ${describeAccountCenterChange(answer.body, change)}.` };
}
