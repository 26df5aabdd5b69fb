import { codeIn } from '../testing/inbox';
import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { waitForEmail } from './support/inbox';
import { expectSignedInAs, signUp, submitCodeFromInbox, submitEmail } from './support/journeys';

test('a person ends the session of another browser, which reads signed out on its next page', async ({ page, browser }) => {
  // Two sign-ins and four steps with mail: longer than a one-screen journey.
  test.slow();
  const email = uniqueEmail('end-session');
  await signUp(page, email);

  // A second browser (its own cookies) signs in to the same account.
  const laptop = await browser.newContext();
  const other = await laptop.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: 'Sign in' }).click();
  await submitEmail(other, email);
  await submitCodeFromInbox(other, email, 2);
  await expectSignedInAs(other, email);

  // The first confirms it is them, then sees both sessions.
  await page.goto('/account');
  await page.getByRole('button', { name: 'Email me a code' }).click();
  const mail = await waitForEmail(email, 3);
  await page.getByLabel('Code from the email').fill(codeIn(mail));
  await page.getByRole('button', { name: 'Confirm it is me' }).click();
  await expect(page.getByTestId('account-session')).toHaveCount(2);
  await expect(page.getByTestId('account-session').filter({ hasText: 'This device' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/account-sessions.png', fullPage: true });

  await page.getByTestId('account-session').filter({ hasNotText: 'This device' }).getByRole('button', { name: /^Sign out / }).click();
  await expect(page.getByText('That session has ended: the device is signed out.')).toBeVisible();
  await expect(page.getByTestId('account-session')).toHaveCount(1);
  const ended = Date.now();
  await page.screenshot({ path: 'test-results/screens/account-session-ended.png', fullPage: true });

  // The other browser's next page reads signed out: Logto refuses its token, and the app asks
  // at most every 15 s per session (lib/auth/session-liveness.ts).
  await expect(async () => {
    await other.goto('/');
    await expect(other.getByRole('button', { name: 'Sign in' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [500] });
  console.info(`[end-session] the other browser read signed out ${Date.now() - ended} ms after the session was ended`);
  await other.screenshot({ path: 'test-results/screens/account-other-browser-signed-out.png', fullPage: true });
  await laptop.close();

  // This browser is still signed in.
  await page.goto('/');
  await expectSignedInAs(page, email);
});
