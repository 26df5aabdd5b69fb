import { spawnSync } from 'node:child_process';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

import LogtoClient from '@logto/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { firstForm, HttpBrowser, jwtClaims, submitCode, submitEmail } from '../../testing/http-browser';
import { testApp, TestStack } from '../../testing/idp-test-stack';
import { uniqueEmail } from '../../testing/unique-email';
import { startIdp } from './server';

/**
 * The OIDC side of the local IdP, as the Logto SDK uses it: discovery, PKCE, tokens and claims,
 * refresh, revocation, API resources and sign-out. The screens are in sign-in-screens.integration.test.ts.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.start();
});

afterAll(async () => {
  await stack?.stop();
});

async function verifyWithJwks(token: string): Promise<void> {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid: string; alg: string };
  const { keys } = (await (await fetch(`${stack.idp.issuer}/jwks`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
  const jwk = keys.find((key) => key.kid === kid);
  expect(alg).toBe('ES256');
  expect(jwk).toBeDefined();
  const valid = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key: createPublicKey({ key: jwk!, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  expect(valid).toBe(true);
}

describe('discovery and authorization requests', () => {
  it("uses Logto's issuer and endpoint layout", async () => {
    const { issuer } = stack.idp;
    const config = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      userinfo_endpoint: `${issuer}/me`,
      revocation_endpoint: `${issuer}/token/revocation`,
      end_session_endpoint: `${issuer}/session/end`,
    });
    expect(config.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('rejects an authorization request without PKCE', async () => {
    const url = new URL(`${stack.idp.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: testApp.clientId,
      redirect_uri: testApp.redirectUri,
      response_type: 'code',
      scope: 'openid',
      state: 'state',
    }).toString();
    const { leftTo } = await new HttpBrowser(stack.idp.url).visit(url);
    expect(leftTo?.searchParams.get('error')).toBe('invalid_request');
  });
});

describe('tokens', () => {
  it('gives the app an ES256 ID token with Logto’s claims, userinfo and a refresh token', async () => {
    const email = uniqueEmail('tokens');
    const { done, verifier, state } = await stack.registerThroughUi(email);
    expect(`${done.leftTo?.origin}${done.leftTo?.pathname}`).toBe(testApp.redirectUri);
    expect(done.leftTo?.searchParams.get('state')).toBe(state);

    const tokens = await stack.exchangeCode(done.leftTo!, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.json.refresh_token).toBeTruthy();
    expect(tokens.json.scope?.split(' ')).toEqual(expect.arrayContaining(['openid', 'offline_access', 'profile', 'email']));

    const idToken = tokens.json.id_token!;
    await verifyWithJwks(idToken);
    const claims = jwtClaims(idToken);
    expect(claims).toMatchObject({
      iss: stack.idp.issuer,
      aud: testApp.clientId,
      email,
      email_verified: true,
      name: null,
      username: null,
      picture: null,
    });
    expect(claims.sub).toMatch(/^[0-9a-z]{12}$/);
    expect(claims.created_at).toEqual(expect.any(Number));

    const me = await fetch(`${stack.idp.issuer}/me`, { headers: { authorization: `Bearer ${tokens.json.access_token}` } });
    expect(await me.json()).toMatchObject({ sub: claims.sub, email, email_verified: true });
  });

  it('refreshes (also with client_secret_post), and revocation ends the refresh token', async () => {
    const email = uniqueEmail('refresh');
    const { done, verifier } = await stack.registerThroughUi(email);
    const { json } = await stack.exchangeCode(done.leftTo!, verifier);

    const response = await fetch(`${stack.idp.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: json.refresh_token!,
        client_id: testApp.clientId,
        client_secret: testApp.clientSecret,
      }),
    });
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as Record<string, string>;
    expect(jwtClaims(refreshed.id_token!)).toMatchObject({ email });
    const refreshToken = refreshed.refresh_token ?? json.refresh_token!;

    const revoked = await fetch(`${stack.idp.issuer}/token/revocation`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${testApp.clientId}:${testApp.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: testApp.clientId }),
    });
    expect(revoked.status).toBe(200);
    expect((await stack.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken })).json.error).toBe('invalid_grant');
  });

  it('accepts API resources and issues JWT access tokens for them', async () => {
    const resource = 'https://api.example.test';
    const { done, verifier } = await stack.registerThroughUi(uniqueEmail('resource'), undefined, {
      resource,
      scope: 'openid offline_access profile email read:things',
    });
    const { json } = await stack.exchangeCode(done.leftTo!, verifier);

    const apiToken = await stack.tokenRequest({ grant_type: 'refresh_token', refresh_token: json.refresh_token!, resource });
    expect(apiToken.status).toBe(200);
    expect(jwtClaims(apiToken.json.access_token!)).toMatchObject({ aud: resource, scope: 'read:things', iss: stack.idp.issuer });
  });
});

describe('sign-out', () => {
  it.each([testApp.baseUrl, `${testApp.baseUrl}/`])('submits the confirmation by itself and returns to %s', async (postLogout) => {
    const browser = new HttpBrowser(stack.idp.url);
    await stack.registerThroughUi(uniqueEmail('signout'), browser);

    const url = new URL(`${stack.idp.issuer}/session/end`);
    url.search = new URLSearchParams({ client_id: testApp.clientId, post_logout_redirect_uri: postLogout }).toString();
    const confirm = await browser.visit(url);
    expect(confirm.body).toContain('.submit()');
    expect(confirm.body).toContain('>Sign out</button>');

    const { action, fields } = firstForm(confirm.body);
    const ended = await browser.visit(action, { ...fields, logout: 'yes' });
    expect(ended.leftTo?.href).toBe(new URL(postLogout).href);

    // The IdP session is gone: the next sign-in asks for the email again.
    const { page } = await stack.startSignIn({}, browser);
    expect(page.body).toContain('<h1>Sign in to your account</h1>');
  });
});

describe('with the real Logto SDK (@logto/node, which @logto/next wraps)', () => {
  it('signs up, verifies the ID token, reads the user, refreshes and signs out', async () => {
    const email = uniqueEmail('sdk');
    const stored = new Map<string, string>();
    let navigatedTo = '';
    const client = new LogtoClient(
      { endpoint: stack.idp.url, appId: testApp.clientId, appSecret: testApp.clientSecret, scopes: ['email'] },
      {
        navigate: (url) => {
          navigatedTo = url;
        },
        storage: {
          getItem: async (key) => stored.get(key) ?? null,
          setItem: async (key, value) => void stored.set(key, value),
          removeItem: async (key) => void stored.delete(key),
        },
      },
    );

    await client.signIn({ redirectUri: testApp.redirectUri, interactionMode: 'signUp' });
    const browser = new HttpBrowser(stack.idp.url);
    const page = await browser.visit(navigatedTo);
    expect(page.body).toContain('<h1>Create your account</h1>');
    const codePage = await submitEmail(browser, page, email, 'register');
    const done = await submitCode(browser, codePage, await stack.latestCode(email));

    // The SDK checks the signature against /oidc/jwks, the issuer and the audience here.
    await client.handleSignInCallback(done.leftTo!.href);
    expect(await client.getIdTokenClaims()).toMatchObject({ email, iss: stack.idp.issuer, aud: testApp.clientId });
    expect(await client.fetchUserInfo()).toMatchObject({ email, email_verified: true });
    expect(await client.getAccessToken()).toBeTruthy();
    const refreshToken = await client.getRefreshToken();
    expect(refreshToken).toBeTruthy();

    await client.signOut(testApp.baseUrl);
    expect(navigatedTo.startsWith(`${stack.idp.issuer}/session/end?`)).toBe(true);
    expect(await client.isAuthenticated()).toBe(false);
    expect((await stack.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken! })).json.error).toBe('invalid_grant');
  });
});

describe('restarts and safety', () => {
  it('keeps its signing key and accounts across restarts', async () => {
    const email = uniqueEmail('restart');
    await stack.registerThroughUi(email);
    const jwksBefore = await (await fetch(`${stack.idp.issuer}/jwks`)).json();

    const again = await startIdp(stack.idpOptions());
    try {
      expect(await (await fetch(`${again.issuer}/jwks`)).json()).toEqual(jwksBefore);
      const { browser, page } = await stack.startSignIn({}, new HttpBrowser(again.url), again);
      expect((await submitEmail(browser, page, email)).body).toContain('The verification code has been sent to your email');
    } finally {
      await again.close();
    }
  });

  it('refuses to start with NODE_ENV=production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      await expect(startIdp(stack.idpOptions())).rejects.toThrow(/refuses to run with NODE_ENV=production/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('exits with status 1 from the command line with NODE_ENV=production', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/idp/main.ts'], {
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refuses to run with NODE_ENV=production');
  });
});
