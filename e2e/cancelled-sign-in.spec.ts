import type { Page } from '@playwright/test';

import { expect, test } from './support/fixtures';
import { urls } from './support/urls';

/**
 * Console errors on the app's pages. Chromium logs a page answered with an error status as
 * "Failed to load resource": that status is the page's meaning (the cancel's 403); the same line
 * for anything the page loads (its icon) still counts.
 */
function appConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    const ownStatus = message.location().url === page.url() && message.text().startsWith('Failed to load resource');
    if (message.type() === 'error' && page.url().startsWith(urls.app) && !ownStatus) errors.push(`${page.url()}: ${message.text()}`);
  });
  return errors;
}

test('cancelling at the identity provider shows why, and trying again works', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const callback = page.waitForResponse((response) => response.url().includes('/callback?'));
  await page.getByRole('link', { name: 'Cancel' }).click();
  // Logto answered access_denied: no access was granted, whoever chose so.
  expect((await callback).status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Sign-in cancelled' })).toBeVisible();
  // A person's own choice is not an error: no status label, no error code.
  await expect(page.getByRole('main')).not.toContainText(/Error 403|Error code/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Logto SES sign-in' })).toHaveAttribute('href', '/');
  await expect(page.getByRole('link', { name: 'Back to the app' })).toHaveAttribute('href', '/');

  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('a cancelled sign-in reads as such in Chinese, in the app shell, with its icon and a clean console', async ({ page, request }) => {
    const errors = appConsoleErrors(page);
    await page.goto('/');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByRole('heading', { name: '登录你的账号' })).toBeVisible();
    await page.getByRole('link', { name: '取消' }).click();

    await expect(page.getByRole('heading', { name: '已取消登录' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page).toHaveTitle('已取消登录 · Logto SES sign-in');
    await expect(page.getByRole('main')).not.toContainText(/错误|Error/);
    // The app's shell: its header, navigation and footer, in the page's language.
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: 'SES 连接器' })).toHaveAttribute('href', '/connector');
    await expect(page.getByRole('button', { name: '简体中文' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('contentinfo')).toContainText('验证码由 Amazon SES 发送');
    // The page's own styles pass the Content-Security-Policy (a blocked block leaves it bare).
    await expect(page.locator('section.card')).toHaveCSS('border-radius', '16px');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: 'test-results/screens/sign-in-cancelled-zh-CN.png', fullPage: true });

    // The icon the page names, and the one a browser asks for when a page names none.
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
    const svg = await request.get('/favicon.svg');
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    const ico = await request.get('/favicon.ico');
    expect(ico.status()).toBe(200);
    expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));

    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: 'test-results/screens/sign-in-cancelled-zh-CN-375.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // "Try again" keeps the language through Logto's screens.
    await page.getByRole('link', { name: '重试' }).click();
    await expect(page.getByRole('heading', { name: '登录你的账号' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test("the page's language switch turns the cancel page to English", async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('link', { name: '取消' }).click();
    await expect(page.getByRole('heading', { name: '已取消登录' })).toBeVisible();

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Sign-in cancelled' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('link', { name: 'Try again' })).toBeVisible();
  });
});
