import type { Page } from '@playwright/test';

import { localDefaults } from '../local/defaults';
import { uniqueEmail } from '../testing/unique-email';

import { secrets } from './support/app-environment';
import { expect, test } from './support/fixtures';
import { waitForEmail } from './support/inbox';
import { signUp } from './support/journeys';
import { urls } from './support/urls';

const { awsAccessKeyId, awsAccessKeySecret } = secrets;
const maskedKeyId = `${awsAccessKeyId.slice(0, 4)}…${awsAccessKeyId.slice(-4)}`;

/** Fills in and submits the connector page's test-send form; returns the message id shown. */
async function sendTestFromConnectorPage(page: Page, to: string, usageType: string): Promise<string> {
  await page.getByLabel('Recipient email').fill(to);
  await page.getByLabel('Usage type').selectOption(usageType);
  await page.getByRole('button', { name: 'Send test email' }).click();
  const messageId = page.getByTestId('test-send-message-id');
  await expect(messageId).not.toBeEmpty();
  return (await messageId.textContent()) ?? '';
}

test('the connector page shows the configuration and sends a test that arrives in the inbox', async ({ page }) => {
  await signUp(page, uniqueEmail('connector-owner'));
  await page.goto('/connector');
  await expect(page.getByRole('heading', { name: 'AWS SES connector' })).toBeVisible();

  // The configuration, field by field, with the key masked and the secret never sent to the browser.
  await expect(page.getByTestId('field-status-region')).toHaveText('valid');
  await expect(page.getByTestId('field-status-templates')).toHaveText('valid');
  await expect(page.getByTestId('field-value-region')).toHaveText(localDefaults.awsRegion);
  await expect(page.getByTestId('field-value-accessKeyId')).toHaveText(maskedKeyId);
  await expect(page.getByTestId('field-value-accessKeySecret')).toHaveText('set (hidden)');
  expect(await page.content()).not.toContain(awsAccessKeySecret);
  expect(await page.content()).not.toContain(awsAccessKeyId);

  await expect(page.getByTestId('template-subject-SignIn')).toHaveText('Your sign-in code is 000000');
  // No scripts in the frame; same-origin only so that the page can size it to its mail.
  await expect(page.getByTitle('Preview of the SignIn email')).toHaveAttribute('sandbox', 'allow-same-origin');
  // The first preview starts open, as tall as its mail: its last line is inside the frame, none of it scrolls.
  await expect(page.locator('li[data-usage-type="Register"] details')).toHaveAttribute('open', '');
  await expect(page.locator('li[data-usage-type="SignIn"] details')).not.toHaveAttribute('open');
  const register = page.getByTitle('Preview of the Register email');
  await expect(async () => {
    const fit = await register.evaluate((frame: HTMLIFrameElement) => {
      const root = frame.contentDocument?.documentElement;
      return { frame: frame.clientHeight, document: root?.scrollHeight ?? 0, scrolls: root ? root.scrollHeight > root.clientHeight : true };
    });
    expect(fit.scrolls).toBe(false);
    expect(fit.frame).not.toBe(384);
    expect(Math.abs(fit.frame - fit.document)).toBeLessThanOrEqual(1);
  }).toPass();
  // The form's locale is the page's language: the mail a person tests first is the one they would get.
  await expect(page.getByLabel('Locale')).toHaveValue('en');
  await expect(page.getByRole('link', { name: 'Open the local inbox' })).toHaveAttribute('href', `${urls.inbox}/`);

  const to = uniqueEmail('connector-test');
  const messageId = await sendTestFromConnectorPage(page, to, 'SignIn');
  // The form still shows what the result is about.
  await expect(page.getByLabel('Usage type')).toHaveValue('SignIn');
  await expect(page.getByLabel('Recipient email')).toHaveValue(to);
  await page.screenshot({ path: 'test-results/screens/connector-test-sent.png', fullPage: true });

  // The local tenant has the repository's templates, as after a sync: the tenant's are mailed.
  await expect(page.getByTestId('test-send-template')).toHaveText("the tenant's en/SignIn template (tenant)");

  const mail = await waitForEmail(to);
  expect(mail.messageId).toBe(messageId);
  expect(mail.subject).toBe('Your sign-in code is 000000');
  expect(mail.from).toContain('no-reply@example.com');
  expect(mail.body.html).toContain('000000');
});

test("a test send in a locale names the template it used, and previews the repository's when asked", async ({ page }) => {
  // Two sends and a sign-up: more than one journey's time on a busy machine.
  test.slow();
  await signUp(page, uniqueEmail('connector-locale'));
  await page.goto('/connector');
  await expect(page.getByText("What Logto would send: the tenant's templates, then AWS_SES_CONFIG's.")).toBeAttached();

  // Logto's connector test takes the tag as written: zh-cn is not zh-CN, the fallback language's goes.
  await page.getByLabel('Locale').fill('zh-cn');
  await sendTestFromConnectorPage(page, uniqueEmail('connector-locale-lower'), 'SignIn');
  await expect(page.getByTestId('test-send-template')).toHaveText("the tenant's en/SignIn template (tenant)");

  await page.getByLabel('Locale').fill('zh-CN');
  await page.getByLabel('Template source').selectOption('repository');
  const to = uniqueEmail('connector-locale-preview');
  await sendTestFromConnectorPage(page, to, 'SignIn');
  await expect(page.getByTestId('test-send-template')).toHaveText("the repository's zh-CN/SignIn template (email-templates/)");
  await expect(page.getByTestId('test-send-result')).toContainText('A preview of email-templates/');
  await expect(page.getByLabel('Locale')).toHaveValue('zh-CN');
  await expect(page.getByLabel('Template source')).toHaveValue('repository');
  await page.screenshot({ path: 'test-results/screens/connector-test-sent-locale.png', fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByTestId('test-send-result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/connector-test-sent-locale-375.png', fullPage: true });
  expect((await waitForEmail(to)).subject).toBe('您的登录验证码：000000');
});

test('the form explains a refused address instead of sending', async ({ page }) => {
  await signUp(page, uniqueEmail('connector-refused'));
  await page.goto('/connector');
  // The browser's own check would stop a malformed address; this one passes it but not ours.
  await page.getByLabel('Recipient email').fill(`${'a'.repeat(65)}@example.com`);
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByTestId('test-send-error-code')).toHaveText('invalid_email');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the test-send form still sends and shows the message id', async ({ page }) => {
    await signUp(page, uniqueEmail('connector-no-js'));
    await page.goto('/connector');
    const to = uniqueEmail('connector-no-js-test');
    const messageId = await sendTestFromConnectorPage(page, to, 'Generic');
    expect((await waitForEmail(to)).messageId).toBe(messageId);
  });
});
