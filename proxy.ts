import { NextResponse, type NextRequest } from 'next/server';

import { sessionCookieName } from '@/lib/auth/logto-config';
import { getConfig, isDevelopment } from '@/lib/config';
import { securityHeaders } from '@/lib/http/security-headers';
import { refuseUndecodablePath } from '@/lib/http/bad-address';
import { refuseBadServerActionPost } from '@/lib/http/server-action-guard';
import { isWelcomePath, prerenderedWelcomeLocale, signedOutHomeCacheControl, signedOutHomeHeader } from '@/lib/http/signed-out-home';
import { signedOutHomeScriptHashes } from '@/lib/http/signed-out-home-scripts';

/**
 * Runs before every route: marks the requests for the prerendered home page (visitors without
 * a session) with their language (next.config.ts serves that language's page),
 * refuses server-action posts Next would answer with a 500, and adds the security headers to
 * every answer, with a fresh CSP nonce per request for the pages rendered per request (the
 * prerendered home's policy allows its page's scripts by hash instead, and its Cache-Control
 * keeps shared caches from handing it to a signed-in person or to a reader of another language).
 */
export async function proxy(request: NextRequest) {
  const result = getConfig();
  const shared = {
    development: isDevelopment,
    logtoOrigin: result.ok ? new URL(result.config.logto.endpoint).origin : undefined,
    https: result.ok ? result.config.origin.startsWith('https:') : false,
  };
  const withHeaders = (response: Response, headers: Record<string, string>) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };

  // Only the base URL names this app: never the request's Host or X-Forwarded-Host, which a
  // client or a proxy in front may set to anything.
  if (isWelcomePath(request.nextUrl.pathname)) {
    const home = result.ok ? new URL('/', result.config.origin) : new URL('/', request.nextUrl);
    return withHeaders(NextResponse.redirect(home), securityHeaders(shared));
  }
  const requestHeaders = new Headers(request.headers);
  // A client could send the marker itself; only this proxy sets it.
  requestHeaders.delete(signedOutHomeHeader);
  // `next dev` renders every page per request anyway; a bad configuration is explained by the
  // dynamic home page.
  const locale = !isDevelopment && result.ok ? prerenderedWelcomeLocale(request, sessionCookieName(result.config)) : undefined;
  if (locale) {
    requestHeaders.set(signedOutHomeHeader, locale);
    return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), {
      ...securityHeaders({ ...shared, scriptHashes: signedOutHomeScriptHashes(locale) }),
      'Cache-Control': signedOutHomeCacheControl,
    });
  }

  const nonce = () => crypto.randomUUID().replaceAll('-', '');
  const headers = securityHeaders({ ...shared, nonce: nonce(), styleNonce: nonce() });
  const refused = refuseUndecodablePath(request) ?? (await refuseBadServerActionPost(request, result.ok ? [result.config.origin, ...result.config.logto.otherBaseUrls] : undefined));
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  return withHeaders(refused ?? NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

export const config = {
  // Every page, prefetches included: an exception a request can choose (a header) would skip
  // the checks above. Not the build's static files, nor the JSON API, whose route checks a body's
  // size before reading it (a proxy in front makes Next buffer the body first); next.config.ts
  // gives the API its headers.
  matcher: '/((?!_next/static|api/).*)',
};
