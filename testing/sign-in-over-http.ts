import { HttpBrowser, submitCode, submitEmail, type Visit } from './http-browser';
import type { InboxCodes } from './inbox';
import type { Stack } from './local-stack';

/**
 * A new person signing up the way a browser does, over plain HTTP: the app's `/sign-in`, the
 * IdP's email and code screens (the code read from the inbox), back through the app's
 * `/callback`, then the page it lands on. One cookie jar per person.
 */

export type SignedIn = {
  email: string;
  browser: HttpBrowser;
  /** Where the app's callback sent the browser. */
  landedOn: URL;
  /** The page at `landedOn`. */
  page: Visit;
  durationMs: number;
};

/**
 * What a sign-in over HTTP needs to know of the stack; the benchmark passes its own. `fetch`:
 * the browser's fetch, when the app is behind TLS with a test certificate.
 */
export type SignInTarget = Pick<Stack, 'appUrl' | 'idpUrl'> & { fetch?: typeof fetch };

/** The app's session cookie, as the SDK names it. */
export const sessionCookieName = (stack: { appEnv: Pick<Stack['appEnv'], 'LOGTO_APP_ID'> }) => `logto_${stack.appEnv.LOGTO_APP_ID}`;

export class SignInError extends Error {}

/** Starts a sign-in at the app and goes no further: the cookie it set, and its OIDC state. */
export async function pendingSignIn(stack: Pick<SignInTarget, 'appUrl' | 'fetch'>): Promise<{ cookie: string; state: string }> {
  const response = await (stack.fetch ?? fetch)(`${stack.appUrl}/sign-in`, { redirect: 'manual' });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  const state = new URL(response.headers.get('location') ?? '', stack.appUrl).searchParams.get('state');
  if (response.status !== 303 || !cookie || !state) throw new SignInError(`sign-in start answered ${response.status}`);
  return { cookie, state };
}

/** Stops at the app's callback: `callback` is the URL the IdP sent the browser back to. */
export async function throughIdp(stack: SignInTarget, codes: InboxCodes, email: string, returnTo = '/') {
  const browser = new HttpBrowser(stack.idpUrl, stack.fetch);
  const start = new URL('/sign-in', stack.appUrl);
  start.search = new URLSearchParams({ mode: 'signUp', returnTo }).toString();
  const emailPage = await browser.visit(start);
  if (emailPage.status !== 200) throw new SignInError(`sign-in start answered ${emailPage.status}`);
  const codePage = await submitEmail(browser, emailPage, email, 'register');
  if (codePage.status !== 200) throw new SignInError(`the email screen answered ${codePage.status}`);
  const done = await submitCode(browser, codePage, await codes.waitFor(email));
  if (!done.leftTo || done.leftTo.origin !== stack.appUrl) throw new SignInError(`the code screen answered ${done.status}, not a redirect to the app`);
  return { browser, callback: done.leftTo };
}

export async function signUp(stack: SignInTarget, codes: InboxCodes, email: string, returnTo = '/'): Promise<SignedIn> {
  const started = performance.now();
  const { browser, callback } = await throughIdp(stack, codes, email, returnTo);
  const answer = await browser.visit(callback);
  if (answer.status !== 303 || !answer.leftTo) throw new SignInError(`the callback answered ${answer.status}`);
  // Anywhere but the app is an open redirect; the page is not requested then.
  const page = answer.leftTo.origin === stack.appUrl ? await browser.visit(answer.leftTo) : { url: answer.leftTo, status: 0, body: '' };
  return { email, browser, landedOn: answer.leftTo, page, durationMs: performance.now() - started };
}
