import { createHash, randomUUID, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { AwsSesConnectorConfig } from '../lib/ses';
import { localSesConnectorConfig } from '../local/app-environment';
import { startIdp, type IdpOptions, type RunningIdp } from '../local/idp/server';
import { startInbox, type RunningInbox } from '../local/inbox/server';
import { submitCode, submitEmail, HttpBrowser } from './http-browser';
import { codeIn, emailsTo, waitForEmail } from './inbox';

/**
 * The local IdP tested on its own (local/idp's integration tests): an IdP and an inbox on free
 * ports with a temporary data directory, and the Logto SDK's side of the protocol played by
 * hand (PKCE, token requests) for a made-up app.
 */

export const testApp = {
  baseUrl: 'http://localhost:3999',
  redirectUri: 'http://localhost:3999/callback',
  clientId: 'test-app',
  clientSecret: 'test-app-secret',
  m2mClientId: 'test-m2m-app',
  m2mClientSecret: 'test-m2m-app-secret',
};

/** An IdP and an inbox on free ports, with a temporary data directory and an adjustable clock. */
export class TestStack {
  /** Moves the verification codes' clock forward, to expire codes without waiting. */
  clockOffsetMs = 0;
  /** Set by `start`, which needs the stack's options to create it. */
  idp!: RunningIdp;

  private constructor(
    readonly dataDir: string,
    readonly inbox: RunningInbox,
    readonly connector: AwsSesConnectorConfig,
  ) {}

  /** `connector`: the SES connector the stand-in starts with (the local one when absent); `overrides`: other IdP options. */
  static async start(connector: AwsSesConnectorConfig = localSesConnectorConfig(), overrides: Partial<IdpOptions> = {}): Promise<TestStack> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'local-idp-'));
    const stack = new TestStack(dataDir, await startInbox({ port: 0 }), connector);
    stack.idp = await startIdp(stack.idpOptions(overrides));
    return stack;
  }

  idpOptions(overrides: Partial<IdpOptions> = {}): IdpOptions {
    return {
      port: 0,
      appBaseUrl: testApp.baseUrl,
      clientId: testApp.clientId,
      clientSecret: testApp.clientSecret,
      m2m: { clientId: testApp.m2mClientId, clientSecret: testApp.m2mClientSecret },
      sesSettings: { connector: this.connector, endpoint: this.inbox.url, timeoutMs: 5_000 },
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
  async startSignIn(extra: Record<string, string> = {}, browser = new HttpBrowser(this.idp.url), idp = this.idp) {
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
  async registerThroughUi(email: string, browser = new HttpBrowser(this.idp.url), extra: Record<string, string> = {}) {
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
