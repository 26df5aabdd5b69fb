import { htmlPageStyleHash } from './html-page';

/**
 * The security headers of every page. The Content-Security-Policy uses a fresh nonce per
 * request with 'strict-dynamic': Next.js puts that nonce on its own scripts, and the scripts
 * they load inherit the trust, so no host list or 'unsafe-inline' is needed for scripts.
 */

export type SecurityHeaderOptions = {
  /**
   * None for a prerendered page: its HTML was written at build time, so it cannot carry a
   * per-request nonce. The only such page, the signed-out welcome, needs no script, so its
   * policy allows none (its forms and links work as plain HTML).
   */
  nonce?: string;
  /** Development needs eval for React's debugging tools and a websocket for hot reload. */
  development: boolean;
  /** Sign-in forms post to a server action that redirects to Logto: form-action must allow it. */
  logtoOrigin?: string;
  /** HSTS is only meaningful, and only sent, when the app is served over https. */
  https: boolean;
};

export function contentSecurityPolicy({ nonce, development, logtoOrigin }: SecurityHeaderOptions): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': nonce ? ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])] : ["'none'"],
    // `next dev` injects its styles (hot reload, error overlay) as unlabelled inline blocks.
    'style-src': development ? ["'self'", "'unsafe-inline'"] : ["'self'", ...(nonce ? [`'nonce-${nonce}'`, htmlPageStyleHash] : [])],
    // Email template previews are HTML mails, which carry their styles inline.
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'https:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(development ? ['ws:'] : [])],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'", ...(logtoOrigin ? [logtoOrigin] : [])],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Sent only when the base URL is https (browsers ignore it over plain http anyway). */
export const strictTransportSecurity = 'max-age=63072000; includeSubDomains';

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    ...(options.https ? { 'Strict-Transport-Security': strictTransportSecurity } : {}),
  };
}
