import { NextResponse, type NextRequest } from 'next/server';

import { sessionCookieName } from '@/lib/auth/logto-config';
import { getConfig, isDevelopment } from '@/lib/config';
import { securityHeaders } from '@/lib/http/security-headers';
import { refuseBadServerActionPost } from '@/lib/http/server-action-guard';
import { servesPrerenderedWelcome, welcomePath } from '@/lib/http/signed-out-home';

/**
 * Runs before every route: serves the prerendered home page to visitors without a session,
 * refuses server-action posts Next would answer with a 500, and adds the security headers to
 * every answer, with a fresh CSP nonce per request for the pages rendered per request.
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

  if (request.nextUrl.pathname === welcomePath) return withHeaders(NextResponse.redirect(new URL('/', request.url)), securityHeaders(shared));
  // `next dev` renders every page per request anyway; a bad configuration is explained by the
  // dynamic home page.
  if (!isDevelopment && result.ok && servesPrerenderedWelcome(request, sessionCookieName(result.config))) {
    return withHeaders(NextResponse.rewrite(new URL(welcomePath, request.url)), securityHeaders(shared));
  }

  const headers = securityHeaders({ ...shared, nonce: crypto.randomUUID().replaceAll('-', '') });
  const refused = await refuseBadServerActionPost(request);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  return withHeaders(refused ?? NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

export const config = {
  // Every page, prefetches included: an exception a request can choose (a header) would skip
  // the checks above. Not the build's static files, nor the JSON API, whose route checks a body's
  // size before reading it (a proxy in front makes Next buffer the body first); next.config.mjs
  // gives the API its headers.
  matcher: '/((?!_next/static|api/).*)',
};
