import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { expectSignedInAs, submitCodeFromInbox, submitEmail } from './support/journeys';
import { urls } from './support/urls';

test('a new person creates an account with the code from the inbox', async ({ page }) => {
  const email = uniqueEmail('sign-up');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in with just your email' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/home-signed-out.png', fullPage: true });

  await page.getByRole('button', { name: 'Create account' }).click();
  // "Create account" asks Logto for interaction_mode=signUp: the IdP opens on registration.
  await expect(page).toHaveURL(new RegExp(`^${urls.idp}/interaction/`));
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/idp-register.png', fullPage: true });

  await submitEmail(page, email);
  const mail = await submitCodeFromInbox(page, email);
  expect(mail.subject).toMatch(/regist|create|welcome|verify/i);
  expect(mail.from).toContain('no-reply@example.com');

  await expectSignedInAs(page, email);
  await expect(page.locator('[data-claim="email"]')).toHaveText(email);
  await expect(page.locator('[data-claim="iss"]')).toHaveText(`${urls.idp}/oidc`);
  await page.screenshot({ path: 'test-results/screens/home-signed-in.png', fullPage: true });
});
