import { uniqueEmail } from '../testing/unique-email';

import { isTraceRecorderNoise } from './support/console-noise';
import { expect, test } from './support/fixtures';
import { signUp } from './support/journeys';

/** The connector page shows the local account's readiness, and a test mail's Delivery event. */
test('the connector page shows SES readiness and the delivery of a test mail', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !isTraceRecorderNoise(message.location().url, message.text())) errors.push(message.text());
  });
  const email = uniqueEmail('readiness');
  await signUp(page, email);
  await page.goto('/connector');

  const readiness = page.getByTestId('ses-readiness');
  await expect(readiness.getByTestId('readiness-account-access')).toHaveAttribute('data-verdict', 'warn');
  await expect(readiness.getByTestId('readiness-account-access')).toContainText('sandbox');
  await expect(readiness.getByTestId('readiness-sender-identity')).toHaveAttribute('data-verdict', 'pass');

  await page.getByLabel('Recipient email').fill(email);
  await page.getByRole('button', { name: 'Send test email' }).click();
  const messageId = (await page.getByTestId('test-send-message-id').textContent())?.trim() ?? '';
  expect(messageId).not.toBe('');

  // SES events arrive after the send: reload until the Delivery shows.
  await expect(async () => {
    await page.reload();
    await expect(page.locator(`[data-testid="ses-event-message"][data-message-id="${messageId}"]`).locator('[data-type="Delivery"]')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await page.screenshot({ path: 'test-results/screens/connector-readiness.png', fullPage: true });
  // Only this tester's test send is listed; the code mail of the sign-up (and everyone else's
  // mail of the configuration set) is only counted, with no address.
  const events = page.getByTestId('ses-events');
  await expect(events.getByTestId('ses-event-message')).toHaveCount(1);
  await expect(events.getByTestId('ses-events-other')).toContainText('Delivery');
  await page.setViewportSize({ width: 375, height: 800 });
  await events.screenshot({ path: 'test-results/screens/connector-events-375.png' });
  expect(errors).toEqual([]);
});
