import { localDefaults } from '../local/defaults';
import { forgedSessionCookies } from '../testing/forged-session-cookies';
import { uniqueEmail } from '../testing/unique-email';

import { secrets } from './support/app-environment';
import { expect, test } from './support/fixtures';
import { signUp } from './support/journeys';
import { urls } from './support/urls';

test('a tampered, truncated, foreign or expired session cookie reads as signed out everywhere', async ({ page, context }) => {
  await signUp(page, uniqueEmail('forged-cookie'));
  const real = (await context.cookies()).find((cookie) => cookie.name.startsWith('logto_'));
  expect(real).toBeDefined();

  for (const forged of forgedSessionCookies(real!.value, secrets.cookieSecret, `${urls.idp}/oidc`, localDefaults.appId)) {
    await context.addCookies([{ name: real!.name, value: forged.value, url: urls.app, httpOnly: true, sameSite: 'Lax' }]);
    await test.step(forged.name, async () => {
      const home = await page.request.get('/');
      expect(home.status()).toBe(200);
      const html = await home.text();
      expect(html).not.toContain('data-testid="signed-in-email"');
      expect(html.includes('Your session has expired')).toBe(forged.signedOut === 'expired');

      // The protected pages tell a signed-out visitor to sign in, and show nothing of the account or the setup.
      for (const [path, content] of [['/account', 'data-testid="account-email"'], ['/connector', 'id="fields-title"']] as const) {
        const protectedPage = await page.request.get(path, { maxRedirects: 0 });
        expect(protectedPage.status()).toBe(200);
        const protectedHtml = await protectedPage.text();
        expect(protectedHtml).toContain('data-testid="sign-in-required"');
        expect(protectedHtml).not.toContain(content);
      }

      const testSend = await page.request.post('/api/ses/test-send', { headers: { origin: urls.app }, data: { to: uniqueEmail('forged-send') } });
      expect(testSend.status()).toBe(401);
    });
  }
});
