import { describe, expect, it } from 'vitest';

import type { SesStatus } from '@/lib/config';
import { parseAppConfig } from '@/lib/config/app-config';
import { defaultLocalConnectorConfig } from '@/lib/ses';

import {
  accountCenterChange,
  accountCenterVerdict,
  appCredentialsVerdict,
  applicationVerdict,
  connectorDifferences,
  describeAccountCenterChange,
  discoveryVerdict,
  emailConnectorVerdict,
  managementAccessProblem,
  missingUris,
  patchedUris,
  redirectUrisVerdict,
  signInExperienceVerdict,
} from './checks';

/** Pure: Logto's recorded answers (fixtures 04, 06, 07, 16, 22, 24) in, verdicts out. No sockets. */

const answer = (status: number, body: unknown) => ({ kind: 'answer' as const, status, body });
const base = 'https://app.example.com';
const secrets = { accessKeyId: 'AKIAABCDEFGHIJKLMNOP', accessKeySecret: 'very-secret-aws-key-value' };
const connector = defaultLocalConnectorConfig({ ...secrets, region: 'eu-west-1', emailAddress: 'App <no-reply@example.com>' });
const ses: SesStatus = { state: 'configured', settings: { connector, timeoutMs: 1000 } };

describe('the management settings', () => {
  const env = {
    LOGTO_ENDPOINT: 'https://abc123.logto.app',
    LOGTO_APP_ID: 'app',
    LOGTO_APP_SECRET: 'secret',
    LOGTO_BASE_URL: base,
    LOGTO_COOKIE_SECRET: 'x'.repeat(32),
  };

  it('are optional, derive the Cloud resource from the endpoint, and default to the self-hosted one', () => {
    const without = parseAppConfig(env);
    expect(without.ok && without.config.managementApi).toBeUndefined();
    const cloud = parseAppConfig({ ...env, LOGTO_M2M_APP_ID: 'm2m', LOGTO_M2M_APP_SECRET: 's' });
    expect(cloud.ok && cloud.config.managementApi).toEqual({ appId: 'm2m', appSecret: 's', resource: 'https://abc123.logto.app/api' });
    const selfHosted = parseAppConfig({ ...env, LOGTO_ENDPOINT: 'https://auth.example.com', LOGTO_M2M_APP_ID: 'm2m', LOGTO_M2M_APP_SECRET: 's' });
    expect(selfHosted.ok && selfHosted.config.managementApi?.resource).toBe('https://default.logto.app/api');
    const explicit = parseAppConfig({ ...env, LOGTO_M2M_APP_ID: 'm2m', LOGTO_M2M_APP_SECRET: 's', LOGTO_MANAGEMENT_API_RESOURCE: 'https://other.example.com/api' });
    expect(explicit.ok && explicit.config.managementApi?.resource).toBe('https://other.example.com/api');
  });

  it('refuses half the credentials, odd characters and a resource that is no URL, never quoting the secret', () => {
    const half = parseAppConfig({ ...env, LOGTO_M2M_APP_SECRET: 'only-the-secret' });
    expect(half.ok).toBe(false);
    if (half.ok) return;
    expect(half.problems).toEqual([expect.objectContaining({ variable: 'LOGTO_M2M_APP_ID', summary: 'missing (the other M2M setting is set)' })]);
    expect(JSON.stringify(half.problems)).not.toContain('only-the-secret');
    const bad = parseAppConfig({ ...env, LOGTO_M2M_APP_ID: 'a b', LOGTO_M2M_APP_SECRET: 's', LOGTO_MANAGEMENT_API_RESOURCE: 'not a url' });
    expect(bad.ok ? [] : bad.problems.map((problem) => problem.variable).sort()).toEqual(['LOGTO_M2M_APP_ID', 'LOGTO_MANAGEMENT_API_RESOURCE']);
  });
});

