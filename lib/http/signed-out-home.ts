/**
 * The home page of a visitor without a session is the same for everyone, so it is prerendered
 * at build time (app/welcome) and proxy.ts serves it for `/` instead of rendering the home page.
 * Anything that may change what the home page says goes to the dynamic page: a session cookie
 * (signed in, or expired), a query (notices travel in it), a method other than GET or HEAD
 * (server-action posts).
 */

/** Where the prerendered page is built; it is only ever reached through `/`. */
export const welcomePath = '/welcome';

type PageRequest = { method: string; nextUrl: { pathname: string; search: string }; cookies: { has(name: string): boolean } };

export function servesPrerenderedWelcome(request: PageRequest, sessionCookieName: string): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.nextUrl.pathname === '/' &&
    request.nextUrl.search === '' &&
    !request.cookies.has(sessionCookieName)
  );
}
