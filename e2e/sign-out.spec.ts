import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { signOut, signUp } from './support/journeys';
import { urls } from './support/urls';

test('signing out ends the app session and the identity provider session', async ({ page, context }) => {
  const email = uniqueEmail('sign-out');
  await signUp(page, email);
  const sessionCookie = (await context.cookies()).find((cookie) => cookie.name.startsWith('logto_'));
  expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  await signOut(page);
  await expect(page).toHaveURL(new RegExp(`^${urls.app}/?$`));
  expect((await context.cookies(urls.app)).filter((cookie) => cookie.name.startsWith('logto_'))).toEqual([]);

  // Were the IdP session still alive, "Sign in" would come straight back signed in.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await expect(page.getByLabel('Email', { exact: true })).toBeEmpty();
});
