import { describe, expect, it } from 'vitest';

import { parseSesConnectorConfigJson } from '../lib/ses';
import { localAppEnvironment, localIdpEnvironment } from './app-environment';
import { localDefaults } from './defaults';

describe('localAppEnvironment', () => {
  it('points the app at the local IdP and inbox on the given ports', () => {
    const env = localAppEnvironment(localDefaults.test);
    expect(env).toMatchObject({
      LOGTO_ENDPOINT: 'http://localhost:3101',
      LOGTO_APP_ID: localDefaults.appId,
      LOGTO_APP_SECRET: localDefaults.appSecret,
      LOGTO_BASE_URL: 'http://localhost:3100',
      LOGTO_COOKIE_SECRET: localDefaults.cookieSecret,
      AWS_SES_ENDPOINT: 'http://127.0.0.1:8105',
    });
  });

  it('carries a connector config that lib/ses accepts, with the dummy keys', () => {
    const parsed = parseSesConnectorConfigJson(localAppEnvironment(localDefaults.dev).AWS_SES_CONFIG);
    expect(parsed.ok && parsed.config).toMatchObject({
      accessKeyId: localDefaults.awsAccessKeyId,
      region: localDefaults.awsRegion,
      emailAddress: localDefaults.senderAddress,
    });
  });

  it('takes another Logto endpoint or SES config when given', () => {
    const env = localAppEnvironment(localDefaults.dev, { logtoEndpoint: 'https://tenant.logto.app', sesConfigJson: '{}' });
    expect(env.LOGTO_ENDPOINT).toBe('https://tenant.logto.app');
    expect(env.AWS_SES_CONFIG).toBe('{}');
  });
});

describe('localIdpEnvironment', () => {
  it("matches the app's client, base URL and mail settings", () => {
    const app = localAppEnvironment(localDefaults.test);
    expect(localIdpEnvironment(localDefaults.test)).toEqual({
      LOCAL_IDP_PORT: '3101',
      LOCAL_APP_BASE_URL: app.LOGTO_BASE_URL,
      LOGTO_APP_ID: app.LOGTO_APP_ID,
      LOGTO_APP_SECRET: app.LOGTO_APP_SECRET,
      LOCAL_M2M_APP_ID: app.LOGTO_M2M_APP_ID,
      LOCAL_M2M_APP_SECRET: app.LOGTO_M2M_APP_SECRET,
      AWS_SES_CONFIG: app.AWS_SES_CONFIG,
      AWS_SES_ENDPOINT: app.AWS_SES_ENDPOINT,
    });
  });

  it('leaves the SES endpoint empty when the app sends through Amazon SES', () => {
    const app = { ...localAppEnvironment(localDefaults.dev), AWS_SES_ENDPOINT: undefined };
    expect(localIdpEnvironment(localDefaults.dev, app).AWS_SES_ENDPOINT).toBe('');
  });
});
