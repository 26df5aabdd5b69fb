import type { APIRequestContext } from '@playwright/test';

import { localDefaults } from '../local/defaults';

import { secrets } from './support/app-environment';
import { expect, test } from './support/fixtures';
import { uniqueEmail } from '../testing/unique-email';
import { signUp } from './support/journeys';
import { urls } from './support/urls';

/**
 * /setup, the doctor in a browser. The journey takes the stand-in's callback URI away through
 * its Management API, as someone in Logto's console could, so it runs in a project of its own
 * after all the others (playwright.config.ts): nobody else can sign in meanwhile. To run it on
 * its own: `npx playwright test e2e/logto-setup.spec.ts --no-deps`.
 */

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
  };
}

test('the setup page shows a lost callback URI, registers it again, and every check passes', async ({ page, request }) => {
  await signUp(page, uniqueEmail('setup'));
  const api = await managementApi(request);
  const original = (await api.get()).oidcClientMetadata;
  const callback = `${urls.app}/callback`;
  await api.setUris({ ...original, redirectUris: original.redirectUris.filter((uri) => uri !== callback) });
  try {
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

    const html = await page.content();
    for (const secret of [secrets.appSecret, secrets.m2mAppSecret, secrets.cookieSecret, secrets.awsAccessKeyId, secrets.awsAccessKeySecret]) {
      expect(html).not.toContain(secret);
    }
  } finally {
    // Whatever happened above, later journeys need the app's URIs back.
    await api.setUris(original);
  }
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
