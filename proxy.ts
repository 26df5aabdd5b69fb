import { NextResponse, type NextRequest } from 'next/server';

import { getConfig, isDevelopment } from '@/lib/config';
import { securityHeaders } from '@/lib/http/security-headers';

/** Adds the security headers to every page, with a fresh CSP nonce per request. */
export function proxy(request: NextRequest) {
  const result = getConfig();
  const headers = securityHeaders({
    nonce: crypto.randomUUID().replaceAll('-', ''),
    development: isDevelopment,
    logtoOrigin: result.ok ? new URL(result.config.logto.endpoint).origin : undefined,
    https: result.ok ? result.config.origin.startsWith('https:') : false,
  });
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: static assets, the image optimizer and prefetches need no policy of their own.
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico|api/).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
