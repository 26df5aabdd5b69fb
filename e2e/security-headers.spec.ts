import type { Page, Response } from '@playwright/test';

import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { signUp } from './support/journeys';

const nonceScripts = /script-src 'self' 'nonce-[0-9a-f]+' 'strict-dynamic'/;

/**
 * The headers every page must carry (the app runs on http here: no HSTS). Pages rendered per
 * request allow scripts under a nonce; the prerendered signed-out home page (one per language)
 * its own, by hash.
 */
function expectPageHeaders(response: Response | null, scripts: RegExp = nonceScripts) {
  const headers = response?.headers() ?? {};
  const policy = headers['content-security-policy'] ?? '';
  expect(policy).toMatch(scripts);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-eval');
  expect(headers).toMatchObject({
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  });
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers).not.toHaveProperty('strict-transport-security');
  return policy;
}

/** Collects what the browser refused under the policy while `visit` runs. */
async function violationsDuring(page: Page, visit: () => Promise<unknown>) {
  const refused: string[] = [];
  const listener = (message: { text(): string }) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  };
  page.on('console', listener);
  await visit();
  page.off('console', listener);
  return refused;
}

test('the signed-out home page is prerendered HTML that runs only its own scripts, allowed by hash', async ({ page }) => {
  const response = await page.goto('/');
  const policy = expectPageHeaders(response, /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(policy).not.toContain('nonce-');
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  await expect(page.getByRole('heading', { name: 'Sign in with just your email' })).toBeVisible();
  // Next's inline scripts set up its runtime's queue: the policy let them run.
  expect(await page.evaluate(() => '__next_f' in window)).toBe(true);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
});

test.describe('a browser that asks for Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('gets the prerendered Chinese home page, its own scripts allowed by their own hashes', async ({ page }) => {
    let response: Response | null = null;
    const refused = await violationsDuring(page, async () => {
      response = await page.goto('/');
      await page.waitForLoadState('networkidle');
    });
    const policy = expectPageHeaders(response, /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
    expect(policy).not.toContain('nonce-');
    expect(refused).toEqual([]);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { name: '只用邮箱就能登录' })).toBeVisible();
    expect(await page.evaluate(() => '__next_f' in window)).toBe(true);
    await expect(page.getByRole('button', { name: '登录' })).toBeEnabled();
    await page.screenshot({ path: 'test-results/screens/home-signed-out-zh-CN.png', fullPage: true });

    // Each page has its own RSC payload, so its own hashes: the English page's would block it.
    const english = await page.request.get('/', { headers: { 'accept-language': 'en' } });
    expect(english.headers()['content-security-policy']).not.toBe(policy);
  });
});

test("the home page's language: the switch's cookie before Accept-Language, English for a language the app does not speak", async ({ request }) => {
  const home = async (headers: Record<string, string>) => {
    const response = await request.get('/', { headers });
    expect(response.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
    return /<html lang="([^"]+)"/.exec(await response.text())?.[1];
  };
  expect(await home({ 'accept-language': 'zh-CN,zh;q=0.9' })).toBe('zh-CN');
  expect(await home({ 'accept-language': 'zh-CN', cookie: 'NEXT_LOCALE=en' })).toBe('en');
  expect(await home({ 'accept-language': 'en', cookie: 'NEXT_LOCALE=zh-CN' })).toBe('zh-CN');
  expect(await home({ 'accept-language': 'fr' })).toBe('en');
  // Only the proxy chooses: a marker sent by the client is no language.
  expect(await home({ 'accept-language': 'en', 'x-signed-out-home': 'zh-CN' })).toBe('en');
  for (const path of ['/welcome', '/welcome/zh-CN', '/welcome/fr']) {
    const direct = await request.get(path, { maxRedirects: 0 });
    expect(direct.status(), path).toBe(307);
    expect(new URL(direct.headers().location!, 'http://x').pathname).toBe('/');
  }
});

test('no shared cache keeps the signed-out home for someone who is signed in', async ({ page, request }) => {
  // Next would mark the prerendered page `s-maxage=31536000`, and it overwrites any Vary.
  for (const method of ['GET', 'HEAD'] as const) {
    const signedOut = await request.fetch('/', { method });
    expect(signedOut.headers()['cache-control']).toBe('public, no-cache');
  }
  // Next replaces any Vary the proxy could send, so a cache asking again with a stored copy's
  // ETag must not have it confirmed for the other language: the two pages' ETags differ.
  const etags = await Promise.all(
    ['en', 'zh-CN'].map(async (language) => {
      const signedOut = await request.get('/', { headers: { 'accept-language': language } });
      expect(signedOut.headers()['cache-control']).toBe('public, no-cache');
      return signedOut.headers().etag;
    }),
  );
  expect(etags[0]).toBeTruthy();
  expect(etags[1]).toBeTruthy();
  expect(etags[0]).not.toBe(etags[1]);

  await signUp(page, uniqueEmail('cache-control'));
  const signedIn = await page.request.get('/');
  expect(await signedIn.text()).toContain('data-testid="signed-in-email"');
  expect(signedIn.headers()['cache-control']).toMatch(/^private, no-cache, no-store/);
});

test('every page rendered per request carries the security headers, with Next.js scripts under the nonce', async ({ page }) => {
  await signUp(page, uniqueEmail('headers'));
  const response = await page.goto('/');
  const policy = expectPageHeaders(response);
  const nonce = /'nonce-([0-9a-f]+)'/.exec(policy)?.[1];
  // Browsers hide the nonce attribute from the DOM; the element property keeps it.
  const scriptNonces = await page.locator('script').evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  for (const path of ['/', '/account', '/connector']) {
    let answer: Response | null = null;
    const refused = await violationsDuring(page, async () => {
      answer = await page.goto(path);
      await page.waitForLoadState('networkidle');
    });
    expectPageHeaders(answer);
    expect(refused, `${path} ran into the policy`).toEqual([]);
  }
});

test('an address the app does not have gets its 404 page, under the same policy', async ({ page }) => {
  let response: Response | null = null;
  const refused = await violationsDuring(page, async () => {
    response = await page.goto('/no-such-page');
    await page.waitForLoadState('networkidle');
  });
  expect(response!.status()).toBe(404);
  expectPageHeaders(response);
  expect(refused).toEqual([]);
  await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/not-found.png', fullPage: true });
  await page.getByRole('link', { name: 'Back to the app' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in with just your email' })).toBeVisible();
});

test("a route handler's error page carries the headers and keeps its own style", async ({ page }) => {
  let response: Response | null = null;
  const refused = await violationsDuring(page, async () => {
    response = await page.goto('/callback?code=forged&state=forged');
  });
  expect(response!.status()).toBe(400);
  expectPageHeaders(response);
  expect(refused).toEqual([]);
  // The inline style sheet applied: the card has its rounded corners.
  await expect(page.locator('section.card')).toHaveCSS('border-radius', '16px');
});

test('the JSON API allows nothing to load or frame it', async ({ request }) => {
  const response = await request.get('/api/ses/test-send');
  expect(response.status()).toBe(405);
  expect(response.headers()).toMatchObject({
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': expect.stringContaining('camera=()'),
  });
});

test('the session cookie is HttpOnly, SameSite=Lax and out of reach of scripts', async ({ page, context }) => {
  await signUp(page, uniqueEmail('cookie-flags'));
  const session = (await context.cookies()).find((cookie) => cookie.name.startsWith('logto_'));
  // Secure follows the base URL's scheme (http here); lib/config tests the https case.
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
  expect(await page.evaluate(() => document.cookie)).not.toContain('logto_');
});
