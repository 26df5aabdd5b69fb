import type { Page } from '@playwright/test';

import { uniqueEmail } from '../testing/unique-email';

import { isTraceRecorderNoise } from './support/console-noise';
import { expect, test } from './support/fixtures';
import { emailsTo, setStandInState } from './support/inbox';
import { signUp } from './support/journeys';

/** Console errors of the page, but the trace recorder's own. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !isTraceRecorderNoise(message.location().url, message.text())) errors.push(message.text());
  });
  return errors;
}

async function sendTest(page: Page, to: string) {
  await page.getByLabel('Recipient email').fill(to);
  await page.getByRole('button', { name: 'Send test email' }).click();
}

test("a test send's Delivery shows next to its message ID as SES reports it, without a reload", async ({ page }) => {
  const errors = consoleErrors(page);
  await signUp(page, uniqueEmail('outcome-owner'));
  await page.goto('/connector');
  await sendTest(page, uniqueEmail('outcome'));
  await expect(page.getByTestId('test-send-message-id')).not.toBeEmpty();
  const outcome = page.getByTestId('test-send-outcome');
  await expect(outcome).toHaveAttribute('data-outcome', 'Delivery', { timeout: 15_000 });
  await expect(outcome).toContainText('Delivered');
  await page.getByTestId('test-send-result').screenshot({ path: 'test-results/screens/connector-outcome-delivery.png' });
  expect(errors).toEqual([]);
});

test('a recipient that is not a verified identity is refused while the account is in the sandbox, and nothing is sent', async ({ page }) => {
  await signUp(page, uniqueEmail('sandbox-owner'));
  await page.goto('/connector');
  // The stand-in's fresh account verifies the sender's domain (example.com) only.
  const to = uniqueEmail('sandboxed', 'unverified.example');
  await sendTest(page, to);
  await expect(page.getByTestId('test-send-error-code')).toHaveText('ses_recipient_not_verified');
  await expect(page.getByTestId('test-send-error')).toContainText('sandbox');
  expect(await emailsTo(to)).toEqual([]);
});

test('a bounced address shows its Bounce, and a second test send to it is refused as suppressed', async ({ page }) => {
  const errors = consoleErrors(page);
  await signUp(page, uniqueEmail('bounce-owner'));
  const to = uniqueEmail('bounces');
  await setStandInState({ bounce: [to] });
  await page.goto('/connector');

  await sendTest(page, to);
  const outcome = page.getByTestId('test-send-outcome');
  await expect(outcome).toHaveAttribute('data-outcome', 'Bounce', { timeout: 15_000 });
  await expect(outcome).toContainText('Bounced');

  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByTestId('test-send-error-code')).toHaveText('ses_recipient_suppressed');
  const error = page.getByTestId('test-send-error');
  await expect(error).toContainText('because of a bounce (BOUNCE)');
  await expect(error).toContainText('delete-suppressed-destination');
  await error.screenshot({ path: 'test-results/screens/connector-recipient-suppressed.png' });
  // Only the first send went out.
  expect(await emailsTo(to)).toHaveLength(1);

  // The page's list of events has it too, after a reload.
  await page.reload();
  await expect(page.locator('[data-testid="ses-event"][data-type="Bounce"]').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test("the result offers the reload that shows the test send's outcome", async ({ page }) => {
    await signUp(page, uniqueEmail('outcome-no-js'));
    await page.goto('/connector');
    await sendTest(page, uniqueEmail('outcome-no-js-test'));
    const messageId = (await page.getByTestId('test-send-message-id').textContent())?.trim() ?? '';
    const reload = page.getByTestId('test-send-outcome').getByRole('link', { name: 'reload the page' });
    await expect(reload).toHaveAttribute('href', `/connector?sent=${encodeURIComponent(messageId)}#events-title`);
    await reload.click();
    await expect(async () => {
      await page.reload();
      await expect(page.locator(`[data-testid="ses-event-message"][data-message-id="${messageId}"]`).locator('[data-type="Delivery"]')).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
  });
});
