import { expect, test } from './support/fixtures';

/**
 * The pages the sign-in routes answer failures with: in the app's shell (header, navigation,
 * footer), in the request's language, with the status the failure has and its code.
 */

const languages = [
  {
    locale: 'en',
    expired: 'This sign-in link has expired',
    badLanguage: 'This sign-in language is not valid',
    status: (code: number) => `Error ${code}`,
    errorCode: (code: string) => `Error code: ${code}`,
    tryAgain: 'Try again',
    backToApp: 'Back to the app',
    navigation: 'Main',
    account: 'Account',
    footer: 'codes delivered by Amazon SES',
  },
  {
    locale: 'zh-CN',
    expired: '此登录链接已过期',
    badLanguage: '此登录语言无效',
    status: (code: number) => `错误 ${code}`,
    errorCode: (code: string) => `错误代码：${code}`,
    tryAgain: '重试',
    backToApp: '返回应用',
    navigation: '主导航',
    account: '账号',
    footer: '验证码由 Amazon SES 发送',
  },
];

for (const words of languages) {
  test.describe(words.locale, () => {
    test.use({ locale: words.locale });

    test(`an error from the identity provider on /callback, in ${words.locale}`, async ({ page }) => {
      const response = await page.goto('/callback?error=server_error&error_description=boom');
      expect(response?.status()).toBe(400);
      await expect(page.locator('html')).toHaveAttribute('lang', words.locale);
      await expect(page.getByRole('heading', { name: words.expired })).toBeVisible();
      await expect(page.getByText(words.status(400), { exact: true })).toBeVisible();
      await expect(page.getByText(words.errorCode('sign_in_expired'))).toBeVisible();
      await expect(page.getByRole('link', { name: words.tryAgain })).toHaveAttribute('href', '/sign-in');
      await expect(page.getByRole('navigation', { name: words.navigation }).getByRole('link', { name: words.account })).toHaveAttribute('href', '/account');
      await expect(page.getByRole('contentinfo')).toContainText(words.footer);
      // Nothing the identity provider wrote is echoed.
      await expect(page.locator('body')).not.toContainText('boom');
      await page.screenshot({ path: `test-results/screens/callback-error-${words.locale}.png`, fullPage: true });
    });

    test(`a sign-in link with a bad lang, in ${words.locale}`, async ({ page }) => {
      const response = await page.goto('/sign-in?lang=bad!');
      expect(response?.status()).toBe(400);
      await expect(page.locator('html')).toHaveAttribute('lang', words.locale);
      await expect(page.getByRole('heading', { name: words.badLanguage })).toBeVisible();
      await expect(page.getByText(words.errorCode('invalid_language'))).toBeVisible();
      await expect(page.getByRole('link', { name: words.backToApp })).toHaveAttribute('href', '/');
      await page.setViewportSize({ width: 375, height: 812 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: `test-results/screens/sign-in-bad-lang-${words.locale}-375.png`, fullPage: true });
    });
  });
}
