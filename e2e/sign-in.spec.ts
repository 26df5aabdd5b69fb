import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { expectSignedInAs, signOut, signUp, submitCodeFromInbox, submitEmail } from './support/journeys';

test('a returning person signs in again with a SignIn code', async ({ page }) => {
  const email = uniqueEmail('sign-in');
  await signUp(page, email);
  await signOut(page);

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await submitEmail(page, email);
  const mail = await submitCodeFromInbox(page, email, 2);
  expect(mail.subject).toMatch(/sign.?in/i);
  await expectSignedInAs(page, email);
});