describe('discovery and the app credentials', () => {
  it('passes on the expected issuer only', () => {
    expect(discoveryVerdict('https://t.logto.app', answer(200, { issuer: 'https://t.logto.app/oidc' })).status).toBe('pass');
    const other = discoveryVerdict('https://t.logto.app', answer(200, { issuer: 'https://u.logto.app/oidc' }));
    expect(other).toMatchObject({ status: 'fail', fix: expect.stringContaining('https://u.logto.app') });
    expect(discoveryVerdict('https://t.logto.app', { kind: 'unreachable', message: 'fetch failed' }).status).toBe('fail');
  });

  it('reads Logto\'s client-credentials answers: 400 grant not allowed is right, 401 a wrong secret, 400 invalid_client an unknown ID', () => {
    expect(appCredentialsVerdict('a', answer(400, { error: 'invalid_request', error_description: 'requested grant type is not allowed for this client' })).status).toBe('pass');
    expect(appCredentialsVerdict('a', answer(401, { error: 'invalid_client', error_description: 'client authentication failed' }))).toMatchObject({ status: 'fail', fix: expect.stringContaining('LOGTO_APP_SECRET') });
    expect(appCredentialsVerdict('a', answer(400, { error: 'invalid_client', error_description: 'invalid client a' }))).toMatchObject({ status: 'fail', fix: expect.stringContaining('LOGTO_APP_ID') });
    expect(appCredentialsVerdict('a', answer(200, { access_token: 'x' })).detail).toMatch(/machine-to-machine/);
  });

  it('gives the machine-to-machine advice for the answer Logto gives an M2M app: 400 invalid_target (fixture 10)', () => {
    const verdict = appCredentialsVerdict('m', answer(400, { code: 'oidc.invalid_target', error: 'invalid_target', error_description: 'both `resource` and `organization_id` are not provided' }));
    expect(verdict).toMatchObject({ status: 'fail', detail: expect.stringContaining('machine-to-machine app'), fix: expect.stringContaining('LOGTO_M2M_APP_ID') });
  });

  it('does not blame the secret alone when Logto refuses the client: a single-page app has none', () => {
    const verdict = appCredentialsVerdict('spa', answer(401, { error: 'invalid_client', error_description: 'client authentication failed' }));
    expect(verdict.detail).toMatch(/not a Traditional web app \(single-page and native apps have no secret\)/);
    expect(verdict.detail).not.toMatch(/^Logto refuses LOGTO_APP_SECRET/);
  });
});

