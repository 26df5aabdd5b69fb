import { afterEach, describe, expect, it, vi } from 'vitest';

import { parseAppConfig } from '@/lib/config/app-config';

import { completeSignIn, followSignInLink } from './sign-in';

// The SDK and Next's cookie store are replaced by small fakes; the steps around them are real.
const fakes = vi.hoisted(() => ({
  cookies: new Map<string, string>(),
  /** What the fake SDK's callback does: store a session of this size, or fail. */
  callback: async (): Promise<string | undefined> => undefined,
  /** What the fake SDK reads from the session cookie. */
  context: { isAuthenticated: false } as { isAuthenticated: boolean; claims?: Record<string, unknown> },
  /** Sign-ins the fake SDK started: each would overwrite the session cookie. */
  signInStarts: 0,
  /** What the last sign-in asked Logto for. */
  signInOptions: undefined as { extraParams?: Record<string, string> } | undefined,
  /** The request's headers, for its language. */
  headers: new Headers(),
}));

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (fakes.cookies.has(name) ? { name, value: fakes.cookies.get(name) } : undefined),
    has: (name: string) => fakes.cookies.has(name),
    set: (name: string, value: string) => fakes.cookies.set(name, value),
    delete: (name: string) => fakes.cookies.delete(name),
  }),
  headers: async () => fakes.headers,
}));

vi.mock('@logto/next/server-actions', () => ({
  default: class {
    handleSignInCallback() {
      return fakes.callback();
    }
    async handleSignIn(options: { extraParams?: Record<string, string> }) {
      fakes.signInStarts += 1;
      fakes.signInOptions = options;
      fakes.cookies.set('logto_app', 'a new sign-in in progress');
      return { url: 'https://tenant.logto.app/oidc/auth?client_id=app' };
    }
  },
  getLogtoContext: async () => fakes.context,
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
  fakes.context = { isAuthenticated: false };
  fakes.signInStarts = 0;
  fakes.signInOptions = undefined;
  fakes.headers = new Headers();
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
    expect(step).toMatchObject({ ok: false, code: 'session_too_large', status: 503 });
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
    expect(await completeSignIn(callbackUrl)).toMatchObject({ ok: false, code: 'idp_timeout', status: 503 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('followSignInLink (GET /sign-in, which any site can link to)', () => {
  const signedInAs = (exp: number) => {
    fakes.cookies.set('logto_app', 'an existing session');
    fakes.context = { isAuthenticated: true, claims: { sub: 'user-1', email: 'ada@example.com', exp } };
  };

  it('sends a signed-in visitor to the return address without starting a sign-in, so the session survives', async () => {
    signedInAs(Math.floor(Date.now() / 1000) + 3600);
    expect(await followSignInLink({ mode: 'signIn', returnTo: '/account?tab=1' })).toEqual({ ok: true, location: 'https://app.example.com/account?tab=1' });
    expect(await followSignInLink({ mode: 'signUp', returnTo: '//evil.example/x' })).toEqual({ ok: true, location: 'https://app.example.com/' });
    expect(fakes.signInStarts).toBe(0);
    expect(fakes.cookies.get('logto_app')).toBe('an existing session');
  });

  it('starts a sign-in when the session has expired', async () => {
    signedInAs(Math.floor(Date.now() / 1000) - 60);
    expect(await followSignInLink({ mode: 'signIn', returnTo: '/account' })).toEqual({ ok: true, location: 'https://tenant.logto.app/oidc/auth?client_id=app' });
    expect(fakes.signInStarts).toBe(1);
  });

  it('starts a sign-in when there is no session', async () => {
    expect(await followSignInLink({ mode: 'signIn', returnTo: '/account' })).toEqual({ ok: true, location: 'https://tenant.logto.app/oidc/auth?client_id=app' });
    expect(fakes.signInStarts).toBe(1);
  });

  describe("sends Logto the person's language as ui_locales", () => {
    it("is the link's lang when it names one, whatever the browser speaks", async () => {
      fakes.headers = new Headers({ 'accept-language': 'zh-CN,zh;q=0.9' });
      await followSignInLink({ mode: 'signIn', lang: 'pt-BR' });
      expect(fakes.signInOptions?.extraParams).toEqual({ ui_locales: 'pt-BR' });
    });

    it("is the language of the app's pages when the link names none: the browser's Accept-Language", async () => {
      fakes.headers = new Headers({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
      await followSignInLink({ mode: 'signIn', lang: null });
      expect(fakes.signInOptions?.extraParams).toEqual({ ui_locales: 'zh-CN' });
    });

    it("is the header switch's choice over the browser's, and English when neither says", async () => {
      fakes.headers = new Headers({ 'accept-language': 'zh-CN' });
      fakes.cookies.set('NEXT_LOCALE', 'en');
      await followSignInLink({ mode: 'signUp', lang: '' });
      expect(fakes.signInOptions?.extraParams).toEqual({ ui_locales: 'en' });

      fakes.cookies.clear();
      fakes.headers = new Headers();
      await followSignInLink({ mode: 'signIn' });
      expect(fakes.signInOptions?.extraParams).toEqual({ ui_locales: 'en' });
    });

    it('still refuses a lang that is not a language tag, without starting a sign-in', async () => {
      fakes.headers = new Headers({ 'accept-language': 'zh-CN' });
      expect(await followSignInLink({ mode: 'signIn', lang: 'bad!' })).toMatchObject({ ok: false, status: 400, code: 'invalid_language' });
      expect(fakes.signInStarts).toBe(0);
    });
  });
});
