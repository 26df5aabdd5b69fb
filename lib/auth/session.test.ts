import { describe, expect, it, vi } from 'vitest';

import { logtoTestEnv, parsedTestConfig } from '@/lib/config/test-support';

import { getSession } from './session';

// Next's cookie store and the SDK's context are replaced by fakes; the rules around them are real.
const fakes = vi.hoisted(() => ({
  cookieNames: new Set<string>(),
  context: async (): Promise<{ isAuthenticated: boolean; claims?: Record<string, unknown> }> => ({ isAuthenticated: false }),
}));

vi.mock('next/headers', () => ({ cookies: async () => ({ has: (name: string) => fakes.cookieNames.has(name) }) }));
vi.mock('@logto/next/server-actions', () => ({ getLogtoContext: () => fakes.context() }));

const config = parsedTestConfig(logtoTestEnv);

const now = 1_800_000_000_000;
const withClaims = (claims: Record<string, unknown>) => {
  fakes.cookieNames = new Set(['logto_app-id']);
  fakes.context = async () => ({ isAuthenticated: true, claims });
};

describe('getSession', () => {
  it('is signed out without the session cookie, without asking the SDK', async () => {
    fakes.cookieNames = new Set(['other']);
    const context = vi.fn(async () => ({ isAuthenticated: true, claims: { sub: 'u', exp: now / 1000 + 60 } }));
    fakes.context = context;
    expect(await getSession(config, () => now)).toEqual({ state: 'signed-out' });
    expect(context).not.toHaveBeenCalled();
  });

  it('is signed in with an ID token that has not expired', async () => {
    withClaims({ sub: 'u1', email: 'ada@example.com', exp: now / 1000 + 60 });
    expect(await getSession(config, () => now)).toMatchObject({ state: 'signed-in', email: 'ada@example.com', claims: { sub: 'u1' } });
  });

  it('is expired once the ID token is past its exp', async () => {
    withClaims({ sub: 'u1', exp: now / 1000 });
    expect(await getSession(config, () => now)).toEqual({ state: 'expired' });
  });

  it('counts an ID token without exp as expired: nothing says it is still good', async () => {
    withClaims({ sub: 'u1', email: 'ada@example.com' });
    expect(await getSession(config, () => now)).toEqual({ state: 'expired' });
  });

  it('is signed out when the cookie cannot be read', async () => {
    fakes.cookieNames = new Set(['logto_app-id']);
    fakes.context = async () => {
      throw new TypeError('bad cookie');
    };
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await getSession(config, () => now)).toEqual({ state: 'signed-out' });
  });
});