describe('the Management API checks', () => {
  const app = { type: 'Traditional', name: 'Web', oidcClientMetadata: { redirectUris: ['https://other.example.com/callback'], postLogoutRedirectUris: [base] } };

  it('names what to change when the Management API refuses the M2M app', () => {
    expect(managementAccessProblem({ kind: 'unreachable', message: 'Failed to fetch access token: 401 Unauthorized' }, 'r')?.fix).toMatch(/LOGTO_M2M_APP_SECRET/);
    expect(managementAccessProblem(answer(403, { code: 'auth.forbidden' }), 'r')?.fix).toMatch(/permission "all"/);
    expect(managementAccessProblem(answer(401, { code: 'auth.unauthorized' }), 'r')?.fix).toMatch(/LOGTO_MANAGEMENT_API_RESOURCE/);
    expect(managementAccessProblem(answer(200, app), 'r')).toBeUndefined();
  });

  it('wants a Traditional web app', () => {
    expect(applicationVerdict('a', answer(200, app)).status).toBe('pass');
    expect(applicationVerdict('a', answer(200, { ...app, type: 'SPA' })).detail).toMatch(/SPA app/);
    expect(applicationVerdict('a', answer(404, { code: 'entity.not_exists_with_id' })).status).toBe('fail');
  });

  it('finds a missing callback, and the fix keeps the registered URIs', () => {
    const verdict = redirectUrisVerdict(app, base);
    expect(verdict).toMatchObject({ status: 'fail', detail: expect.stringContaining(`${base}/callback is not a redirect URI`) });
    const missing = missingUris(app, base);
    expect(missing).toEqual({ redirectUris: [`${base}/callback`], postLogoutRedirectUris: [] });
    // Both lists whole: Logto refuses a PATCH with only one of them (fixture 20).
    expect(patchedUris(app, missing)).toEqual({ redirectUris: ['https://other.example.com/callback', `${base}/callback`], postLogoutRedirectUris: [base] });
    expect(redirectUrisVerdict({ ...app, oidcClientMetadata: patchedUris(app, missing) }, base).status).toBe('pass');
  });

  it('on Vercel, also needs the production and branch URLs registered', () => {
    const production = 'https://production.example.org';
    const registered = { ...app, oidcClientMetadata: { redirectUris: [`${base}/callback`], postLogoutRedirectUris: [base] } };
    expect(redirectUrisVerdict(registered, [base]).status).toBe('pass');
    const verdict = redirectUrisVerdict(registered, [base, production]);
    expect(verdict).toMatchObject({ status: 'fail', detail: expect.stringContaining(`${production}/callback is not a redirect URI; ${production} is not a post sign-out redirect URI`) });
    expect(missingUris(registered, [base, production])).toEqual({ redirectUris: [`${production}/callback`], postLogoutRedirectUris: [production] });
  });

  it('wants sign-up with a verified email and sign-in with an email code', () => {
    const experience = {
      signInMode: 'SignInAndRegister',
      signUp: { identifiers: ['email'], password: false, verify: true },
      signIn: { methods: [{ identifier: 'email', password: false, verificationCode: true, isPasswordPrimary: false }] },
    };
    expect(signInExperienceVerdict(answer(200, experience)).status).toBe('pass');
    const passwordOnly = { ...experience, signIn: { methods: [{ identifier: 'email', password: true, verificationCode: false }] } };
    expect(signInExperienceVerdict(answer(200, passwordOnly)).detail).toMatch(/verification code is not enabled/);
    expect(signInExperienceVerdict(answer(200, { ...experience, signUp: { identifiers: ['username'], verify: false } })).status).toBe('fail');
    expect(signInExperienceVerdict(answer(200, { ...experience, signInMode: 'SignIn' })).detail).toMatch(/sign-up is turned off/);
  });

  it('fails sign-in mode "Register", in which nobody can sign in, with its fix', () => {
    const experience = {
      signInMode: 'Register',
      signUp: { identifiers: ['email'], password: false, verify: true },
      signIn: { methods: [{ identifier: 'email', password: false, verificationCode: true, isPasswordPrimary: false }] },
    };
    const verdict = signInExperienceVerdict(answer(200, experience));
    expect(verdict).toMatchObject({ status: 'fail', detail: expect.stringContaining('sign-in mode "Register"'), fix: expect.stringContaining('"signInMode": "SignInAndRegister"') });
  });

  it('says what a username sign-up with a verified secondary email asks for', () => {
    const experience = {
      signInMode: 'SignInAndRegister',
      signUp: { identifiers: ['username'], password: true, verify: false, secondaryIdentifiers: [{ identifier: 'email', verify: true }] },
      signIn: { methods: [{ identifier: 'email', password: false, verificationCode: true }] },
    };
    const verdict = signInExperienceVerdict(answer(200, experience));
    expect(verdict.status).toBe('fail');
    expect(verdict.detail).toMatch(/asks first for username, and for the verified email address only after it/);
    expect(verdict.detail).not.toMatch(/does not ask for a verified email address/);
  });

  it('compares the SES connector field by field, naming a differing secret but never showing it', () => {
    const tenant = { ...connector, accessKeySecret: 'another-secret-value', region: 'us-east-1', templates: connector.templates.slice(1) };
    const differences = connectorDifferences(tenant, connector);
    expect(differences).toEqual(['accessKeySecret differs', 'region: the tenant has "us-east-1", AWS_SES_CONFIG "eu-west-1"', `templates: the tenant has no ${connector.templates[0]?.usageType} template`]);
    expect(JSON.stringify(differences)).not.toContain('secret-value');
    const listed = (config: unknown) => answer(200, [{ id: 'c', type: 'Email', connectorId: 'aws-ses-mail', config }]);
    expect(emailConnectorVerdict(listed(connector), ses).status).toBe('pass');
    const verdict = emailConnectorVerdict(listed(tenant), ses);
    expect(verdict.status).toBe('fail');
    for (const secret of [...Object.values(secrets), 'another-secret-value']) expect(JSON.stringify(verdict)).not.toContain(secret);
  });

  it('fails without an email connector or with another kind, and does not compare without AWS_SES_CONFIG', () => {
    expect(emailConnectorVerdict(answer(200, []), ses).detail).toMatch(/no email connector/);
    expect(emailConnectorVerdict(answer(200, [{ type: 'Email', connectorId: 'simple-mail-transfer-protocol' }]), ses).detail).toMatch(/not AWS SES/);
    expect(emailConnectorVerdict(answer(200, [{ type: 'Email', connectorId: 'aws-ses-mail', config: connector }]), { state: 'missing' }).status).toBe('not-checked');
  });
});

