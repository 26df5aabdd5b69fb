// Relative imports: next.config.ts loads this module, and its loader resolves no '@/' paths.
import { htmlPageStyleHash } from '../failure/failure-page-style';

/**
 * The security headers of every page. The Content-Security-Policy uses a fresh nonce per
 * request with 'strict-dynamic': Next.js puts that nonce on its own scripts, and the scripts
 * they load inherit the trust, so no host list or 'unsafe-inline' is needed for scripts.
 * The prerendered signed-out home, whose HTML was written at build time, allows its own inline
 * scripts by hash instead, and its chunks from 'self'.
 */

export type SecurityHeaderOptions = {
  /**
   * None for a prerendered page: its HTML was written at build time, so it cannot carry a
   * per-request nonce.
   */
  nonce?: string;
  /**
   * For a prerendered page: the hashes of its inline scripts, read from the build output
   * (lib/http/signed-out-home-scripts.ts). Without them such a page runs no script at all; the
   * signed-out home still works then, its forms and links being plain HTML.
   */
  scriptHashes?: readonly string[] | null;
  /**
   * The nonce of the style blocks the page itself writes (email previews), drawn apart from
   * `nonce`: a style tag slipped into a preview never carries a nonce scripts accept.
   */
  styleNonce?: string;
  /** Development needs eval for React's debugging tools and a websocket for hot reload. */
  development: boolean;
  /** Sign-in forms post to a server action that redirects to Logto: form-action must allow it. */
  logtoOrigin?: string;
  /** HSTS is only meaningful, and only sent, when the app is served over https. */
  https: boolean;
};

function scriptSources({ nonce, development, scriptHashes }: SecurityHeaderOptions): string[] {
  if (nonce) return ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])];
  // No 'strict-dynamic' here: it would ignore 'self', and the page's `<script src>` tags carry
  // no hash.
  return scriptHashes ? ["'self'", ...scriptHashes] : ["'none'"];
}

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const { nonce, styleNonce, development, logtoOrigin } = options;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': scriptSources(options),
    // `next dev` injects its styles (hot reload, error overlay) as unlabelled inline blocks.
    'style-src': development ? ["'self'", "'unsafe-inline'"] : ["'self'", ...(nonce ? [`'nonce-${styleNonce ?? nonce}'`, htmlPageStyleHash] : [])],
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

/** No page uses these browser features; a script that got in could not either. */
const permissionsPolicy = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

/** Every page's headers (proxy.ts sets them). */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': permissionsPolicy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    ...(options.https ? { 'Strict-Transport-Security': strictTransportSecurity } : {}),
  };
}

/**
 * The JSON API's headers, fixed at build time (next.config.ts sets them: the proxy skips the
 * API, see proxy.ts). A JSON answer loads nothing, so its policy allows nothing. Its HSTS
 * depends on the runtime base URL: the route adds `strictTransportSecurity` itself.
 */
export const apiSecurityHeaders: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': permissionsPolicy,
};
