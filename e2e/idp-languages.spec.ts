import type { Page } from '@playwright/test';

import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { waitForEmail } from './support/inbox';
import { urls } from './support/urls';

/**
 * The identity provider's screens in each language they exist in, at a phone's width and a
 * desktop's: `lang` travels as `ui_locales` and the screens read as Logto's do, every word
 * inside the page, no console error (the favicon included).
 */

const languages = [
  {
    lang: 'en',
    signIn: 'Sign in to your account',
    email: 'Email',
    continue: 'Continue',
    noAccount: 'No account found',
    create: 'Create account',
    verifyTitle: 'Verify your email',
    code: 'Verification code',
    verify: 'Verify',
    invalid: 'The verification code is invalid.',
    cancel: 'Cancel',
    mailSubject: /code/i,
  },
  {
    lang: 'zh-CN',
    signIn: '登录你的账号',
    email: '邮箱',
    continue: '继续',
    noAccount: '未找到账号',
    create: '注册',
    verifyTitle: '验证你的邮箱',
    code: '验证码',
    verify: '验证',
    invalid: '无效的验证码。',
    cancel: '取消',
    mailSubject: /验证码/,
  },
];

const viewports = [
  { name: '375', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 800 },
];

/**
 * Console errors on the IdP's pages. Chromium logs a page answered with an error status (the
 * wrong code's 400) as "Failed to load resource": that status is the page's meaning, not a fault
 * in it; the same line for anything the page loads (its icon) still counts.
 */
function idpConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    const ownStatus = message.location().url === page.url() && message.text().startsWith('Failed to load resource');
    if (message.type() === 'error' && page.url().startsWith(urls.idp) && !ownStatus) errors.push(`${page.url()}: ${message.text()}`);
  });
  return errors;
}

async function expectWithinWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const words of languages) {
  for (const viewport of viewports) {
    test(`the sign-in screens in ${words.lang} at ${viewport.name}`, async ({ page }) => {
      const shot = (screen: string) => page.screenshot({ path: `test-results/screens/idp-${words.lang}-${screen}-${viewport.name}.png`, fullPage: true });
      const errors = idpConsoleErrors(page);
      await page.setViewportSize(viewport);
      const email = uniqueEmail(`idp-${words.lang}`);

      await page.goto(`/sign-in?lang=${words.lang}`);
      await expect(page).toHaveURL(new RegExp(`^${urls.idp}/interaction/`));
      await expect(page.getByRole('heading', { name: words.signIn })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', words.lang);
      await expectWithinWidth(page);
      await shot('sign-in');

      await page.getByLabel(words.email, { exact: true }).fill(email);
      await page.getByRole('button', { name: words.continue }).click();
      await expect(page.getByRole('heading', { name: words.noAccount })).toBeVisible();
      await expect(page.getByRole('main')).toContainText(email);
      await expectWithinWidth(page);
      await shot('no-account');

      await page.getByRole('button', { name: words.create, exact: true }).click();
      await expect(page.getByRole('heading', { name: words.verifyTitle })).toBeVisible();
      const mail = await waitForEmail(email);
      expect(mail.subject).toMatch(words.mailSubject);
      await expectWithinWidth(page);
      await shot('code');

      await page.getByLabel(words.code, { exact: true }).fill('000000');
      await page.getByRole('button', { name: words.verify, exact: true }).click();
      await expect(page.getByRole('alert')).toContainText(words.invalid);
      await expectWithinWidth(page);
      await shot('wrong-code');

      await page.getByRole('link', { name: words.cancel, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`^${urls.app}/`));
      expect(errors).toEqual([]);
    });
  }
}

test.describe('a browser set to Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('meets the sign-in screens in Chinese without asking', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: '登录你的账号' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });
});
