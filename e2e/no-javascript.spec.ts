import { codeIn } from '../testing/inbox';
import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { waitForEmail } from './support/inbox';
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

test('the account page confirms it is you and refuses a wrong code with JavaScript disabled', async ({ page }) => {
  const email = uniqueEmail('no-js-account');
  await page.goto('/');
  await page.getByRole('button', { name: 'Create account' }).click();
  await submitEmail(page, email);
  await submitCodeFromInbox(page, email);
  await expectSignedInAs(page, email);

  await page.goto('/account');
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByLabel('Code from the email').fill('000000');
  await page.getByRole('button', { name: 'Confirm it is me' }).click();
  await expect(page.getByTestId('account-field-error')).toContainText('That code is not right');
  const mail = await waitForEmail(email, 2);
  await page.getByLabel('Code from the email').fill(codeIn(mail));
  await page.getByRole('button', { name: 'Confirm it is me' }).click();
  await expect(page.getByLabel('New email address')).toBeVisible();
  await expect(page.getByTestId('account-session')).toHaveCount(1);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: 'test-results/screens/account-no-js-375.png', fullPage: true });
});
