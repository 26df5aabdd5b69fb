/**
 * A browser played over plain HTTP, for the suites that drive sign-ins without Chromium: a
 * cookie jar that honours cookie paths, redirects followed by hand while they stay on one
 * origin, and the local IdP's forms (email screen, code screen).
 */

type Cookie = { name: string; value: string; path: string };

export type Visit = {
  url: URL;
  status: number;
  body: string;
  /** Set when the IdP redirected the browser elsewhere, e.g. to the app's callback. */
  leftTo?: URL;
};

function pathMatches(cookiePath: string, requestPath: string): boolean {
  return requestPath === cookiePath || requestPath.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`);
}

export class HttpBrowser {
  #cookies: Cookie[] = [];

  /** `fetch`: another fetch for every request, e.g. one that trusts a test certificate. */
  constructor(
    readonly origin: string,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  /** Loads a page (GET, or POST with a form) and follows redirects that stay on the IdP. */
  async visit(target: string | URL, form?: Record<string, string>): Promise<Visit> {
    let url = new URL(target, this.origin);
    let init: RequestInit | undefined = form && { method: 'POST', body: new URLSearchParams(form) };
    for (let hops = 0; hops < 20; hops += 1) {
      const response = await this.fetcher(url, { ...init, redirect: 'manual', headers: { cookie: this.#cookieHeader(url) } });
      this.#store(response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url, status: response.status, body: await response.text() };
      }
      const next = new URL(location, url);
      if (next.origin !== this.origin) return { url, status: response.status, body: '', leftTo: next };
      url = next;
      init = undefined;
    }
    throw new Error('Too many redirects.');
  }

  /** A cookie's current value, e.g. the app's session cookie for requests made by hand. */
  cookie(name: string): string | undefined {
    return this.#cookies.find((cookie) => cookie.name === name)?.value;
  }

  #cookieHeader(url: URL): string {
    return this.#cookies
      .filter((cookie) => pathMatches(cookie.path, url.pathname))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  #store(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const attribute = (key: string) =>
        attributes.find((part) => part.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute('path') ?? '/';
      const expires = attribute('expires');
      const expired = attribute('max-age') === '0' || (expires !== undefined && Date.parse(expires) <= Date.now());

      this.#cookies = this.#cookies.filter((cookie) => !(cookie.name === name && cookie.path === path));
      if (!expired && value !== '') this.#cookies.push({ name, value, path });
    }
  }
}

/** The form action and hidden fields of the first `<form>` in a page. */
export function firstForm(body: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(body);
  if (!form) throw new Error('No form on the page.');
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? '').matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1];
    if (name) fields[name] = value ?? '';
  }
  return { action: (form[1] ?? '').replaceAll('&amp;', '&'), fields };
}

/** The claims of a JWT, without checking its signature. */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

const interactionBase = (page: Visit) => page.url.pathname.replace(/\/[a-z]+$/, '');

/** On the first screen: asks for a code (or gets told to switch between sign-in and sign-up). */
export function submitEmail(browser: HttpBrowser, page: Visit, email: string, intent: 'sign-in' | 'register' = 'sign-in') {
  return browser.visit(`${interactionBase(page)}/email`, { intent, email });
}

export function submitCode(browser: HttpBrowser, page: Visit, code: string) {
  return browser.visit(`${interactionBase(page)}/verify`, { code });
}

export function interactionAction(page: Visit, action: 'resend' | 'cancel') {
  return `${interactionBase(page)}/${action}`;
}
