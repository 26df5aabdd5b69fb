import { createHash, randomUUID, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { localSesConnectorConfig } from '../app-environment';
import { codeIn, emailsTo, waitForEmail } from '../inbox/read-inbox';
import { startInbox, type RunningInbox } from '../inbox/server';
import { startIdp, type IdpOptions, type RunningIdp } from './server';

/**
 * Test helpers that play the browser and the Logto SDK against the local IdP over plain HTTP:
 * a cookie jar that honours cookie paths, redirects followed by hand, PKCE, and an IdP plus
 * inbox on free ports with a temporary data directory.
 */

export const testApp = {
  baseUrl: 'http://localhost:3999',
  redirectUri: 'http://localhost:3999/callback',
  clientId: 'test-app',
  clientSecret: 'test-app-secret',
  m2mClientId: 'test-m2m-app',
  m2mClientSecret: 'test-m2m-app-secret',
};

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

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

export class TestBrowser {
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
export function submitEmail(browser: TestBrowser, page: Visit, email: string, intent: 'sign-in' | 'register' = 'sign-in') {
  return browser.visit(`${interactionBase(page)}/email`, { intent, email });
}

export function submitCode(browser: TestBrowser, page: Visit, code: string) {
  return browser.visit(`${interactionBase(page)}/verify`, { code });
}

export function interactionAction(page: Visit, action: 'resend' | 'cancel') {
  return `${interactionBase(page)}/${action}`;
}

/** An IdP and an inbox on free ports, with a temporary data directory and an adjustable clock. */
export class TestStack {
  /** Moves the verification codes' clock forward, to expire codes without waiting. */
  clockOffsetMs = 0;
  /** Set by `start`, which needs the stack's options to create it. */
  idp!: RunningIdp;

  private constructor(
    readonly dataDir: string,
    readonly inbox: RunningInbox,
  ) {}

  static async start(): Promise<TestStack> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'local-idp-'));
    const stack = new TestStack(dataDir, await startInbox({ port: 0 }));
    stack.idp = await startIdp(stack.idpOptions());
    return stack;
  }

  idpOptions(overrides: Partial<IdpOptions> = {}): IdpOptions {
    return {
      port: 0,
      appBaseUrl: testApp.baseUrl,
      clientId: testApp.clientId,
      clientSecret: testApp.clientSecret,
      m2m: { clientId: testApp.m2mClientId, clientSecret: testApp.m2mClientSecret },
      sesSettings: { connector: localSesConnectorConfig(), endpoint: this.inbox.url, timeoutMs: 5_000 },
      dataDir: this.dataDir,
      codes: { now: () => Date.now() + this.clockOffsetMs },
      log: () => {},
      ...overrides,
    };
  }

  async stop(): Promise<void> {
    await this.idp.close();
    await this.inbox.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** The SDK's authorization request: PKCE, `prompt=consent`, reserved scopes plus email. */
  async startSignIn(extra: Record<string, string> = {}, browser = new TestBrowser(this.idp.url), idp = this.idp) {
    const verifier = randomBytes(32).toString('base64url');
    const state = randomUUID();
    const url = new URL(`${idp.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: testApp.clientId,
      redirect_uri: testApp.redirectUri,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state,
      response_type: 'code',
      prompt: 'consent',
      scope: 'openid offline_access profile email',
      ...extra,
    }).toString();
    const page = await browser.visit(url);
    return { browser, page, verifier, state };
  }

  /** Registers a new `email` through the screens; `done.leftTo` is the app callback with the code. */
  async registerThroughUi(email: string, browser = new TestBrowser(this.idp.url), extra: Record<string, string> = {}) {
    const started = await this.startSignIn({ interaction_mode: 'signUp', ...extra }, browser);
    const codePage = await submitEmail(browser, started.page, email, 'register');
    const done = await submitCode(browser, codePage, await this.latestCode(email));
    return { ...started, done };
  }

  /** The code in the newest email to `email`, once at least `count` emails have arrived. */
  async latestCode(email: string, count = 1): Promise<string> {
    return codeIn(await waitForEmail(this.inbox.url, email, { alreadySeen: count - 1 }));
  }

  async emailsTo(email: string) {
    return emailsTo(this.inbox.url, email);
  }

  /** A token request as the SDK sends it: Basic auth plus `client_id` in the body. */
  async tokenRequest(body: Record<string, string>) {
    const response = await fetch(`${this.idp.issuer}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${testApp.clientId}:${testApp.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ client_id: testApp.clientId, ...body }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, string> };
  }

  /** Exchanges the authorization code the browser brought back to the app's callback. */
  async exchangeCode(callback: URL, verifier: string) {
    return this.tokenRequest({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: testApp.redirectUri,
      code_verifier: verifier,
    });
  }
}
