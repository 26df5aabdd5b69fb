import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { expectSignedInAs, signUp } from './support/journeys';
import { urls } from './support/urls';

test('a /sign-in link on another site takes someone signed in to the page, still signed in', async ({ page, context }) => {
  const email = uniqueEmail('sign-in-link');
  await signUp(page, email);
  const sessionBefore = (await context.cookies(urls.app)).find((cookie) => cookie.name.startsWith('logto_'));

  // A page that is not this app, linking to its sign-in.
  await page.goto('about:blank');
  await page.setContent(`<a href="${urls.app}/sign-in?returnTo=/account">Sign in to the app</a>`);
  await page.getByRole('link', { name: 'Sign in to the app' }).click();
  await expect(page).toHaveURL(`${urls.app}/account`);
  await expect(page.getByRole('heading', { name: 'Sign in with just your email' })).toHaveCount(0);

  const sessionAfter = (await context.cookies(urls.app)).find((cookie) => cookie.name.startsWith('logto_'));
  // Compared, not printed: the cookie is the session.
  expect(sessionAfter?.value === sessionBefore?.value).toBe(true);
  await page.goto('/');
  await expectSignedInAs(page, email);

  // A return address elsewhere is not followed.
  await page.goto(`/sign-in?returnTo=${encodeURIComponent('//evil.example/')}`);
  await expect(page).toHaveURL(`${urls.app}/`);
  await expectSignedInAs(page, email);
});
