import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createTestSendLimiter, type TestSendLimiter } from './rate-limits';
import { handleTestSendRequest } from './test-send-route';
import { appOrigin, freePort, openToSignedInEnv, signedIn, startLocalSes, startRedisServer, testConfig } from './test-support';

const unique = (label: string) => `${label}-${randomUUID()}@example.com`;

function settings(env: Record<string, string> = {}) {
  return testConfig({ TEST_SEND_RECIPIENT_LIMIT: '2/10m', TEST_SEND_USER_LIMIT: '3/1h', ...env }).testSend;
}

describe('Redis-backed limits (REDIS_URL)', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  const limiters: TestSendLimiter[] = [];

  /** One limiter per simulated serverless instance, each with its own Redis connection. */
  function instance(env: Record<string, string> = {}) {
    const limiter = createTestSendLimiter(settings({ REDIS_URL: redis.url, ...env }));
    limiters.push(limiter);
    return limiter;
  }

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterEach(async () => {
    await Promise.all(limiters.splice(0).map((limiter) => limiter.close()));
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('holds the limit across two instances', async () => {
    const [first, second] = [instance(), instance()];
    const to = unique('shared');
    expect(await first.consume('user-a', to)).toEqual({ ok: true });
    expect(await second.consume('user-b', to)).toEqual({ ok: true });
    expect(await first.consume('user-c', to)).toMatchObject({ ok: false, status: 429 });
    expect(await second.consume('user-d', to)).toMatchObject({ ok: false, status: 429 });

    // The counts are in Redis, under a prefix per limiter.
    const client = new Redis(redis.url);
    try {
      expect(await client.get(`test-send:recipient:${to}`)).toBe('4');
      expect(await client.get('test-send:user:user-a')).toBe('1');
    } finally {
      client.disconnect();
    }
  });

  it('keeps the user and recipient counts apart, even for the same key', async () => {
    const limiter = instance({ TEST_SEND_RECIPIENT_LIMIT: '1/10m', TEST_SEND_USER_LIMIT: '1/1h' });
    const key = unique('same');
    expect(await limiter.consume(key, key)).toEqual({ ok: true });
  });

  it('answers 429 with Retry-After over HTTP once another instance used the allowance', async () => {
    const ses = await startLocalSes();
    try {
      const limits = { TEST_SEND_RECIPIENT_LIMIT: '1/10m' };
      const config = testConfig({ ...openToSignedInEnv, ...limits, REDIS_URL: redis.url, AWS_SES_ENDPOINT: ses.endpoint });
      const to = unique('http');
      const send = (limiter: TestSendLimiter, user: string) =>
        handleTestSendRequest(
          new Request(`${config.origin}/api/ses/test-send`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: appOrigin },
            body: JSON.stringify({ to }),
          }),
          { config, getSession: async () => signedIn(`${user}@example.com`, user), limiter },
        );

      expect((await send(instance(limits), 'first-user')).status).toBe(200);
      const refused = await send(instance(limits), 'second-user');
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(590);
      expect(retryAfter).toBeLessThanOrEqual(600);
      expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', retryAfterSeconds: retryAfter } });
      expect(await ses.emailsTo(to)).toHaveLength(1);
    } finally {
      await ses.close();
    }
  });

  it('in next dev, falls back to in-memory limits when Redis is unreachable, without failing requests', async () => {
    const closedPort = await freePort();
    const limiter = createTestSendLimiter(settings({ REDIS_URL: `redis://127.0.0.1:${closedPort}`, TEST_SEND_RECIPIENT_LIMIT: '1/10m' }), {
      whenRedisIsDown: 'count-in-memory',
    });
    limiters.push(limiter);
    const to = unique('offline');
    const started = Date.now();
    expect(await limiter.consume('user-a', to)).toEqual({ ok: true });
    expect(await limiter.consume('user-b', to)).toMatchObject({ ok: false, status: 429 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('in production, refuses with 503 rate_limit_unavailable while Redis is unreachable, instead of counting per instance', async () => {
    const closedPort = await freePort();
    const limiter = createTestSendLimiter(settings({ REDIS_URL: `redis://127.0.0.1:${closedPort}` }), { whenRedisIsDown: 'refuse' });
    limiters.push(limiter);
    const started = Date.now();
    const refused = await limiter.consume('user-a', unique('offline'));
    expect(refused).toMatchObject({ ok: false, status: 503, code: 'rate_limit_unavailable' });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.hint).toMatch(/REDIS_URL/);
    // Each later request is refused at once, not after a connection timeout.
    const again = Date.now();
    expect(await limiter.consume('user-b', unique('offline'))).toMatchObject({ ok: false, status: 503 });
    expect(Date.now() - again).toBeLessThan(500);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
