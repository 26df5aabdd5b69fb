import { expect, test } from './support/fixtures';

test('a forged callback shows the error page with a 4xx status', async ({ page }) => {
  const response = await page.goto('/callback?code=forged&state=forged');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('heading', { name: 'This sign-in link has expired' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '/sign-in');
});

test('a callback whose state does not match the sign-in started here is refused', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  const response = await page.goto('/callback?code=forged&state=not-the-real-state');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('heading', { name: 'This sign-in does not match your browser' })).toBeVisible();
  // The page's own styles pass the Content-Security-Policy (a blocked style block leaves it bare).
  await expect(page.locator('section.card')).toHaveCSS('border-radius', '16px');
  await page.screenshot({ path: 'test-results/screens/callback-state-mismatch.png', fullPage: true });
});
