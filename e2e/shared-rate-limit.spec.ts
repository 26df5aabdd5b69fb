import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { emailsTo } from './support/inbox';
import { signUp } from './support/journeys';
import { urls } from './support/urls';

/**
 * The JSON API and the connector page's form are bundled apart by Next; both must count
 * against the one process-wide limit (lib/process/process-wide.ts). The suite runs with the
 * default recipient limit, 5 test emails per 10 minutes.
 */
test('a recipient the API refused with 429 is refused by the connector form too, and gets no sixth mail', async ({ page }) => {
  await signUp(page, uniqueEmail('shared-limit'));
  const to = uniqueEmail('shared-limit-recipient');
  const send = () => page.request.post('/api/ses/test-send', { headers: { origin: urls.app }, data: { to } });
  for (let sent = 1; sent <= 5; sent += 1) expect((await send()).status()).toBe(200);
  expect((await send()).status()).toBe(429);

  await page.goto('/connector');
  await page.getByLabel('Recipient email').fill(to);
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByTestId('test-send-error-code')).toHaveText('rate_limited');
  expect(await emailsTo(to)).toHaveLength(5);
});
