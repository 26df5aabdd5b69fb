import { describe, expect, it, vi } from 'vitest';

import { logtoTestEnv, parsedTestConfig } from '@/lib/config/test-support';

import { wrapSessionCookie } from './session-cookie';
import { isSessionLive, livenessCheckMs, rememberIssuedSession } from './session-liveness';

const config = parsedTestConfig({ ...logtoTestEnv, LOGTO_ACCOUNT_FEATURES: 'on' });
const now = 1_800_000_000_000;

/** A session cookie as the SDK stores it, with an opaque access token for no resource (key "@"). */
const cookieWith = (token: string, expiresAt = now / 1000 + 3600) =>
  wrapSessionCookie({ idToken: 'id.token.jwt', refreshToken: 'r'.repeat(43), accessToken: JSON.stringify({ '@': { token, scope: 'openid', expiresAt } }) }, config.logto.cookieSecret);

const userinfo = (status: number) => vi.fn<(url: string | URL | Request, init?: RequestInit) => Promise<Response>>(async () => new Response('{}', { status }));

describe('isSessionLive', () => {
  it('asks nothing when the account features are off', async () => {
    const fetch = userinfo(401);
    expect(await isSessionLive(parsedTestConfig(logtoTestEnv), cookieWith('t0'), { now, fetch })).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("asks Logto's userinfo with the stored access token, then not again within the interval", async () => {
    const fetch = userinfo(200);
    const cookie = cookieWith('t1');
    expect(await isSessionLive(config, cookie, { now, fetch })).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0]?.[0])).toBe('https://tenant.logto.app/oidc/me');
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('authorization')).toBe('Bearer t1');
    expect(await isSessionLive(config, cookie, { now: now + livenessCheckMs - 1, fetch })).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await isSessionLive(config, cookie, { now: now + livenessCheckMs, fetch })).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('reads a revoked grant (userinfo 401, fixture 67) as signed out, and remembers it', async () => {
    const cookie = cookieWith('t2');
    expect(await isSessionLive(config, cookie, { now, fetch: userinfo(200) })).toBe(true);
    const revoked = userinfo(401);
    expect(await isSessionLive(config, cookie, { now: now + livenessCheckMs, fetch: revoked })).toBe(false);
    expect(await isSessionLive(config, cookie, { now: now + 10 * livenessCheckMs, fetch: userinfo(200) })).toBe(false);
  });

  it('does not sign anyone out because Logto is down or slow', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    expect(await isSessionLive(config, cookieWith('t3'), { now, fetch: down })).toBe(true);
    expect(await isSessionLive(config, cookieWith('t4'), { now, fetch: userinfo(503) })).toBe(true);
  });

  it('asks once for concurrent requests of the same session', async () => {
    const fetch = userinfo(200);
    const cookie = cookieWith('t5');
    await Promise.all([1, 2, 3].map(() => isSessionLive(config, cookie, { now, fetch })));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('costs a few microseconds between checks (hash and lookup, no network)', async () => {
    const cookie = cookieWith('t6');
    const fetch = userinfo(200);
    await isSessionLive(config, cookie, { now, fetch });
    const rounds = 20_000;
    const started = performance.now();
    for (let round = 0; round < rounds; round += 1) await isSessionLive(config, cookie, { now, fetch });
    const microseconds = ((performance.now() - started) * 1000) / rounds;
    console.info(`[liveness] cached check: ${microseconds.toFixed(2)} µs per request (cookie ${cookie.length} chars)`);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(microseconds).toBeLessThan(200);
  });

  it('does not ask about a session the sign-in callback has just stored', async () => {
    const cookie = cookieWith('t7');
    rememberIssuedSession(config, cookie, now);
    const fetch = userinfo(401);
    expect(await isSessionLive(config, cookie, { now: now + 1000, fetch })).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
  });
});
