import { afterEach, describe, expect, it, vi } from 'vitest';

import { parseAppConfig } from '@/lib/config/app-config';

import { completeSignIn } from './sign-in';

// The SDK and Next's cookie store are replaced by small fakes; the steps around them are real.
const fakes = vi.hoisted(() => ({
  cookies: new Map<string, string>(),
  /** What the fake SDK's callback does: store a session of this size, or fail. */
  callback: async (): Promise<string | undefined> => undefined,
}));

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (fakes.cookies.has(name) ? { name, value: fakes.cookies.get(name) } : undefined),
    set: (name: string, value: string) => fakes.cookies.set(name, value),
    delete: (name: string) => fakes.cookies.delete(name),
  }),
}));

vi.mock('@logto/next/server-actions', () => ({
  default: class {
    handleSignInCallback() {
      return fakes.callback();
    }
  },
}));

const env = {
  LOGTO_ENDPOINT: 'https://tenant.logto.app',
  LOGTO_APP_ID: 'app',
  LOGTO_APP_SECRET: 'app-secret',
  LOGTO_BASE_URL: 'https://app.example.com',
  LOGTO_COOKIE_SECRET: 'c'.repeat(32),
  LOGTO_TIMEOUT_MS: '200',
};
vi.mock('@/lib/config', () => ({ getConfig: () => parseAppConfig(env) }));

const callbackUrl = new URL('https://app.example.com/callback?code=abc&state=xyz');

/** The fake SDK stores a session cookie of `bytes` characters and returns to /account. */
const storesSession = (bytes: number) => async () => {
  fakes.cookies.set('logto_app', `session-content-${'x'.repeat(bytes)}`);
  return 'https://app.example.com/account';
};

afterEach(() => {
  fakes.cookies.clear();
  vi.restoreAllMocks();
});

describe('completeSignIn', () => {
  it('returns to the page the sign-in started from', async () => {
    fakes.callback = storesSession(1400);
    expect(await completeSignIn(callbackUrl)).toEqual({ ok: true, location: 'https://app.example.com/account' });
    expect(fakes.cookies.has('logto_app')).toBe(true);
  });

  it('refuses a session too large for a cookie, with a clear log line and no loop', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    fakes.callback = storesSession(5000);
    const step = await completeSignIn(callbackUrl);
    expect(step).toMatchObject({ ok: false, failure: { code: 'session_too_large', status: 503 } });
    expect(fakes.cookies.has('logto_app')).toBe(false);
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]?.[0]);
    expect(line).toMatch(/^\[auth\] session cookie is \d+ bytes, over the 4096-byte browser limit/);
    expect(line).not.toContain('session-content');
  });

  it('stops waiting for a slow identity provider at the configured timeout', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    fakes.callback = () => new Promise<undefined>((resolve) => setTimeout(resolve, 2_000));
    const started = Date.now();
    expect(await completeSignIn(callbackUrl)).toMatchObject({ ok: false, failure: { code: 'idp_timeout', status: 503 } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
