import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { submitEmail } from './support/journeys';
import { waitForEmail } from './support/inbox';
import { urls } from './support/urls';

test.use({ javaScriptEnabled: false });

/** The local inbox is where a person reads their code under `npm run dev`: it must read without scripts, on a phone too. */
for (const viewport of [
  { name: '375', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 800 },
]) {
  test(`the local inbox shows the code without JavaScript at ${viewport.name}`, async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      // The mail's frame runs no script; what Chromium refuses there is Playwright's own (its trace
      // recorder, the frame locator below), as e2e/support/console-noise.ts explains.
      const harness = message.text().startsWith("Blocked script execution in 'about:srcdoc'");
      if (message.type() === 'error' && !harness) errors.push(message.text());
    });
    await page.setViewportSize(viewport);
    const email = uniqueEmail('inbox-no-js');
    await page.goto('/');
    await page.getByRole('button', { name: 'Create account' }).click();
    await submitEmail(page, email);
    const mail = await waitForEmail(email);
    const code = /\b\d{6}\b/.exec(mail.subject)?.[0] ?? '';

    await page.goto(`${urls.inbox}/`);
    await expect(page.getByRole('heading', { name: 'Local SES inbox' })).toBeVisible();
    const entry = page.getByRole('article').filter({ hasText: email });
    await expect(entry.locator('[data-code]')).toHaveText(code);
    await entry.getByText('Show the mail').click();
    await expect(entry.frameLocator('iframe').getByText(code, { exact: true })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/screens/inbox-no-js-${viewport.name}.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
}
