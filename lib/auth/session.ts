import { getLogtoContext } from '@logto/next/server-actions';
import { cookies } from 'next/headers';
import { cache } from 'react';

import { getConfig, type AppConfig, type ConfigProblem } from '@/lib/config';

import { logtoConfigFrom, sessionCookieName } from './logto-config';
import { isSessionLive } from './session-liveness';

export type IdTokenClaims = Record<string, unknown> & { sub: string; exp?: number; email?: string | null };

export type Session =
  | { state: 'signed-out' }
  /** An ID token is in the cookie but past its expiry: the person has to sign in again. */
  | { state: 'expired' }
  | { state: 'signed-in'; claims: IdTokenClaims; email?: string };

const signedOut: Session = { state: 'signed-out' };

/**
 * Who is signed in, read from the session cookie. No cookie means signed out without any
 * decryption work. A cookie that cannot be read (tampered, truncated, from another secret)
 * also means signed out, never an error.
 */
export async function getSession(config: AppConfig, now: () => number = Date.now): Promise<Session> {
  const store = await cookies();
  if (!store.has(sessionCookieName(config))) return signedOut;
  try {
    const context = await getLogtoContext(logtoConfigFrom(config));
    if (!context.isAuthenticated || !context.claims?.sub) return signedOut;
    const claims = context.claims as IdTokenClaims;
    // The SDK decodes the ID token without checking its expiry; we do. OIDC requires `exp`: a
    // token without one says nothing about being still good, so it counts as expired too.
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now()) return { state: 'expired' };
    // Another device may have ended this session in Logto (lib/auth/session-liveness.ts).
    if (config.logto.accountFeatures && !(await isSessionLive(config, store.get(sessionCookieName(config))?.value ?? '', { now: now() }))) {
      return signedOut;
    }
    return { state: 'signed-in', claims, email: typeof claims.email === 'string' ? claims.email : undefined };
  } catch (error) {
    console.warn(`[auth] unreadable session cookie treated as signed out (${error instanceof Error ? error.name : 'unknown'})`);
    return signedOut;
  }
}

export type PageContext = { ok: true; config: AppConfig; session: Session } | { ok: false; problems: ConfigProblem[] };

/**
 * What a page needs: the configuration and who is signed in. Reading the cookies first makes
 * every page that uses this render per request, so it always sees the runtime configuration
 * rather than whatever was set at build time. Once per request (React's `cache`): the layout's
 * header and the page both ask.
 */
export const getPageContext = cache(async (): Promise<PageContext> => {
  await cookies();
  const result = getConfig();
  if (!result.ok) return { ok: false, problems: result.problems };
  return { ok: true, config: result.config, session: await getSession(result.config) };
});
