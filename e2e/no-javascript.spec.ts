import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { expectSignedInAs, submitCodeFromInbox, submitEmail } from './support/journeys';

test.use({ javaScriptEnabled: false });

test('the home page and the whole sign-up work with JavaScript disabled', async ({ page }) => {
  const email = uniqueEmail('no-js');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in with just your email' })).toBeVisible();

  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await submitEmail(page, email);
  await submitCodeFromInbox(page, email);
  await expectSignedInAs(page, email);

  await page.getByRole('button', { name: 'Sign out' }).click();
  // Without JavaScript the identity provider's sign-out page waits for its own button.
  await expect(page.getByRole('heading', { name: 'Signing you out…' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
