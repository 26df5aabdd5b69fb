import type { LogtoNextConfig } from '@logto/next';

import type { AppConfig } from '@/lib/config';

import { sessionCookieWrapper } from './session-cookie';

let cached: { from: AppConfig; value: LogtoNextConfig } | undefined;

/** The SDK's configuration, built once from the validated app configuration. */
export function logtoConfigFrom(config: AppConfig): LogtoNextConfig {
  if (cached?.from !== config) {
    const { endpoint, appId, appSecret, baseUrl, cookieSecret, cookieSecure, scopes } = config.logto;
    cached = {
      from: config,
      value: { endpoint, appId, appSecret, baseUrl, cookieSecret, cookieSecure, scopes, sessionWrapper: sessionCookieWrapper },
    };
  }
  return cached.value;
}

/** The SDK keeps the whole session in this one cookie. */
export const sessionCookieName = (config: AppConfig) => `logto_${config.logto.appId}`;
