import { describe, expect, it } from 'vitest';

import type { AwsSesConnectorConfig } from './connector-config';
import { defaultLocalConnectorConfig } from './default-templates';
import { SesTemplateNotFoundError } from './errors';
import { buildSendEmailCommandInput, getSesClient, sendEmail, type SesSettings } from './send-email';

// Dummy values: nothing here reaches a network.
const credentials = { accessKeyId: 'AKIALOCALTESTEXAMPLE', accessKeySecret: 'local-test-secret-not-real', region: 'us-east-1' };
const email = { to: 'ada@example.com', subject: 'Your code is 123456', html: '<p>123456</p>' };

describe('buildSendEmailCommandInput', () => {
  it('sets every field Logto sets, for a full config', () => {
    const connector: AwsSesConnectorConfig = {
      ...credentials,
      emailAddress: 'Logto <noreply@example.com>',
      emailAddressIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      feedbackForwardingEmailAddress: 'bounces@example.com',
      feedbackForwardingEmailAddressIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/bounces@example.com',
      configurationSetName: 'transactional',
      templates: [],
    };
    expect(buildSendEmailCommandInput(connector, email)).toStrictEqual({
      Destination: { ToAddresses: ['ada@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Your code is 123456', Charset: 'utf8' },
          Body: { Html: { Data: '<p>123456</p>' } },
        },
      },
      FromEmailAddress: 'Logto <noreply@example.com>',
      FromEmailAddressIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      FeedbackForwardingEmailAddress: 'bounces@example.com',
      FeedbackForwardingEmailAddressIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/bounces@example.com',
      ConfigurationSetName: 'transactional',
    });
  });

  it('leaves unset optionals undefined, for a minimal config', () => {
    expect(buildSendEmailCommandInput({ ...credentials, templates: [] }, email)).toStrictEqual({
      Destination: { ToAddresses: ['ada@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Your code is 123456', Charset: 'utf8' },
          Body: { Html: { Data: '<p>123456</p>' } },
        },
      },
      FromEmailAddress: undefined,
      FromEmailAddressIdentityArn: undefined,
      FeedbackForwardingEmailAddress: undefined,
      FeedbackForwardingEmailAddressIdentityArn: undefined,
      ConfigurationSetName: undefined,
    });
  });
});

describe('getSesClient', () => {
  const settings: SesSettings = { connector: defaultLocalConnectorConfig(credentials), timeoutMs: 10_000 };

  it('reuses the client for the same settings, even from a fresh object', () => {
    const again = { ...settings, connector: { ...settings.connector } };
    expect(getSesClient(again)).toBe(getSesClient(settings));
  });

  it('builds a new client when credentials, region, endpoint or timeout change', () => {
    const first = getSesClient(settings);
    const variants: SesSettings[] = [
      { ...settings, connector: { ...settings.connector, accessKeySecret: 'rotated-secret' } },
      { ...settings, connector: { ...settings.connector, region: 'eu-west-1' } },
      { ...settings, endpoint: 'http://127.0.0.1:8005' },
      { ...settings, timeoutMs: 5_000 },
    ];
    for (const variant of variants) {
      expect(getSesClient(variant)).not.toBe(first);
    }
  });

  it('is configured with the region, the endpoint and two attempts at most', async () => {
    const client = getSesClient({ ...settings, endpoint: 'http://127.0.0.1:8005' });
    expect(await client.config.region()).toBe('us-east-1');
    expect(await client.config.maxAttempts()).toBe(2);
    const endpoint = await client.config.endpoint?.();
    expect(endpoint).toMatchObject({ hostname: '127.0.0.1', port: 8005, protocol: 'http:' });
  });
});

describe('sendEmail', () => {
  it('throws SesTemplateNotFoundError before any network call when no template fits', async () => {
    const connector = { ...credentials, templates: [{ usageType: 'SignIn', subject: 's', content: 'c' }] };
    const settings = { connector, endpoint: 'http://127.0.0.1:9', timeoutMs: 300 };
    await expect(sendEmail(settings, { to: 'x@example.com', usageType: 'Register', payload: {} })).rejects.toBeInstanceOf(
      SesTemplateNotFoundError,
    );
  });
});
