import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createTestSendLimiter, getTestSendLimiter } from './rate-limits';
import { testConfig } from './test-support';

const unique = (label: string) => `${label}-${randomUUID()}@example.com`;

function settings(env: Record<string, string> = {}) {
  return testConfig({ TEST_SEND_RECIPIENT_LIMIT: '2/10m', TEST_SEND_USER_LIMIT: '3/1h', ...env }).testSend;
}

describe('in-memory limits (the default)', () => {
  it('limits sends per recipient, whoever sends them and however the address is spelled', async () => {
    const limiter = createTestSendLimiter(settings());
    const to = unique('victim');
    expect(await limiter.consume('user-a', to)).toEqual({ ok: true });
    expect(await limiter.consume('user-b', to.toUpperCase())).toEqual({ ok: true });

    const refused = await limiter.consume('user-c', to);
    expect(refused).toMatchObject({ ok: false, status: 429, code: 'rate_limited' });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.message).toContain('2 test emails per 10 minutes per recipient (TEST_SEND_RECIPIENT_LIMIT)');
    // Retry-After is whole seconds, rounded up, within the 10-minute window.
    expect(refused.retryAfterSeconds).toBeGreaterThan(590);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
  });

  it('counts a +tag and a differently spelled address against the same recipient', async () => {
    const limiter = createTestSendLimiter(settings());
    const id = randomUUID();
    expect(await limiter.consume('user-a', `ada-${id}+1@x.test`)).toEqual({ ok: true });
    expect(await limiter.consume('user-b', `ADA-${id}+2@X.test`)).toEqual({ ok: true });
    expect(await limiter.consume('user-c', `ada-${id}@x.test`)).toMatchObject({ ok: false, status: 429, code: 'rate_limited' });
  });

  it('limits sends per user across recipients', async () => {
    const limiter = createTestSendLimiter(settings());
    for (let sent = 0; sent < 3; sent += 1) {
      expect(await limiter.consume('busy-user', unique('r'))).toEqual({ ok: true });
    }
    const refused = await limiter.consume('busy-user', unique('r'));
    expect(refused).toMatchObject({ ok: false, status: 429 });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.message).toContain('3 test emails per hour per user (TEST_SEND_USER_LIMIT)');
    expect(refused.retryAfterSeconds).toBeGreaterThan(3590);
  });

  it('is created once per process and configuration', () => {
    const config = testConfig();
    expect(getTestSendLimiter(config)).toBe(getTestSendLimiter(config));
    expect(getTestSendLimiter(testConfig())).not.toBe(getTestSendLimiter(config));
  });
});

