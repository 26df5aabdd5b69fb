import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { expectSignedInAs, submitCodeFromInbox } from './support/journeys';

test('an unknown email on sign-in is offered registration', async ({ page }) => {
  const email = uniqueEmail('unknown');
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'No account found' })).toBeVisible();
  await page.getByRole('button', { name: 'Create account' }).click();
  await submitCodeFromInbox(page, email);
  await expectSignedInAs(page, email);
});
