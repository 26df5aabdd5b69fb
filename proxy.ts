import { NextResponse, type NextRequest } from 'next/server';

import { getConfig, isDevelopment } from '@/lib/config';
import { securityHeaders } from '@/lib/http/security-headers';
import { refuseBadServerActionPost } from '@/lib/http/server-action-guard';

/**
 * Runs before every route: refuses server-action posts Next would answer with a 500, and adds
 * the security headers to every answer, with a fresh CSP nonce per request.
 */
export async function proxy(request: NextRequest) {
  const result = getConfig();
  const headers = securityHeaders({
    nonce: crypto.randomUUID().replaceAll('-', ''),
    development: isDevelopment,
    logtoOrigin: result.ok ? new URL(result.config.logto.endpoint).origin : undefined,
    https: result.ok ? result.config.origin.startsWith('https:') : false,
  });
  const refused = await refuseBadServerActionPost(request);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = refused ?? NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every page, prefetches included: an exception a request can choose (a header) would skip
  // the checks above. Not the build's static files, nor the JSON API, whose route checks a body's
  // size before reading it (a proxy in front makes Next buffer the body first); next.config.mjs
  // gives the API its headers.
  matcher: '/((?!_next/static|api/).*)',
};
