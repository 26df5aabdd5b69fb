/**
 * The home page of a visitor without a session is the same for everyone, so it is prerendered
 * at build time (app/welcome) and served for `/` instead of rendering the home page.
 * Anything that may change what the home page says goes to the dynamic page: a session cookie
 * (signed in, or expired), a query (notices travel in it), a method other than GET or HEAD
 * (server-action posts).
 *
 * proxy.ts decides and marks the request with a header; a rewrite in next.config.ts, matched on
 * that header, serves the prerendered page. A rewrite returned by the proxy itself would carry
 * an absolute URL, which Next compares with the address it is bound to: bound to 127.0.0.1 it
 * writes the one as `localhost` and the other not, takes the rewrite for an external one and
 * loops. A header carries no origin at all.
 */

/** Where the prerendered page is built; it is only ever reached through `/`. */
export const welcomePath = '/welcome';

/** Set by proxy.ts on the requests that get the prerendered page; removed from all others. */
export const signedOutHomeHeader = 'x-signed-out-home';

/**
 * The Cache-Control of the prerendered page's answer, which proxy.ts sets (Next keeps a
 * Cache-Control set before the page; it would send `s-maxage=31536000`). A shared cache in front
 * of `next start` would keep that year-long copy and hand it to a signed-in person too: the
 * answer to `/` depends on the session cookie, yet Next overwrites any `Vary` with its own list
 * (`res.setHeader('Vary', …)` in its app-page handler), so `Vary: Cookie` cannot say so. With
 * `no-cache` a cache may store the page but asks this server each time, and the question carries
 * the visitor's cookie: a signed-out visitor gets a 304 for the prerendered page, a signed-in one
 * the dynamic home page, which is `private, no-store`.
 */
export const signedOutHomeCacheControl = 'public, no-cache';

type PageRequest = { method: string; nextUrl: { pathname: string; search: string }; cookies: { has(name: string): boolean } };

export function servesPrerenderedWelcome(request: PageRequest, sessionCookieName: string): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.nextUrl.pathname === '/' &&
    request.nextUrl.search === '' &&
    !request.cookies.has(sessionCookieName)
  );
}

/** The rewrite next.config.ts declares: `/` marked by the proxy is the prerendered page. */
export const signedOutHomeRewrite = {
  source: '/',
  has: [{ type: 'header' as const, key: signedOutHomeHeader, value: '1' }],
  destination: welcomePath,
};
