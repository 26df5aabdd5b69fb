import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { parseAppConfig, type AppConfig } from '../../lib/config/app-config';
import { managementClientFor } from '../../lib/logto-management/client';
import { runSync } from '../../lib/logto-management/sync';
import { forgetTenantTemplates } from '../../lib/logto-management/tenant-templates';
import type { SesSettings } from '../../lib/ses/send-email';
import { templateCandidates } from '../../lib/test-send/template-source';
import { deliverTestEmail, type TestSendRequest } from '../../lib/test-send/test-send-service';
import { localSesConnectorConfig } from '../app-environment';

import { testApp, TestStack } from '../../testing/idp-test-stack';

/**
 * The test send against the local stand-in's Management API, which answers as the recorded
 * Logto 1.42 does: a tenant nobody synced mails AWS_SES_CONFIG's templates; after `sync` it
 * mails the tenant's; the locale meets the tags exactly, and each mail is the one Logto's own
 * connector test (`POST /api/connectors/aws-ses-mail/test`) sends for the same locale.
 */

let stack: TestStack;
let config: AppConfig;
let ses: SesSettings;

beforeAll(async () => {
  stack = await TestStack.start();
  const parsed = parseAppConfig({
    LOGTO_ENDPOINT: stack.idp.url,
    LOGTO_APP_ID: testApp.clientId,
    LOGTO_APP_SECRET: testApp.clientSecret,
    LOGTO_BASE_URL: testApp.baseUrl,
    LOGTO_COOKIE_SECRET: 'test-send-templates-cookie-secret-0123456789',
    LOGTO_M2M_APP_ID: testApp.m2mClientId,
    LOGTO_M2M_APP_SECRET: testApp.m2mClientSecret,
    AWS_SES_CONFIG: JSON.stringify(localSesConnectorConfig()),
    AWS_SES_ENDPOINT: stack.inbox.url,
  });
  if (!parsed.ok || parsed.config.ses.state !== 'configured') throw new Error('expected a valid config');
  config = parsed.config;
  ses = parsed.config.ses.settings;
});

afterAll(async () => {
  await stack?.stop();
});

beforeEach(() => forgetTenantTemplates());

let sent = 0;

/** The app's test send (Generic, as Logto's console test) and Logto's connector test, for one locale. */
async function bothTests(locale?: string) {
  const to = `templates-${Date.now()}-${(sent += 1)}@example.com`;
  const request: TestSendRequest = { to, usageType: 'Generic', templates: 'tenant', ...(locale && { locale }) };
  const candidates = await templateCandidates(config, request);
  if (!candidates.ok) throw new Error(candidates.message);
  const ours = await deliverTestEmail(ses, request, candidates.candidates);

  const logtoTo = `logto-${to}`;
  const client = managementClientFor(config.logto, config.managementApi!);
  const { response } = await client.POST('/api/connectors/{factoryId}/test', {
    params: { path: { factoryId: 'aws-ses-mail' } },
    body: { email: logtoTo, config: ses.connector as unknown as Record<string, unknown>, ...(locale && { locale }) },
  });
  expect(response.status).toBe(204);
  const [logtoMail] = await stack.emailsTo(logtoTo);
  const [ourMail] = await stack.emailsTo(to);
  expect(ourMail?.subject).toBe(logtoMail?.subject);
  expect(ourMail?.body.html).toBe(logtoMail?.body.html);
  return ours;
}

describe('the test send chooses from the templates the tenant has', () => {
  it("mails AWS_SES_CONFIG's template while the tenant has no email templates", async () => {
    stack.idp.management.update((state) => {
      state.emailTemplates = [];
    });
    expect(await bothTests('zh-CN')).toMatchObject({ ok: true, subject: 'Your verification code is 000000', template: { source: 'connector config', language: null, usageType: 'Generic' } });
  });

  it("after sync mails the tenant's template for the locale, matching its tag exactly as Logto's connector test does", async () => {
    const synced = await runSync(config);
    expect(synced).toMatchObject({ ok: true, applied: true });

    expect(await bothTests('zh-CN')).toMatchObject({ ok: true, subject: '您的验证码：000000', template: { source: 'tenant', language: 'zh-CN', usageType: 'Generic' } });
    // Logto hands the locale to the database as written: zh-cn finds no row, the fallback language's goes.
    expect(await bothTests('zh-cn')).toMatchObject({ ok: true, subject: 'Your verification code is 000000', template: { source: 'tenant', language: 'en', usageType: 'Generic' } });
    expect(await bothTests('fr')).toMatchObject({ template: { source: 'tenant', language: 'en' } });
    expect(await bothTests()).toMatchObject({ template: { source: 'tenant', language: 'en' } });
  });

  it("follows the sign-in experience's fallback language", async () => {
    stack.idp.management.update((state) => {
      state.signInExperience = { ...state.signInExperience, languageInfo: { autoDetect: true, fallbackLanguage: 'zh-CN' } };
    });
    try {
      expect(await bothTests('fr')).toMatchObject({ ok: true, subject: '您的验证码：000000', template: { source: 'tenant', language: 'zh-CN' } });
    } finally {
      stack.idp.management.update((state) => {
        state.signInExperience = { ...state.signInExperience, languageInfo: { autoDetect: true, fallbackLanguage: 'en' } };
      });
    }
  });

  it('refuses to guess when the tenant cannot be read', async () => {
    const wrong = parseAppConfig({ ...process.env, LOGTO_ENDPOINT: stack.idp.url, LOGTO_APP_ID: testApp.clientId, LOGTO_APP_SECRET: testApp.clientSecret, LOGTO_BASE_URL: testApp.baseUrl, LOGTO_COOKIE_SECRET: 'test-send-templates-cookie-secret-0123456789', LOGTO_M2M_APP_ID: testApp.m2mClientId, LOGTO_M2M_APP_SECRET: 'wrong-m2m-secret' });
    if (!wrong.ok) throw new Error('expected a valid config');
    const result = await templateCandidates(wrong.config, { templates: 'tenant' });
    expect(result).toMatchObject({ ok: false, status: 502, code: 'tenant_templates_unavailable' });
    expect(JSON.stringify(result)).not.toContain('wrong-m2m-secret');
  });
});
