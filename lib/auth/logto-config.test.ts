import { describe, expect, it } from 'vitest';

import { parseAppConfig } from '@/lib/config/app-config';

import { logtoConfigFrom } from './logto-config';

const env = {
  LOGTO_ENDPOINT: 'https://tenant.logto.app',
  LOGTO_APP_ID: 'app',
  LOGTO_APP_SECRET: 'secret',
  LOGTO_COOKIE_SECRET: 'c'.repeat(32),
};

const sdkConfigFor = (baseUrl: string) => {
  const result = parseAppConfig({ ...env, LOGTO_BASE_URL: baseUrl });
  if (!result.ok) throw new Error('expected a valid configuration');
  return logtoConfigFrom(result.config);
};

describe('logtoConfigFrom', () => {
  it('has the SDK mark the session cookie Secure when the app is served over https', () => {
    expect(sdkConfigFor('https://app.example.com').cookieSecure).toBe(true);
  });

  it('leaves it off on plain http, where browsers other than Chromium would drop a Secure cookie', () => {
    expect(sdkConfigFor('http://localhost:3000').cookieSecure).toBe(false);
  });
});
