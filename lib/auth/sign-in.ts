import LogtoClient from '@logto/next/server-actions';
import { cookies } from 'next/headers';

import { getConfig, type AppConfig } from '@/lib/config';
import { localeOfRequest } from '@/lib/i18n/request';

import { authFailure, classifyAuthError, type AuthFailure } from './auth-failure';
import { logtoConfigFrom, sessionCookieName } from './logto-config';
import { returnPathOf, safeReturnTo } from './return-to';
import { getSession } from './session';
import { checkSessionCookieSize } from './session-cookie-size';
import { rememberIssuedSession } from './session-liveness';
import { withTimeout } from './with-timeout';

/**
 * The sign-in and sign-out steps, shared by the server actions, the `/sign-in` route and the
 * callback. Each returns where the browser goes next, or the failure to show: expected problems
 * (a cancelled sign-in, an unreachable Logto) are results, not exceptions.
 */

export type NextStep = { ok: true; location: string } | AuthFailure;

/** `lang`: the language Logto's pages and code mails use, passed as `ui_locales`. */
export type SignInRequest = { mode: 'signIn' | 'signUp'; returnTo?: unknown; lang?: unknown };

// BCP 47 in the shape Logto's languages take (en, zh-CN, zh-Hant-TW), at most 35 characters.
const languageTag = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

const named = (lang: unknown) => !(lang === undefined || lang === null || lang === '');

/** The `ui_locales` to send: none when absent or empty, a failure when not a language tag. */
function uiLocalesOf(lang: unknown): { ok: true; extraParams?: { ui_locales: string } } | AuthFailure {
  if (!named(lang)) return { ok: true };
  if (typeof lang !== 'string' || lang.length > 35 || !languageTag.test(lang)) return authFailure('invalid_language');
  return { ok: true, extraParams: { ui_locales: lang } };
}

function logFailure(step: string, error: unknown, failure: AuthFailure) {
  const name = error instanceof Error ? error.name : typeof error;
  // An error page from a gateway can be long; its start says enough.
  const detail = error instanceof Error ? error.message.slice(0, 200) : '';
  console.warn(`[auth] ${step} failed: ${failure.code} (${name}${detail ? `: ${detail}` : ''})`);
}

export async function startSignIn({ mode, returnTo, lang }: SignInRequest): Promise<NextStep> {
  const result = getConfig();
  if (!result.ok) return authFailure('not_configured');
  const { config } = result;
  const locales = uiLocalesOf(lang);
  if (!locales.ok) return locales;
  const client = new LogtoClient(logtoConfigFrom(config));
  try {
    const { url } = await withTimeout(
      client.handleSignIn({
        redirectUri: `${config.logto.baseUrl}/callback`,
        postRedirectUri: `${config.origin}${safeReturnTo(returnTo, config.origin)}`,
        interactionMode: mode,
        ...(locales.extraParams && { extraParams: locales.extraParams }),
      }),
      config.logto.timeoutMs,
    );
    return { ok: true, location: url };
  } catch (error) {
    const failure = classifyAuthError(error);
    logFailure('sign-in start', error, failure);
    return failure;
  }
}

/**
 * The link form of sign-in (GET /sign-in). Any site can link there, and starting a sign-in
 * overwrites the session cookie: someone already signed in goes straight to the return address
 * instead, so a link on another site can never sign them out. Without a session, or with an
 * expired one, it starts a sign-in, in the link's `lang`, else in the language the app's pages
 * speak to this browser (its cookie, else Accept-Language), as the forms do: an error page's
 * "Try again" keeps the person's language through Logto's screens to the code mail.
 */
export async function followSignInLink(request: SignInRequest): Promise<NextStep> {
  const result = getConfig();
  if (!result.ok) return authFailure('not_configured');
  const { config } = result;
  if ((await getSession(config)).state === 'signed-in') {
    return { ok: true, location: `${config.origin}${safeReturnTo(request.returnTo, config.origin)}` };
  }
  return startSignIn(named(request.lang) ? request : { ...request, lang: await localeOfRequest() });
}

export async function completeSignIn(callbackUrl: URL): Promise<NextStep> {
  const result = getConfig();
  if (!result.ok) return authFailure('not_configured');
  const { config } = result;
  const client = new LogtoClient(logtoConfigFrom(config));
  // The SDK compares against the redirect URI it sent, so rebuild the URL on the base URL
  // (behind a proxy the request URL may carry another host).
  const expected = new URL(`${config.logto.baseUrl}/callback`);
  expected.search = callbackUrl.search;
  try {
    const postRedirectUri = await withTimeout(client.handleSignInCallback(expected.toString()), config.logto.timeoutMs);
    const tooLarge = await refuseOversizedSession(config);
    if (tooLarge) return tooLarge;
    return { ok: true, location: `${config.origin}${returnPathOf(postRedirectUri, config.origin)}` };
  } catch (error) {
    const failure = classifyAuthError(error);
    logFailure('sign-in callback', error, failure);
    return failure;
  }
}

/**
 * The SDK has just stored the new session in the response's cookie: a session the browser would
 * drop is refused here with a clear log line (sizes only, never the content), instead of a loop.
 */
async function refuseOversizedSession(config: AppConfig): Promise<NextStep | undefined> {
  const store = await cookies();
  const stored = store.get(sessionCookieName(config));
  const size = stored ? checkSessionCookieSize(stored.name, stored.value) : undefined;
  if (stored && size?.ok) rememberIssuedSession(config, stored.value);
  if (!size || size.ok) return undefined;
  console.error(size.logLine);
  store.delete(sessionCookieName(config));
  return authFailure('session_too_large');
}

/**
 * Clears the local session and sends the browser to Logto's end-session page, which ends the
 * Logto session too and comes back to the base URL. If Logto cannot be reached, the local
 * session is still cleared and the home page says the Logto session may still be open.
 */
export async function startSignOut(): Promise<NextStep> {
  const result = getConfig();
  if (!result.ok) return authFailure('not_configured');
  const { config } = result;
  const client = new LogtoClient(logtoConfigFrom(config));
  try {
    const url = await withTimeout(client.handleSignOut(config.logto.baseUrl), config.logto.timeoutMs);
    // The SDK leaves an empty encrypted session behind; remove the cookie altogether.
    (await cookies()).delete(sessionCookieName(config));
    return { ok: true, location: url };
  } catch (error) {
    logFailure('sign-out', error, classifyAuthError(error));
    (await cookies()).delete(sessionCookieName(config));
    return { ok: true, location: `${config.origin}/?notice=signed-out-locally` };
  }
}
