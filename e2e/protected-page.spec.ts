import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { signOut, signUp, submitCodeFromInbox, submitEmail } from './support/journeys';
import { urls } from './support/urls';

test('the account page tells a signed-out visitor to sign in, and brings them back after it', async ({ page }) => {
  const email = uniqueEmail('protected');
  await signUp(page, email);
  await signOut(page);

  await page.goto('/account');
  // Not a silent jump to Logto: the page says what it is and why to sign in.
  await expect(page).toHaveURL(`${urls.app}/account`);
  const card = page.getByTestId('sign-in-required');
  await expect(card.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(card).toContainText('Sign in to see your account');
  await page.screenshot({ path: 'test-results/screens/account-signed-out.png', fullPage: true });
  await card.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await submitEmail(page, email);
  await submitCodeFromInbox(page, email, 2);

  await expect(page).toHaveURL(`${urls.app}/account`);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByTestId('account-email')).toHaveText(email);
});
