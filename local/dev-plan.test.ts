import { describe, expect, it } from 'vitest';

import { localAppEnvironment, localSesEventsEnvironment } from './app-environment';
import { localDefaults } from './defaults';
import { planDev } from './dev-plan';

const ports = localDefaults.dev;
const local = localAppEnvironment(ports);
const realSesConfig = JSON.stringify({ ...JSON.parse(local.AWS_SES_CONFIG), region: 'eu-west-1' });

describe('planDev', () => {
  it('runs both stand-ins when nothing is configured', () => {
    const plan = planDev({}, ports);
    expect(plan.idp?.url).toBe('http://localhost:3001');
    expect(plan.inbox?.url).toBe('http://127.0.0.1:8005');
    // Sandboxed, but any address a developer types may receive: it all lands in the local inbox.
    expect(plan.inbox?.env).toMatchObject({ LOCAL_INBOX_ANY_ADDRESS_VERIFIED: 'true' });
    expect(plan.app.env).toEqual({ ...local, ...localSesEventsEnvironment(ports), TEST_SEND_OPEN_TO_SIGNED_IN: 'true', LOGTO_ACCOUNT_FEATURES: 'on', LOGTO_SETUP_ADMINS: 'admin@example.com' });
    expect(plan.idp?.env).toMatchObject({ LOCAL_APP_BASE_URL: 'http://localhost:3000', AWS_SES_ENDPOINT: local.AWS_SES_ENDPOINT });
  });

  it('gives the app and the local IdP the same M2M app, for the setup doctor; none with a real Logto', () => {
    const plan = planDev({}, ports);
    expect(plan.app.env).toMatchObject({ LOGTO_M2M_APP_ID: local.LOGTO_M2M_APP_ID, LOGTO_M2M_APP_SECRET: local.LOGTO_M2M_APP_SECRET });
    expect(plan.idp?.env).toMatchObject({ LOCAL_M2M_APP_ID: local.LOGTO_M2M_APP_ID, LOCAL_M2M_APP_SECRET: local.LOGTO_M2M_APP_SECRET });
    expect(planDev({ LOGTO_ENDPOINT: 'https://tenant.logto.app' }, ports).app.env.LOGTO_M2M_APP_ID).toBeUndefined();
  });

  it('uses a real Logto without filling in the local client credentials', () => {
    const plan = planDev({ LOGTO_ENDPOINT: 'https://tenant.logto.app' }, ports);
    expect(plan.idp).toBeUndefined();
    expect(plan.app.env.LOGTO_ENDPOINT).toBe('https://tenant.logto.app');
    expect(plan.app.env.LOGTO_APP_ID).toBeUndefined();
    expect(plan.banner.join('\n')).toContain('your Logto (LOGTO_ENDPOINT)');
  });

  it('sends through Amazon SES when only AWS_SES_CONFIG is set, the local IdP included', () => {
    const plan = planDev({ AWS_SES_CONFIG: realSesConfig }, ports);
    expect(plan.inbox).toBeUndefined();
    expect(plan.app.env.AWS_SES_ENDPOINT).toBeUndefined();
    expect(plan.idp?.env).toMatchObject({ AWS_SES_CONFIG: realSesConfig, AWS_SES_ENDPOINT: '' });
    expect(plan.banner.join('\n')).toContain('Amazon SES, region eu-west-1');
  });

  it("keeps the developer's values over the local defaults", () => {
    const plan = planDev({ LOGTO_COOKIE_SECRET: 'mine-0123456789abcdef0123456789abcdef', LOGTO_APP_ID: 'my-app', LOGTO_ENDPOINT: '' }, ports);
    expect(plan.app.env).toMatchObject({ LOGTO_COOKIE_SECRET: 'mine-0123456789abcdef0123456789abcdef', LOGTO_APP_ID: 'my-app' });
    expect(plan.idp?.env.LOGTO_APP_ID).toBe('my-app');
  });

  it('opens test-send to anyone signed in only with the local IdP, whose accounts are all the developer\'s', () => {
    expect(planDev({}, ports).app.env.TEST_SEND_OPEN_TO_SIGNED_IN).toBe('true');
    expect(planDev({ LOGTO_ENDPOINT: 'https://tenant.logto.app' }, ports).app.env.TEST_SEND_OPEN_TO_SIGNED_IN).toBeUndefined();
    expect(planDev({ TEST_SEND_OPEN_TO_SIGNED_IN: 'false' }, ports).app.env.TEST_SEND_OPEN_TO_SIGNED_IN).toBe('false');
  });

  it('starts no inbox when mail goes to another SES endpoint', () => {
    const plan = planDev({ AWS_SES_ENDPOINT: 'http://127.0.0.1:9999' }, ports);
    expect(plan.inbox).toBeUndefined();
    expect(plan.idp?.env.AWS_SES_ENDPOINT).toBe('http://127.0.0.1:9999');
  });

  it('never puts secrets in the banner', () => {
    const banner = planDev({ AWS_SES_CONFIG: realSesConfig }, ports).banner.join('\n');
    for (const secret of [local.LOGTO_APP_SECRET, local.LOGTO_COOKIE_SECRET, localDefaults.awsAccessKeySecret, localDefaults.awsAccessKeyId]) {
      expect(banner).not.toContain(secret);
    }
  });
});
