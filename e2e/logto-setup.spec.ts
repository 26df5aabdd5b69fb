import type { APIRequestContext } from '@playwright/test';

import { localDefaults } from '../local/defaults';

import { secrets } from './support/app-environment';
import { expect, test } from './support/fixtures';
import { setupAdminEmails } from '../testing/test-environment';
import { uniqueEmail } from '../testing/unique-email';
import { waitForEmail } from './support/inbox';
import { signOut, signUp } from './support/journeys';
import { urls } from './support/urls';

/**
 * /setup, the doctor in a browser. The journey takes the stand-in's callback URI away through
 * its Management API, as someone in Logto's console could, so it runs in a project of its own
 * after all the others (playwright.config.ts): nobody else can sign in meanwhile. To run it on
 * its own: `npx playwright test e2e/logto-setup.spec.ts --no-deps`.
 */

// The journeys here take the tenant's URIs and templates away and put them back: one at a time.
test.describe.configure({ mode: 'serial' });

type Application = { oidcClientMetadata: { redirectUris: string[]; postLogoutRedirectUris: string[] } };

async function managementApi(request: APIRequestContext) {
  const token = await request.post(`${urls.idp}/oidc/token`, {
    headers: { authorization: `Basic ${Buffer.from(`${localDefaults.m2mAppId}:${secrets.m2mAppSecret}`).toString('base64')}` },
    form: { grant_type: 'client_credentials', resource: 'https://default.logto.app/api', scope: 'all' },
  });
  expect(token.status()).toBe(200);
  const headers = { authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}` };
  const path = `${urls.idp}/api/applications/${localDefaults.appId}`;
  return {
    get: async () => (await (await request.get(path, { headers })).json()) as Application,
    setUris: async (metadata: Application['oidcClientMetadata']) => expect((await request.patch(path, { headers, data: { oidcClientMetadata: metadata } })).status()).toBe(200),
    /** As someone could in Logto's console: the tenant loses its zh-CN templates. */
    deleteTemplates: async (languageTag: string) => expect((await request.delete(`${urls.idp}/api/email-templates?languageTag=${languageTag}`, { headers })).status()).toBe(200),
    templates: async () => (await (await request.get(`${urls.idp}/api/email-templates`, { headers })).json()) as { languageTag: string; templateType: string }[],
  };
}

/** Takes the app's callback URI away for `run`, and always puts the original URIs back: later journeys need them. */
async function withoutCallbackUri(request: APIRequestContext, run: (api: Awaited<ReturnType<typeof managementApi>>, callback: string) => Promise<void>) {
  const api = await managementApi(request);
  const original = (await api.get()).oidcClientMetadata;
  const callback = `${urls.app}/callback`;
  await api.setUris({ ...original, redirectUris: original.redirectUris.filter((uri) => uri !== callback) });
  try {
    await run(api, callback);
  } finally {
    await api.setUris(original);
  }
}

test('the setup page shows a lost callback URI, registers it again, and every check passes', async ({ page, request }) => {
  await signUp(page, setupAdminEmails.fix);
  await withoutCallbackUri(request, async (api, callback) => {
    await page.goto('/setup');
    await expect(page.getByRole('heading', { name: 'Logto setup' })).toBeVisible();
    await expect(page.getByTestId('check-redirect-uris')).toHaveAttribute('data-status', 'fail');
    await expect(page.getByTestId('check-redirect-uris')).toContainText(`${callback} is not a redirect URI`);
    await expect(page.getByTestId('setup-fix-changes')).toHaveText(`add redirect URI ${callback}`);
    await page.screenshot({ path: 'test-results/screens/setup-failing.png', fullPage: true });

    await page.getByRole('button', { name: 'Register the missing URIs' }).click();
    await expect(page.getByTestId('check-redirect-uris')).toHaveAttribute('data-status', 'pass');
    for (const id of ['settings', 'discovery', 'app-credentials', 'application', 'redirect-uris', 'sign-in-experience', 'email-connector']) {
      await expect(page.getByTestId(`check-${id}`)).toHaveAttribute('data-status', 'pass');
    }
    await expect(page.getByRole('button', { name: 'Register the missing URIs' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/setup.png', fullPage: true });
    expect((await api.get()).oidcClientMetadata.redirectUris).toContain(callback);

    // The same page in Chinese, the doctor's findings included.
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: urls.app }]);
    await page.reload();
    await expect(page.getByRole('heading', { name: '检查项' })).toBeVisible();
    await expect(page.getByTestId('check-redirect-uris')).toContainText('重定向 URI');
    await expect(page.getByTestId('check-redirect-uris')).toContainText(`${callback} 是重定向 URI`);
    await expect(page.getByTestId('check-discovery')).toContainText('通过');
    await page.screenshot({ path: 'test-results/screens/setup-zh-CN.png', fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: 'test-results/screens/setup-zh-CN-375.png', fullPage: true });
    await page.context().clearCookies({ name: 'NEXT_LOCALE' });
    await page.reload();
    await page.screenshot({ path: 'test-results/screens/setup-375.png', fullPage: true });

    const html = await page.content();
    for (const secret of [secrets.appSecret, secrets.m2mAppSecret, secrets.cookieSecret, secrets.awsAccessKeyId, secrets.awsAccessKeySecret]) {
      expect(html).not.toContain(secret);
    }
  });
});

test('sync on /setup puts the zh-CN templates back, and a sign-in with lang=zh-CN gets its code in the zh-CN template', async ({ page, request }) => {
  const email = setupAdminEmails.sync;
  await signUp(page, email);
  await withoutCallbackUri(request, async (api) => {
    await api.deleteTemplates('zh-CN');
    await page.goto('/setup');
    await expect(page.getByTestId('check-redirect-uris')).toHaveAttribute('data-status', 'fail');
    const changes = page.getByTestId('setup-sync-changes').getByRole('listitem');
    await expect(changes).toHaveCount(9);
    await expect(changes.first()).toHaveText('template zh-CN/BindMfa: add');
    await page.getByRole('button', { name: 'Register the missing URIs' }).click();
    await expect(page.getByTestId('check-redirect-uris')).toHaveAttribute('data-status', 'pass');

    // Not filled in for the admin: a test mail is a test send, to an address chosen each time.
    await expect(page.getByLabel('Then have Logto send its test mail to (optional)')).toHaveValue('');
    await page.getByLabel('Then have Logto send its test mail to (optional)').fill(email);
    await page.getByRole('button', { name: 'Apply to Logto' }).click();
    await expect(page.getByTestId('setup-sync-result')).toContainText('Wrote 9 email templates.');
    await expect(page.getByTestId('setup-sync-result')).toContainText(`Logto sent its test mail (Generic template, code 000000) to ${email}.`);
    await expect(page.getByTestId('setup-sync-changes')).toHaveText("No difference: the tenant's connector and email templates equal the repository's.");
    await expect(page.getByRole('button', { name: 'Apply to Logto' })).toBeDisabled();
    await page.screenshot({ path: 'test-results/screens/setup-synced.png', fullPage: true });
    expect((await api.templates()).filter((template) => template.languageTag === 'zh-CN')).toHaveLength(9);
    // The mail Logto itself sent: its test uses Generic, in the fallback language's template.
    expect((await waitForEmail(email, 2)).subject).toBe('Your verification code is 000000');
    expect(await page.content()).not.toContain(secrets.awsAccessKeySecret);
  });

  // The previews per language, without JavaScript needed: a plain link per language.
  await page.goto('/connector');
  await page.getByTestId('template-language-zh-CN').click();
  await expect(page).toHaveURL(/\/connector\?lang=zh-CN/);
  await expect(page.getByTestId('template-subject-SignIn')).toHaveText('您的登录验证码：000000');
  await page.locator('li[data-usage-type="SignIn"] summary').click();
  await page.screenshot({ path: 'test-results/screens/connector-zh-CN.png', fullPage: true });

  await page.goto('/');
  await signOut(page);
  const refused = await page.goto('/sign-in?lang=not%20a%20language');
  expect(refused?.status()).toBe(400);
  await expect(page.getByRole('heading', { name: 'This sign-in language is not valid' })).toBeVisible();
  await page.goto('/sign-in?lang=zh-CN&returnTo=/account');
  // The language travels as ui_locales: the identity provider's screens are Chinese too.
  await page.getByLabel('邮箱', { exact: true }).fill(email);
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page.getByRole('heading', { name: '验证你的邮箱' })).toBeVisible();
  const mail = await waitForEmail(email, 3);
  expect(mail.subject).toMatch(/^您的登录验证码：\d{6}$/);
  expect(mail.body.html).toContain('<html lang="zh-CN">');
  expect(mail.body.html).toContain('登录您的账号');
});

test('a tester who is not a setup admin sees the checks and the difference, but no button that changes the tenant', async ({ page, request }) => {
  await signUp(page, uniqueEmail('setup-tester'));
  await withoutCallbackUri(request, async (_api, callback) => {
    await page.goto('/setup');
    await expect(page.getByTestId('check-redirect-uris')).toHaveAttribute('data-status', 'fail');
    await expect(page.getByTestId('setup-fix-changes')).toHaveText(`add redirect URI ${callback}`);
    await expect(page.getByTestId('setup-sync-changes')).toBeVisible();
    await expect(page.getByTestId('setup-not-admin').first()).toContainText('LOGTO_SETUP_ADMINS');
    await expect(page.getByRole('button', { name: 'Register the missing URIs' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Apply to Logto' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/setup-tester.png', fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: 'test-results/screens/setup-tester-375.png', fullPage: true });
  });
});

test('anyone else signed in learns who may, and sees none of the checks', async ({ page }) => {
  const email = uniqueEmail('setup-outsider', 'not-allowed.test');
  await signUp(page, email);
  await page.goto('/setup');
  await expect(page.getByTestId('setup-not-allowed')).toBeVisible();
  await expect(page.getByRole('status')).toContainText(email);
  await expect(page.getByRole('heading', { name: 'Checks' })).toHaveCount(0);
  expect(await page.content()).not.toContain(urls.idp);
});
