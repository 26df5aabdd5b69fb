import type { Page } from '@playwright/test';

import { uniqueEmail } from '../testing/unique-email';

import { recordComplaints } from './support/console-complaints';
import { expect, test } from './support/fixtures';
import { signUp } from './support/journeys';

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  await page.waitForLoadState('networkidle');
  return response;
}

test('no page a person meets logs a console error or runs into the policy', async ({ page }) => {
  const complaints = await recordComplaints(page);

  // Signed out: the prerendered home, then a cancelled sign-in's failure page.
  await visit(page, '/');
  await expect(page.getByRole('heading', { name: 'Sign in with just your email' })).toBeVisible();
  // Next's runtime ran: its scripts were allowed, not merely absent from the log.
  expect.soft(await page.evaluate(() => '__next_f' in window)).toBe(true);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'Sign-in cancelled' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect((await visit(page, '/sign-in/failed?reason=idp_unreachable'))?.status()).toBe(503);
  expect((await visit(page, '/no-such-page'))?.status()).toBe(404);

  // Signed in: the home page, the account and connector pages.
  await signUp(page, uniqueEmail('console-clean'));
  await page.waitForLoadState('networkidle');
  for (const path of ['/', '/account', '/connector']) expect((await visit(page, path))?.status()).toBe(200);

  expect(complaints).toEqual([]);
});
