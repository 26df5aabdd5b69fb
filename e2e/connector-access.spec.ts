import type { Page } from '@playwright/test';

import { localDefaults } from '../local/defaults';
import { uniqueEmail } from '../testing/unique-email';

import { secrets } from './support/app-environment';
import { expect, test } from './support/fixtures';
import { signUp, submitCodeFromInbox, submitEmail } from './support/journeys';
import { urls } from './support/urls';

/** Errors the browser reports while the page is open. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('someone allowed to test-send sees the configuration, the templates and the form', async ({ page }) => {
  await signUp(page, uniqueEmail('connector-allowed'));
  await page.goto('/connector');
  await expect(page.getByRole('heading', { name: 'Configuration' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Templates' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send test email' })).toBeVisible();
  await expect(page.getByTestId('connector-not-allowed')).toHaveCount(0);
});

test('a signed-out visitor is told what the page is and signs in to come back to it', async ({ page }) => {
  const email = uniqueEmail('connector-returning');
  const errors = consoleErrors(page);

  // Not a silent jump to the sign-in screen: the page says what it is and why to sign in.
  await page.goto('/setup');
  await expect(page).toHaveURL(`${urls.app}/setup`);
  await expect(page.getByTestId('sign-in-required')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Logto setup' })).toBeVisible();

  await page.goto('/connector');
  await expect(page).toHaveURL(`${urls.app}/connector`);
  await expect(page.getByRole('heading', { name: 'AWS SES connector' })).toBeVisible();
  await expect(page.getByTestId('sign-in-required')).toContainText('Sign in to check the SES connector');
  await expect(page.getByRole('heading', { name: 'Configuration' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/connector-signed-out.png', fullPage: true });
  expect(errors).toEqual([]);

  // A first visit: the card's Create account brings the new tester back here.
  await page.getByTestId('sign-in-required').getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await submitEmail(page, email);
  await submitCodeFromInbox(page, email);
  await expect(page).toHaveURL(`${urls.app}/connector`);
  await expect(page.getByRole('heading', { name: 'Configuration' })).toBeVisible();
});

test('anyone else signed in learns who may, and sees nothing of the configuration', async ({ page }) => {
  const email = uniqueEmail('connector-outsider', 'not-allowed.test');
  await signUp(page, email);
  // From here on: the prerendered signed-out home page refuses Next's scripts on purpose.
  const errors = consoleErrors(page);
  await page.goto('/connector');

  await expect(page.getByRole('heading', { name: 'AWS SES connector' })).toBeVisible();
  await expect(page.getByTestId('connector-not-allowed')).toHaveText(/verified email address is on TEST_SEND_ALLOWED_EMAILS/);
  await expect(page.getByRole('status')).toContainText(email);
  await page.screenshot({ path: 'test-results/screens/connector-not-allowed.png', fullPage: true });

  await expect(page.getByRole('heading', { name: 'Configuration' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Templates' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send test email' })).toHaveCount(0);
  const html = await page.content();
  for (const detail of [localDefaults.awsRegion, 'arn:aws', 'no-reply@example.com', 'Your sign-in code', secrets.awsAccessKeyId.slice(0, 4) + '…', urls.inbox, '@example.com']) {
    expect(html).not.toContain(detail);
  }

  // The API refuses the same person.
  const refused = await page.request.post('/api/ses/test-send', { headers: { origin: urls.app }, data: { to: uniqueEmail('outsider-target') } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: { code: 'not_allowed' } });
  expect(errors).toEqual([]);
});
