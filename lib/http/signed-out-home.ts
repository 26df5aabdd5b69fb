import { locales, localeCookieName, pickLocale, type Locale } from '../i18n/locales';

/**
 * The home page of a visitor without a session is the same for everyone who reads the same
 * language, so it is prerendered at build time, once per language (app/welcome/[locale]), and
 * served for `/` instead of rendering the home page.
 * Anything that may change what the home page says goes to the dynamic page: a session cookie
 * (signed in, or expired), a query (notices travel in it), a method other than GET or HEAD
 * (server-action posts).
 *
 * proxy.ts decides and marks the request with a header whose value is the visitor's language
 * (`pickLocale`: the switch's cookie, else Accept-Language, else English); a rewrite in
 * next.config.ts, matched on that header, serves that language's page. A rewrite returned by the
 * proxy itself would carry an absolute URL, which Next compares with the address it is bound to:
 * bound to 127.0.0.1 it writes the one as `localhost` and the other not, takes the rewrite for an
 * external one and loops. A header carries no origin at all.
 */

/** Where the prerendered pages are built (`/welcome/en`, …); they are only ever reached through `/`. */
export const welcomePath = '/welcome';

/** `/welcome` and everything under it, which the proxy sends to `/` when asked for directly. */
export function isWelcomePath(pathname: string): boolean {
  return pathname === welcomePath || pathname.startsWith(`${welcomePath}/`);
}

/** Set by proxy.ts, to the page's language, on the requests that get the prerendered page; removed from all others. */
export const signedOutHomeHeader = 'x-signed-out-home';

/**
 * The Cache-Control of the prerendered page's answer, which proxy.ts sets (Next keeps a
 * Cache-Control set before the page; it would send `s-maxage=31536000`). A shared cache in front
 * of `next start` would keep that year-long copy and hand it to a signed-in person too, or the
 * English page to someone who reads Chinese: the answer to `/` depends on the session cookie, the
 * language cookie and Accept-Language, yet Next replaces any `Vary` the proxy sets with its own
 * list (`res.setHeader('Vary', …)` in its app-page handler: RSC and the router's headers), so
 * `Vary: Cookie, Accept-Language` cannot say so (`next start` answers
 * `Vary: rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding`).
 * With `no-cache` a cache may store the page but must ask this server before each use, and the
 * question carries the visitor's cookies and languages: a signed-out visitor gets the page of
 * their language, a signed-in one the dynamic home page, which is `private, no-store`. The
 * question also carries the stored copy's ETag, which differs between the languages (Next's
 * ETag is a hash of the page's bytes, and the pages differ in every word), so a 304 could only
 * confirm a copy in the visitor's own language; `next start` answers 200 with the page anyway,
 * from the prerendered file, without rendering.
 */
export const signedOutHomeCacheControl = 'public, no-cache';

type PageRequest = {
  method: string;
  nextUrl: { pathname: string; search: string };
  cookies: { has(name: string): boolean; get(name: string): { value: string } | undefined };
  headers: { get(name: string): string | null };
};

/** The language of the prerendered page this request gets, or undefined when it gets the dynamic home page. */
export function prerenderedWelcomeLocale(request: PageRequest, sessionCookieName: string): Locale | undefined {
  const prerendered =
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.nextUrl.pathname === '/' &&
    request.nextUrl.search === '' &&
    !request.cookies.has(sessionCookieName);
  if (!prerendered) return undefined;
  return pickLocale({ cookie: request.cookies.get(localeCookieName)?.value, acceptLanguage: request.headers.get('accept-language') });
}

/**
 * The rewrite next.config.ts declares: `/` marked by the proxy is the prerendered page of the
 * marker's language. Next matches a header's `value` as a whole (`^…$`) and hands its named group
 * to the destination; a value that is no language of the app matches nothing. (Language tags are
 * letters and hyphens, nothing a regular expression reads as an operator.)
 */
export const signedOutHomeRewrite = {
  source: '/',
  has: [{ type: 'header' as const, key: signedOutHomeHeader, value: `(?<locale>${locales.join('|')})` }],
  destination: `${welcomePath}/:locale`,
};
