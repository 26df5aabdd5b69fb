import { chromium, type Browser, type Page, type Request } from '@playwright/test';

import { chromiumPath, offlineChromiumArgs } from '../testing/chromium';
import { codeIn, emailsTo, waitForEmail } from '../testing/inbox';
import { uniqueEmail } from '../testing/unique-email';
import type { BenchStack } from './stack';

/**
 * The passwordless loop as a person goes through it, in headless Chromium: from the click on
 * "Sign in" on the home page to the signed-in home, through the IdP's email and code screens,
 * the code read from the inbox. Each loop runs in a fresh browser context (no IdP session, an
 * empty cache), for one account a warm-up loop created first with "Create account".
 *
 * It also sums how long the app's own requests took (the sign-in server action, `/callback`, the
 * signed-in home document): the rest is the IdP, the inbox and the browser, which the app does
 * not control.
 */

export type SignInLoop = {
  totalMs: number;
  /** The app's requests, by what they are, in ms from the request's start to its response's end. */
  appRequests: { kind: AppRequestKind; url: string; ms: number }[];
  appMs: number;
};

export type AppRequestKind = 'server action' | 'callback' | 'home document';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: offlineChromiumArgs });
}

function appRequestKind(request: Request, appOrigin: string, callbackSeen: boolean): AppRequestKind | undefined {
  const url = new URL(request.url());
  if (url.origin !== appOrigin) return undefined;
  if (request.method() === 'POST') return 'server action';
  if (url.pathname === '/callback') return 'callback';
  // The only home document after the callback is the signed-in one it redirects to.
  if (callbackSeen && url.pathname === '/' && request.resourceType() === 'document') return 'home document';
  return undefined;
}

/** Request start to response end from the browser's own timing, or the events' when it has none. */
function durationMs(request: Request, startedAt: number, finishedAt: number): number {
  const { responseEnd } = request.timing();
  return responseEnd > 0 ? responseEnd : finishedAt - startedAt;
}

/** Records the app's requests of `page` until the returned function is called. */
function recordAppRequests(page: Page, appOrigin: string): () => SignInLoop['appRequests'] {
  const recorded: SignInLoop['appRequests'] = [];
  const started = new Map<Request, number>();
  let callbackSeen = false;
  const onRequest = (request: Request) => void started.set(request, performance.now());
  const onFinished = (request: Request) => {
    const kind = appRequestKind(request, appOrigin, callbackSeen);
    if (!kind) return;
    if (kind === 'callback') callbackSeen = true;
    recorded.push({ kind, url: new URL(request.url()).pathname, ms: durationMs(request, started.get(request) ?? performance.now(), performance.now()) });
  };
  page.on('request', onRequest);
  page.on('requestfinished', onFinished);
  return () => {
    page.off('request', onRequest);
    page.off('requestfinished', onFinished);
    return recorded;
  };
}

async function enterEmailAndCode(page: Page, inboxUrl: string, email: string): Promise<void> {
  // Every loop mails the same address: its code is in the first mail after those already there.
  const alreadySeen = (await emailsTo(inboxUrl, email)).length;
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Verification code').waitFor();
  const mail = await waitForEmail(inboxUrl, email, { alreadySeen, timeoutMs: 15_000 });
  await page.getByLabel('Verification code').fill(codeIn(mail));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByTestId('signed-in-email').filter({ hasText: email }).waitFor();
}

/** The warm-up: a new account through "Create account"; returns its address. */
export async function createAccount(browser: Browser, stack: BenchStack): Promise<string> {
  const email = uniqueEmail('bench-browser');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(stack.appUrl);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await enterEmailAndCode(page, stack.inboxUrl, email);
    return email;
  } finally {
    await context.close();
  }
}

/** One timed loop for `email`, in a fresh context; the home page is loaded before the clock starts. */
export async function signInLoop(browser: Browser, stack: BenchStack, email: string): Promise<SignInLoop> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(stack.appUrl);
    const stopRecording = recordAppRequests(page, new URL(stack.appUrl).origin);
    const started = performance.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await enterEmailAndCode(page, stack.inboxUrl, email);
    const totalMs = performance.now() - started;
    const appRequests = stopRecording();
    return { totalMs, appRequests, appMs: appRequests.reduce((sum, request) => sum + request.ms, 0) };
  } finally {
    await context.close();
  }
}
