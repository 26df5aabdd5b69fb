import { SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import createAwsSesConnector from '@logto/connector-aws-ses';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { AwsSesConnectorConfig } from '@/lib/ses';

import { sendTestEmail } from './test-send-service';
import { openToSignedInEnv, signedIn, testConfig } from './test-support';

/**
 * With AWS_SES_CONFIG's templates and no Management API settings, the app's test send mails
 * exactly what Logto's own AWS SES connector package renders for the same config: the SES
 * request of each is captured where both hand it to the AWS SDK, and compared.
 */

// Templates pasted from a Logto console: no HTML scaffolding of ours, Logto's placeholders.
const connector: AwsSesConnectorConfig = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  accessKeySecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'eu-west-1',
  emailAddress: 'Logto <no-reply@example.com>',
  configurationSetName: 'events',
  templates: [
    { usageType: 'Register', subject: 'Register code {{code}}', content: '<p>Welcome! Your registration code is <b>{{code}}</b>.</p>' },
    { usageType: 'SignIn', subject: 'Sign-in code {{code}}', content: '<p>Your sign-in code is <b>{{code}}</b> ({{locale}}).</p>' },
    { usageType: 'ForgotPassword', subject: 'Reset code {{code}}', content: '<p>Your password reset code is <b>{{code}}</b>.</p>' },
    { usageType: 'Generic', subject: 'Generic code {{code}}', content: '<p>Your verification code is <b>{{code}}</b>. {{user.name}}</p>' },
  ],
};

function captureSesRequests() {
  const requests: SendEmailCommandInput[] = [];
  vi.spyOn(SESv2Client.prototype, 'send').mockImplementation(async (command: { input: unknown }) => {
    requests.push(command.input as SendEmailCommandInput);
    return { MessageId: `message-${requests.length}`, $metadata: { httpStatusCode: 200 } };
  });
  return requests;
}

const mailOf = (input: SendEmailCommandInput | undefined) => ({
  subject: input?.Content?.Simple?.Subject?.Data,
  html: input?.Content?.Simple?.Body?.Html?.Data,
  from: input?.FromEmailAddress,
  configurationSet: input?.ConfigurationSetName,
});

afterEach(() => vi.restoreAllMocks());

describe("the test send without the Management API equals @logto/connector-aws-ses's mail", () => {
  const config = testConfig({ ...openToSignedInEnv, AWS_SES_CONFIG: JSON.stringify(connector), LOGTO_M2M_APP_ID: undefined, LOGTO_M2M_APP_SECRET: undefined });

  it.each([
    ['Generic', undefined],
    ['SignIn', 'zh-CN'],
    ['Register', 'en'],
    // No template of its own: both fall back to Generic.
    ['MfaVerification', undefined],
  ] as const)('%s (locale %s)', async (usageType, locale) => {
    const requests = captureSesRequests();
    const ours = await sendTestEmail({
      config,
      session: signedIn('ada@example.com'),
      input: { formFields: { to: 'ada@example.com', usageType, ...(locale && { locale }) } },
      limiter: { consume: async () => ({ ok: true }), close: async () => {} },
      recipientCheck: async () => ({ ok: true, notChecked: [] }),
    });
    expect(ours).toMatchObject({ ok: true, template: { source: 'connector config', language: null }, note: expect.stringContaining('not known without the Management API') });

    // Logto's connector test: its template lookup finds no tenant template (there is none to know).
    const logto = await createAwsSesConnector({ getConfig: async () => connector, getI18nEmailTemplate: async () => undefined });
    await logto.sendMessage({ to: 'ada@example.com', type: usageType, payload: { code: '000000', ...(locale && { locale }) } }, connector);

    expect(requests).toHaveLength(2);
    expect(mailOf(requests[0])).toEqual(mailOf(requests[1]));
    expect(requests[0]).toEqual(requests[1]);
  });
});
