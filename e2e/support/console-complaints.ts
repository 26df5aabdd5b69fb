import type { Page } from '@playwright/test';

import { isTraceRecorderNoise } from './console-noise';
import { urls } from './urls';

export type Complaint = { url: string; what: string };

/**
 * Records, for the app's own pages only (the identity provider's screens are not ours), every
 * console error and every `securitypolicyviolation` event. A policy can refuse a script without
 * a console line (and the reverse), hence both.
 */
export async function recordComplaints(page: Page): Promise<Complaint[]> {
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
