import { afterEach, describe, expect, it, vi } from 'vitest';

import { certificateFetchTimeoutMs, createCertificateCache, failedFetchMemoryMs, fetchCertificate, maxCachedCertificates, maxCertificateFetches } from './sns-signature';

const url = (index: number) => `https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-${index.toString(16).padStart(32, '0')}.pem`;
const pem = '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n';

afterEach(() => vi.unstubAllGlobals());

describe('the certificate cache', () => {
  it(`keeps at most ${maxCachedCertificates} certificates, the most recently used`, async () => {
    const fetched: string[] = [];
    const cache = createCertificateCache({ fetchText: async (address) => (fetched.push(address), pem) });
    for (let index = 0; index < 200; index += 1) await cache.get(url(index));
    expect(cache.size).toBe(maxCachedCertificates);
    await cache.get(url(199));
    expect(fetched).toHaveLength(200);
    await cache.get(url(0));
    expect(fetched).toHaveLength(201);
  });

  it('fetches a certificate once for messages arriving together', async () => {
    let calls = 0;
    const cache = createCertificateCache({ fetchText: async () => ((calls += 1), pem) });
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get(url(1))));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    expect(calls).toBe(1);
  });

  it(`fetches at most ${maxCertificateFetches} at once: the next message is told to come back`, async () => {
    const pending: (() => void)[] = [];
    const cache = createCertificateCache({ fetchText: () => new Promise<string>((resolve) => pending.push(() => resolve(pem))) });
    const first = Array.from({ length: maxCertificateFetches }, (_, index) => cache.get(url(index)));
    expect(await cache.get(url(99))).toEqual({ ok: false, busy: true });
    pending.forEach((release) => release());
    expect((await Promise.all(first)).every((answer) => answer.ok)).toBe(true);
  });

  it('remembers a failed fetch for a minute, so a forged URL costs one fetch a minute', async () => {
    let now = 0;
    let calls = 0;
    const cache = createCertificateCache({ fetchText: async () => ((calls += 1), Promise.reject(new Error('404'))), now: () => now });
    expect(await cache.get(url(5))).toEqual({ ok: false, busy: false });
    expect(await cache.get(url(5))).toEqual({ ok: false, busy: false });
    expect(calls).toBe(1);
    now += failedFetchMemoryMs + 1;
    await cache.get(url(5));
    expect(calls).toBe(2);
  });
});

describe('fetchCertificate', () => {
  it(`gives up on a host that does not answer after ${certificateFetchTimeoutMs / 1000} s, following no redirect`, async () => {
    const seen: RequestInit[] = [];
    vi.stubGlobal('fetch', (_input: string, init: RequestInit) => {
      seen.push(init);
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    });
    const started = Date.now();
    await expect(fetchCertificate(url(1))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(certificateFetchTimeoutMs + 1_000);
    expect(seen[0]).toMatchObject({ redirect: 'error' });
  });

  it('refuses an answer that is not a PEM certificate', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Not found</html>', { status: 200 }));
    await expect(fetchCertificate(url(1))).rejects.toThrow('not a PEM certificate');
    vi.stubGlobal('fetch', async () => new Response(pem, { status: 404 }));
    await expect(fetchCertificate(url(1))).rejects.toThrow('404');
  });
});
