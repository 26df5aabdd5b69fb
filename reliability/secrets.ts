import type { LocalAppEnvironment } from '../local/app-environment';

/**
 * The values that must never appear in an answer or a log line: the app secret (also as the
 * Basic credential the SDK sends), the cookie secret, and the AWS key pair of the SES connector.
 */

export type Secret = { label: string; value: string };

export function secretsOf(env: LocalAppEnvironment): Secret[] {
  const ses = JSON.parse(env.AWS_SES_CONFIG) as { accessKeyId: string; accessKeySecret: string };
  return [
    { label: 'LOGTO_APP_SECRET', value: env.LOGTO_APP_SECRET },
    { label: 'Logto Basic credential', value: Buffer.from(`${env.LOGTO_APP_ID}:${env.LOGTO_APP_SECRET}`).toString('base64') },
    { label: 'LOGTO_COOKIE_SECRET', value: env.LOGTO_COOKIE_SECRET },
    { label: 'AWS accessKeySecret', value: ses.accessKeySecret },
    { label: 'AWS accessKeyId', value: ses.accessKeyId },
  ];
}

/** The labels of the secrets found in `text`. */
export function secretsIn(text: string, secrets: readonly Secret[]): string[] {
  return secrets.filter((secret) => text.includes(secret.value)).map((secret) => secret.label);
}
