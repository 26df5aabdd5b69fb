import type { LogtoNextConfig, Prompt } from '@logto/next';

import type { AppConfig } from '@/lib/config';

import { processWide } from '@/lib/process/process-wide';

import { sessionCookieWrapper } from './session-cookie';

/** The SDK's configuration, built once per process from the validated app configuration. */
export function logtoConfigFrom(config: AppConfig): LogtoNextConfig {
  const built = processWide('logto-config', () => new WeakMap<AppConfig, LogtoNextConfig>());
  let value = built.get(config);
  if (!value) {
    const { endpoint, appId, appSecret, baseUrl, cookieSecret, cookieSecure, scopes, accountFeatures } = config.logto;
    value = { endpoint, appId, appSecret, baseUrl, cookieSecret, cookieSecure, scopes, sessionWrapper: sessionCookieWrapper };
    // Logto issues a refresh token for offline_access only on a consent prompt, which a
    // first-party app passes without a screen (recorded fixture 04).
    if (accountFeatures) value.prompt = 'consent' as Prompt;
    built.set(config, value);
  }
  return value;
}

/** The SDK keeps the whole session in this one cookie. */
export const sessionCookieName = (config: AppConfig) => `logto_${config.logto.appId}`;
