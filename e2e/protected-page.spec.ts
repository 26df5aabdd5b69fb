import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { signOut, signUp, submitCodeFromInbox, submitEmail } from './support/journeys';
import { urls } from './support/urls';

test('the account page sends a signed-out visitor through sign-in and back', async ({ page }) => {
  const email = uniqueEmail('protected');
  await signUp(page, email);
  await signOut(page);

  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await submitEmail(page, email);
  await submitCodeFromInbox(page, email, 2);

  await expect(page).toHaveURL(`${urls.app}/account`);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByTestId('account-email')).toHaveText(email);
});
