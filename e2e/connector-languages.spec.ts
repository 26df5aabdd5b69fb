import type { Page } from '@playwright/test';

import { uniqueEmail } from '../testing/unique-email';

import { isTraceRecorderNoise } from './support/console-noise';
import { expect, test } from './support/fixtures';
import { waitForEmail } from './support/inbox';
import { signUp } from './support/journeys';
import { urls } from './support/urls';

/** Errors the browser reports while the page is open. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !isTraceRecorderNoise(message.location().url, message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * Elements whose box reaches past the viewport's right edge, or whose text is wider than a box
 * that clips it. Text fields are left out: they scroll their own value by design.
 */
function overflowing(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('main *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || ['INPUT', 'TEXTAREA'].includes(element.tagName) || getComputedStyle(element).visibility === 'hidden' || element.closest('.sr-only')) continue;
      const style = getComputedStyle(element);
      const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (box.right > width + 0.5 || (clips && element.scrollWidth > element.clientWidth + 1 && element.tagName !== 'IFRAME')) {
        found.push(`${element.tagName.toLowerCase()}${element.dataset.testid ? `[${element.dataset.testid}]` : ''}: ${(element.textContent ?? '').trim().slice(0, 60)}`);
      }
    }
    return { pageScrollsSideways: document.documentElement.scrollWidth > width, found };
  });
}

const words = {
  en: { title: 'AWS SES connector', readiness: 'SES readiness', send: 'Send test email', template: "the tenant's en/SignIn template (tenant)", subject: 'Your sign-in code is 000000' },
  'zh-CN': { title: 'AWS SES 连接器', readiness: 'SES 就绪检查', send: '发送测试邮件', template: '租户的 zh-CN/SignIn 模板（租户）', subject: '您的登录验证码：000000' },
} as const;

for (const locale of ['en', 'zh-CN'] as const) {
  test(`the connector page in ${locale}, at 1280 and 375 px, light and dark`, async ({ page, context }) => {
    test.slow();
    await signUp(page, uniqueEmail(`connector-${locale.toLowerCase()}`));
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: urls.app }]);
    const errors = consoleErrors(page);
    await page.goto('/connector');
    const text = words[locale];

    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('heading', { name: text.title, level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: text.readiness })).toBeVisible();
    // The form's locale is the page's language, and the previews show the mails in it.
    await expect(page.getByRole('textbox', { name: locale === 'en' ? 'Locale (optional)' : '语言（可选）' })).toHaveValue(locale);
    await expect(page.locator('[data-testid^="template-language-"][aria-current="true"]')).toHaveText(locale);

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: `test-results/screens/connector-${locale}-${width}-${colorScheme}.png`, fullPage: true });
        if (width === 375) expect(await overflowing(page)).toEqual({ pageScrollsSideways: false, found: [] });
      }
    }

    // A test send with the defaults: the mail in the page's language, its outcome in it too.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });
    const to = uniqueEmail(`connector-${locale.toLowerCase()}-test`);
    await page.getByLabel(locale === 'en' ? 'Recipient email' : '收件人邮箱').fill(to);
    await page.getByLabel(locale === 'en' ? 'Usage type' : '用途类型').selectOption('SignIn');
    await page.getByRole('button', { name: text.send }).click();
    await expect(page.getByTestId('test-send-template')).toHaveText(text.template);
    await expect(page.getByTestId('test-send-outcome')).toHaveAttribute('data-outcome', 'Delivery');
    expect((await waitForEmail(to)).subject).toBe(text.subject);
    await page.setViewportSize({ width: 375, height: 900 });
    await page.screenshot({ path: `test-results/screens/connector-${locale}-375-sent.png`, fullPage: true });
    expect(await overflowing(page)).toEqual({ pageScrollsSideways: false, found: [] });
    expect(errors).toEqual([]);
  });
}
