import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { expectSignedInAs, submitCodeFromInbox, submitEmail } from './support/journeys';

test('a wrong code is refused with tries left, then the right one signs in', async ({ page }) => {
  const email = uniqueEmail('wrong-code');
  await page.goto('/');
  await page.getByRole('button', { name: 'Create account' }).click();
  await submitEmail(page, email);

  await page.getByLabel('Verification code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toContainText('The verification code is invalid.');
  await expect(page.getByRole('alert')).toContainText(/4 tries left/i);
  await page.screenshot({ path: 'test-results/screens/idp-wrong-code.png', fullPage: true });

  await submitCodeFromInbox(page, email);
  await expectSignedInAs(page, email);
});
