import { afterEach, describe, expect, it, vi } from 'vitest';

import { ask, createTokenSource, getManagementClient } from './client';

const settings = { appId: 'm2m-app', appSecret: 'm2m-secret-value', resource: 'https://default.logto.app/api' };
const tokenAnswer = (expiresIn = 3600) => Response.json({ access_token: `token-${Math.random()}`, expires_in: expiresIn, scope: 'all' });

/** A fetch that answers only when aborted, as a stalled token endpoint does. */
const stalled = (_input: unknown, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));

afterEach(() => vi.unstubAllGlobals());

describe('the M2M token', () => {
  it('is asked for once by requests arriving together, then reused until a minute before it expires', async () => {
    let now = 0;
    const fetchImpl = vi.fn(async () => tokenAnswer(3600));
    const getToken = createTokenSource({ endpoint: 'https://tenant.logto.app', settings, timeoutMs: 5000 }, { fetchImpl: fetchImpl as unknown as typeof fetch, now: () => now });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    now += 3539 * 1000;
    await getToken();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    now += 2 * 1000;
    await Promise.all([getToken(), getToken()]);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('gives up after LOGTO_TIMEOUT_MS, and the next request asks again', async () => {
    const fetchImpl = vi.fn(stalled);
    const getToken = createTokenSource({ endpoint: 'https://tenant.logto.app', settings, timeoutMs: 100 }, { fetchImpl: fetchImpl as unknown as typeof fetch });
    await expect(getToken()).rejects.toThrow('no answer from the token endpoint within 100 ms');
    await expect(getToken()).rejects.toThrow('no answer from the token endpoint within 100 ms');
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('says only the status when Logto refuses, never a credential', async () => {
    const getToken = createTokenSource({ endpoint: 'https://tenant.logto.app', settings, timeoutMs: 1000 }, { fetchImpl: (async () => new Response('{}', { status: 401, statusText: 'Unauthorized' })) as typeof fetch });
    const error = await getToken().catch((caught: Error) => caught);
    expect(String(error)).toContain('Failed to fetch access token: 401');
    expect(String(error)).not.toContain(settings.appSecret);
  });

  it('a Management API call whose token endpoint stalls ends within the timeout as "no answer"', async () => {
    vi.stubGlobal('fetch', stalled);
    const client = getManagementClient({ endpoint: `https://stalled-${Date.now()}.logto.app`, settings, timeoutMs: 150 });
    const started = Date.now();
    const outcome = await ask((signal) => client.GET('/api/applications', { signal }), 10_000);
    expect(outcome).toEqual({ kind: 'unreachable', message: 'no answer from the token endpoint within 150 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
