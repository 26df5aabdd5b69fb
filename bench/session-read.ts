import { sessionCookieWrapper } from '../lib/auth/session-cookie';
import type { TestAppEnvironment } from '../testing/test-environment';
import type { BenchSession } from './preflight';

/**
 * What reading the session costs a signed-in page, on the bench's real cookie: the steps the
 * SDK's getLogtoContext takes (lib/auth/session.ts), without the request around them: the
 * cookie storage decrypting the cookie through the app's session wrapper, the SDK's client,
 * and its context with the ID token's claims decoded. In the bench process, one read after
 * another, so that the figure is the CPU time of a read and nothing else.
 */

// A long warm-up: with 500 reads the first run still measured twice the third (V8 optimising as it went).
export const sessionReadSettings = { reads: 10_000, warmUp: 5_000 } as const;

export type SessionReadRun = { microsecondsPerRead: number };

export async function measureSessionRead(appEnv: TestAppEnvironment, session: BenchSession): Promise<SessionReadRun> {
  // The SDK's packages are ES modules only; the bench runs as CommonJS under tsx.
  const { CookieStorage } = await import('@logto/node');
  const { default: NodeClient } = await import('@logto/node/edge');
  const [cookieKey = '', ...rest] = session.cookie.split('=');
  // As Next hands it to the SDK: the Cookie header's value, percent-decoded.
  const cookieValue = decodeURIComponent(rest.join('='));
  const config = {
    endpoint: appEnv.LOGTO_ENDPOINT,
    appId: appEnv.LOGTO_APP_ID,
    appSecret: appEnv.LOGTO_APP_SECRET,
    baseUrl: appEnv.LOGTO_BASE_URL,
    cookieSecret: appEnv.LOGTO_COOKIE_SECRET,
    cookieSecure: false,
  };
  const read = async () => {
    const storage = new CookieStorage({
      encryptionKey: config.cookieSecret,
      sessionWrapper: sessionCookieWrapper,
      cookieKey,
      getCookie: async () => cookieValue,
      setCookie: async () => {},
    });
    await storage.init();
    const client = new NodeClient(config, { storage, navigate: () => {} });
    return client.getContext({});
  };

  const first = await read();
  if (!first.isAuthenticated || typeof first.claims?.sub !== 'string') throw new Error('The bench session did not read as signed in outside the app.');
  for (let index = 0; index < sessionReadSettings.warmUp; index += 1) await read();
  const started = performance.now();
  for (let index = 0; index < sessionReadSettings.reads; index += 1) await read();
  return { microsecondsPerRead: ((performance.now() - started) * 1000) / sessionReadSettings.reads };
}
