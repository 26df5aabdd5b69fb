import { describe, expect, it } from 'vitest';

import { parseAppConfig } from '@/lib/config/app-config';

import { logtoConfigFrom } from './logto-config';

const env = {
  LOGTO_ENDPOINT: 'https://tenant.logto.app',
  LOGTO_APP_ID: 'app',
  LOGTO_APP_SECRET: 'secret',
  LOGTO_COOKIE_SECRET: 'c'.repeat(32),
};

const sdkConfigFor = (baseUrl: string, more: Record<string, string> = {}) => {
  const result = parseAppConfig({ ...env, LOGTO_BASE_URL: baseUrl, ...more });
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

  it('asks only for the email scope and no refresh token while the account features are off', () => {
    const sdk = sdkConfigFor('https://app.example.com');
    expect(sdk.scopes).toEqual(['email']);
    expect(sdk.prompt).toBeUndefined();
  });

  it('asks for the Account API scopes and a refresh token (prompt=consent) with LOGTO_ACCOUNT_FEATURES=on', () => {
    const sdk = sdkConfigFor('https://app.example.com', { LOGTO_ACCOUNT_FEATURES: 'on' });
    expect(sdk.scopes).toEqual(['email', 'offline_access', 'urn:logto:scope:sessions']);
    expect(sdk.prompt).toBe('consent');
  });

  it('refuses a LOGTO_ACCOUNT_FEATURES that is neither on nor off', () => {
    const result = parseAppConfig({ ...env, LOGTO_BASE_URL: 'https://app.example.com', LOGTO_ACCOUNT_FEATURES: 'yes' });
    expect(result.ok ? [] : result.problems).toEqual([expect.objectContaining({ variable: 'LOGTO_ACCOUNT_FEATURES', summary: 'not on or off' })]);
  });
});
