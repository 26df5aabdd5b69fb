import { codeIn } from '../testing/inbox';
import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { waitForEmail } from './support/inbox';
import { screenshot } from './support/page-standards';
import { urls } from './support/urls';

/**
 * A person whose browser asks for Chinese, on a phone: Chinese from the app's first page through
 * Logto's screens to the code mail and back, the header naming them in Chinese. The header's
 * switch then turns the app to English and back, and a sign-in started in English gets English
 * screens and an English mail, though the browser still asks for Chinese.
 */

test.use({ locale: 'zh-CN', viewport: { width: 375, height: 812 } });

test('a Chinese browser signs up in Chinese, then the switch turns the app and the next sign-in to English', async ({ page, context }) => {
  test.setTimeout(90_000);
  const email = uniqueEmail('chinese-journey');
  const shot = (screen: string) => screenshot(page, `chinese-journey-${screen}`);
  const html = page.locator('html');
  const header = page.getByRole('banner');

  await page.goto('/');
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '只用邮箱就能登录' })).toBeVisible();
  await shot('01-home');

  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(page).toHaveURL(new RegExp(`^${urls.idp}/interaction/`));
  await expect(page.getByRole('heading', { name: '注册你的账号' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await shot('02-idp-register');

  await page.getByLabel('邮箱', { exact: true }).fill(email);
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page.getByRole('heading', { name: '验证你的邮箱' })).toBeVisible();
  await shot('03-idp-code');

  const mail = await waitForEmail(email);
  expect(mail.subject).toMatch(/验证码/);
  expect(mail.body.html).toContain('<html lang="zh-CN">');
  // The mail as the person reads it: in the local inbox, beside the sign-in tab.
  const inbox = await context.newPage();
  await inbox.goto(`${urls.inbox}/`);
  const entry = inbox.getByRole('article').filter({ hasText: email });
  await expect(entry).toContainText(mail.subject);
  await entry.getByText('Show the mail').click();
  await expect(entry.frameLocator('iframe').getByText(codeIn(mail), { exact: true })).toBeVisible();
  await screenshot(inbox, 'chinese-journey-04-mail');
  await inbox.close();

  await page.getByLabel('验证码', { exact: true }).fill(codeIn(mail));
  await page.getByRole('button', { name: '验证', exact: true }).click();
  await expect(page).toHaveURL(`${urls.app}/`);
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('header-person')).toHaveText(`已登录：${email}退出登录`);
  await expect(header.getByRole('button', { name: '退出登录' })).toBeVisible();
  await expect(header.getByRole('link', { name: '账号' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('heading', { name: email })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('ID 令牌声明');
  await shot('05-signed-in');

  await header.getByRole('button', { name: 'English', exact: true }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('header-person')).toHaveText(`Signed in as ${email}Sign out`);
  await expect(header.getByRole('link', { name: 'Account' })).toBeVisible();
  await shot('06-switched-to-english');

  await header.getByRole('button', { name: '简体中文', exact: true }).click();
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(header.getByRole('button', { name: '退出登录' })).toBeVisible();
  await shot('07-switched-back');

  // English again, and a new sign-in: the app's choice travels to Logto, not the browser's Chinese.
  await header.getByRole('button', { name: 'English', exact: true }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  await header.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in with just your email' })).toBeVisible();
  await shot('08-signed-out-english');

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'en');
  await shot('09-idp-sign-in-english');

  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Verify your email' })).toBeVisible();
  const english = await waitForEmail(email, 2);
  expect(english.subject).toMatch(/^Your sign-in code is \d{6}$/);
  expect(english.body.html).toContain('<html lang="en">');
  await page.getByLabel('Verification code', { exact: true }).fill(codeIn(english));
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page).toHaveURL(`${urls.app}/`);
  await expect(page.getByTestId('header-person')).toHaveText(`Signed in as ${email}Sign out`);
  await shot('10-signed-in-english');
});
