import { expect, test } from './support/fixtures';

test('cancelling at the identity provider shows why, and trying again works', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const callback = page.waitForResponse((response) => response.url().includes('/callback?'));
  await page.getByRole('link', { name: 'Cancel' }).click();
  expect((await callback).status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Sign-in was cancelled' })).toBeVisible();

  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
});
