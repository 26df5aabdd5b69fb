import type { Page } from '@playwright/test';

import { uniqueEmail } from '../testing/unique-email';

import { isTraceRecorderNoise } from './support/console-noise';
import { expect, test } from './support/fixtures';
import { signUp } from './support/journeys';
import { urls } from './support/urls';

type Complaint = { url: string; what: string };

/**
 * Records, for the app's own pages only (the identity provider's screens are not ours), every
 * console error and every `securitypolicyviolation` event. A policy can refuse a script without
 * a console line (and the reverse), hence both.
 */
async function recordComplaints(page: Page): Promise<Complaint[]> {
  const complaints: Complaint[] = [];
  const ours = (url: string) => url.startsWith(`${urls.app}/`) || url === urls.app;
  // Chromium logs the status of a page answered with an error status (a 404, a failed sign-in)
  // as "Failed to load resource": that status is the page's meaning, not a fault in it. The same
  // line for anything the page loads still counts.
  const documentStatus = new Map<string, number>();
  page.on('response', (response) => {
    if (response.request().isNavigationRequest()) documentStatus.set(response.url(), response.status());
  });
  const isOwnStatus = (url: string, text: string) =>
    Number(/^Failed to load resource: the server responded with a status of (\d+)/.exec(text)?.[1]) === documentStatus.get(url);
  page.on('console', (message) => {
    const url = message.location().url || page.url();
    const text = message.text();
    if (message.type() === 'error' && ours(page.url()) && !isOwnStatus(url, text) && !isTraceRecorderNoise(url, text)) complaints.push({ url, what: text });
  });
  page.on('pageerror', (error) => {
    if (ours(page.url())) complaints.push({ url: page.url(), what: `uncaught: ${error.message}` });
  });
  await page.exposeBinding('reportPolicyViolation', ({ frame }, what: string) => {
    if (ours(frame.url())) complaints.push({ url: frame.url(), what });
  });
  // Runs before the page's own scripts, and outside its policy.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportPolicyViolation(what: string): void }).reportPolicyViolation;
      void report(`securitypolicyviolation: ${event.effectiveDirective} refused ${event.blockedURI || 'an inline block'}`);
    });
  });
  return complaints;
}

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
