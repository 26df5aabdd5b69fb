import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { parseAppConfig } from '../../lib/config/app-config';
import { managementClientFor } from '../../lib/logto-management/client';
import { fixRedirectUris, runDoctor } from '../../lib/logto-management/doctor';
import { runSync } from '../../lib/logto-management/sync';
import { replaceProcessWide } from '../../lib/process/process-wide';
import { localSesConnectorConfig } from '../app-environment';

import { testApp, TestStack } from '../../testing/idp-test-stack';

/**
 * The doctor and Logto's typed client (@logto/api) against the local stand-in over HTTP: every
 * check passing, each failing the way a tenant can get it wrong, the redirect-URI fix, and the
 * M2M token asked for once per process.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.start();
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  vi.restoreAllMocks();
});

function env(overrides: Record<string, string | undefined> = {}) {
  return {
    LOGTO_ENDPOINT: stack.idp.url,
    LOGTO_APP_ID: testApp.clientId,
    LOGTO_APP_SECRET: testApp.clientSecret,
    LOGTO_BASE_URL: testApp.baseUrl,
    LOGTO_COOKIE_SECRET: 'doctor-test-cookie-secret-0123456789abcdef',
    LOGTO_M2M_APP_ID: testApp.m2mClientId,
    LOGTO_M2M_APP_SECRET: testApp.m2mClientSecret,
    AWS_SES_CONFIG: JSON.stringify(localSesConnectorConfig()),
    AWS_SES_ENDPOINT: stack.inbox.url,
    ...overrides,
  };
}

const statuses = (checks: { id: string; status: string }[]) => Object.fromEntries(checks.map((check) => [check.id, check.status]));

describe('the doctor against the local stand-in', () => {
  it('passes every check on a fresh stand-in, asking for the M2M token once', async () => {
    const tokenRequests = vi.spyOn(globalThis, 'fetch');
    const config = parseAppConfig(env());
    const first = await runDoctor(config);
    expect(first.checks.filter((check) => check.status !== 'pass')).toEqual([]);
    expect(first.ok).toBe(true);
    await runDoctor(config);
    const m2mTokenRequests = tokenRequests.mock.calls.filter(([url, init]) => String(url).endsWith('/oidc/token') && String(init?.body).includes(`client_id=${testApp.m2mClientId}`));
    expect(m2mTokenRequests).toHaveLength(1);
  });

  it('says what it could not check without an M2M app, and fails nothing for it', async () => {
    const report = await runDoctor(parseAppConfig(env({ LOGTO_M2M_APP_ID: undefined, LOGTO_M2M_APP_SECRET: undefined })));
    expect(statuses(report.checks)).toEqual({
      settings: 'pass',
      discovery: 'pass',
      'app-credentials': 'pass',
      application: 'not-checked',
      'redirect-uris': 'not-checked',
      'sign-in-experience': 'not-checked',
      'email-connector': 'not-checked',
      'account-center': 'not-checked',
    });
    expect(report.checks.find((check) => check.id === 'application')?.fix).toMatch(/LOGTO_M2M_APP_ID/);
    expect(report.ok).toBe(true);
  });

  it('fails on a wrong app secret, a wrong M2M secret and a wrong resource, quoting none of the secrets', async () => {
    const wrongApp = await runDoctor(parseAppConfig(env({ LOGTO_APP_SECRET: 'wrong-app-secret' })));
    expect(statuses(wrongApp.checks)['app-credentials']).toBe('fail');
    const wrongM2m = await runDoctor(parseAppConfig(env({ LOGTO_M2M_APP_SECRET: 'wrong-m2m-secret' })));
    expect(wrongM2m.checks.find((check) => check.id === 'application')).toMatchObject({ status: 'fail', detail: expect.stringContaining('HTTP 401') });
    const wrongResource = await runDoctor(parseAppConfig(env({ LOGTO_MANAGEMENT_API_RESOURCE: 'https://other.example.com/api' })));
    expect(wrongResource.checks.find((check) => check.id === 'application')?.fix).toMatch(/LOGTO_MANAGEMENT_API_RESOURCE/);
    const text = JSON.stringify([wrongApp, wrongM2m, wrongResource]);
    for (const secret of ['wrong-app-secret', 'wrong-m2m-secret', testApp.clientSecret, testApp.m2mClientSecret, localSesConnectorConfig().accessKeySecret]) {
      expect(text).not.toContain(secret);
    }
  });

  it('registers a lost callback URI with --fix, keeping the other URIs', async () => {
    const kept = 'http://localhost:3999/other-callback';
    stack.idp.management.update((state) => {
      state.application.redirectUris = [kept];
    });
    const config = parseAppConfig(env());
    if (!config.ok) throw new Error('expected a valid config');
    const before = await runDoctor(config);
    expect(statuses(before.checks)['redirect-uris']).toBe('fail');
    expect(before.uriFix).toEqual({ redirectUris: [testApp.redirectUri], postLogoutRedirectUris: [] });

    expect(await fixRedirectUris(config.config)).toMatchObject({ ok: true, changed: true, message: `Registered: add redirect URI ${testApp.redirectUri}.`, said: { key: 'fixDone' } });
    expect(stack.idp.management.state.application.redirectUris).toEqual([kept, testApp.redirectUri]);
    expect(statuses((await runDoctor(config)).checks)['redirect-uris']).toBe('pass');
    expect(await fixRedirectUris(config.config)).toMatchObject({ ok: true, changed: false });
  });

  it('finds a connector that drifted from AWS_SES_CONFIG, and a sign-in experience without email codes', async () => {
    const saved = structuredClone(stack.idp.management.state);
    stack.idp.management.update((state) => {
      const [connector] = state.connectors;
      if (connector) connector.config = { ...connector.config, region: 'ap-south-1' };
      state.signInExperience = { ...state.signInExperience, signIn: { methods: [{ identifier: 'email', password: true, verificationCode: false, isPasswordPrimary: true }] } };
    });
    try {
      const report = await runDoctor(parseAppConfig(env()));
      expect(report.checks.find((check) => check.id === 'email-connector')?.detail).toMatch(/region: the tenant has "ap-south-1"/);
      expect(statuses(report.checks)['sign-in-experience']).toBe('fail');
      expect(report.ok).toBe(false);
    } finally {
      stack.idp.management.update((state) => Object.assign(state, saved));
    }
  });

  it('gives typed access to the paths it uses', async () => {
    const config = parseAppConfig(env());
    if (!config.ok || !config.config.managementApi) throw new Error('expected M2M settings');
    const client = managementClientFor(config.config.logto, config.config.managementApi);
    const { data: connectors } = await client.GET('/api/connectors', { params: { query: { target: 'aws-ses' } } });
    expect(connectors?.map((connector) => connector.connectorId)).toEqual(['aws-ses-mail']);
    const { response } = await client.GET('/api/connectors/{id}', { params: { path: { id: 'does-not-exist' } } });
    expect(response.status).toBe(404);
  });

  it('fails sign-in mode "Register", in which the stand-in\'s tenant lets nobody sign in', async () => {
    const saved = structuredClone(stack.idp.management.state.signInExperience);
    stack.idp.management.update((state) => {
      state.signInExperience = { ...state.signInExperience, signInMode: 'Register' };
    });
    try {
      const check = (await runDoctor(parseAppConfig(env()))).checks.find((item) => item.id === 'sign-in-experience');
      expect(check).toMatchObject({ status: 'fail', detail: expect.stringContaining('sign-in mode "Register"'), fix: expect.stringContaining('SignInAndRegister') });
    } finally {
      stack.idp.management.update((state) => {
        state.signInExperience = saved;
      });
    }
  });

  it('gives the M2M advice when the M2M app is set as the app: Logto answers 400 invalid_target (fixture 10)', async () => {
    const report = await runDoctor(parseAppConfig(env({ LOGTO_APP_ID: testApp.m2mClientId, LOGTO_APP_SECRET: testApp.m2mClientSecret })));
    expect(report.checks.find((check) => check.id === 'app-credentials')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('is a machine-to-machine app'),
      fix: expect.stringContaining('LOGTO_M2M_APP_ID'),
    });
  });

  it('asks Logto for one M2M token for a whole sync run, though it reads the tenant with requests at once', async () => {
    replaceProcessWide('logto-management-clients', new Map());
    const requests = vi.spyOn(globalThis, 'fetch');
    const config = parseAppConfig(env());
    if (!config.ok) throw new Error('expected a valid config');
    expect(await runSync(config.config, { dryRun: true })).toMatchObject({ ok: true });
    const tokenRequests = requests.mock.calls.filter(([url, init]) => String(url).endsWith('/oidc/token') && String(init?.body).includes(`client_id=${testApp.m2mClientId}`));
    expect(tokenRequests).toHaveLength(1);
  });

  it('sync sees every detail Logto stores: a template made plain text or given a reply-to differs, and goes back', async () => {
    const config = parseAppConfig(env());
    if (!config.ok || !config.config.managementApi) throw new Error('expected M2M settings');
    expect(await runSync(config.config)).toMatchObject({ ok: true });
    const client = managementClientFor(config.config.logto, config.config.managementApi);
    const { data: rows } = await client.GET('/api/email-templates', { params: { query: { languageTag: 'en' } } });
    const [signIn, generic] = ['SignIn', 'Generic'].map((type) => rows?.find((row) => row.templateType === type)?.id ?? '');
    // Logto's PATCH of details merges into the stored ones (fixture 47).
    await client.PATCH('/api/email-templates/{id}/details', { params: { path: { id: signIn! } }, body: { contentType: 'text/plain' } });
    await client.PATCH('/api/email-templates/{id}/details', { params: { path: { id: generic! } }, body: { replyTo: 'help@example.com' } });

    const plan = await runSync(config.config, { dryRun: true });
    expect(plan.plan?.changes).toEqual(['template en/Generic: remove the replyTo', 'template en/SignIn: change the contentType']);
    expect(await runSync(config.config)).toMatchObject({ ok: true, applied: true });
    expect((await runSync(config.config, { dryRun: true })).plan?.changes).toEqual([]);
  });
});