describe('accountCenterVerdict', () => {
  const answer = (body: unknown, status = 200) => ({ kind: 'answer' as const, status, body });
  // Recorded: a fresh tenant (01) and the settings the recording enabled (07).
  const fresh = { tenantId: 'default', id: 'default', enabled: false, fields: {}, webauthnRelatedOrigins: [], deleteAccountUrl: null };
  const enabled = { ...fresh, enabled: true, fields: { name: 'Edit', avatar: 'Edit', profile: 'Edit', email: 'Edit', username: 'Edit', customData: 'Edit', session: 'Edit' } };

  it('passes when enabled with email and session editable', () => {
    expect(accountCenterVerdict(answer(enabled), true).status).toBe('pass');
    expect(accountCenterChange(enabled)).toBeUndefined();
  });

  it('fails on a fresh tenant with the change to make, and --fix sends it whole', () => {
    const verdict = accountCenterVerdict(answer(fresh), true);
    expect(verdict).toMatchObject({ status: 'fail', fix: expect.stringMatching(/doctor --fix/) });
    expect(verdict.detail).toMatch(/enable the account center, email: Off -> Edit, session: Off -> Edit/);
    expect(accountCenterChange(fresh)).toEqual({ enabled: true, fields: { email: 'Edit', session: 'Edit' } });
  });

  it('keeps every other field as it is, since Logto replaces fields whole (KEY FACTS)', () => {
    const readOnly = { ...enabled, fields: { ...enabled.fields, email: 'ReadOnly', session: 'ReadOnly', mfa: 'Off' } };
    const change = accountCenterChange(readOnly);
    expect(change?.fields).toEqual({ ...readOnly.fields, email: 'Edit', session: 'Edit' });
    expect(describeAccountCenterChange(readOnly, change!)).toMatch(/email: ReadOnly -> Edit, session: ReadOnly -> Edit \(kept as they are: name, avatar, profile, username, customData, mfa\)/);
  });

  it('needs nothing while the account features are off', () => {
    expect(accountCenterVerdict(answer(fresh), false)).toMatchObject({ status: 'pass', detail: expect.stringMatching(/LOGTO_ACCOUNT_FEATURES is off/) });
    expect(accountCenterVerdict(answer({}, 404), false).status).toBe('pass');
  });

  it('says a Logto without the account center must be upgraded', () => {
    expect(accountCenterVerdict(answer({}, 404), true)).toMatchObject({ status: 'fail', fix: expect.stringMatching(/Upgrade Logto/) });
  });
});
