import { randomBytes } from 'node:crypto';

import { defaultLocalConnectorConfig, type AwsSesConnectorConfig } from '../lib/ses';

import { appOrigin, idpOrigin, inboxOrigin, localDefaults, type LocalPorts } from './defaults';
import { localConfigurationSetName, localEventsTopicArn } from './inbox/stand-in-state';

/**
 * The environment variables that wire the app to the local stand-ins, shared by `npm run dev`
 * and the end-to-end tests (which pass the test ports). Values are strings, ready for `env`.
 */

/** The secrets of a local setup: the published ones of local/defaults.ts, or fresh ones. */
export type LocalSecrets = { appSecret: string; cookieSecret: string; m2mAppSecret: string; awsAccessKeyId: string; awsAccessKeySecret: string };

const publishedSecrets: LocalSecrets = {
  appSecret: localDefaults.appSecret,
  cookieSecret: localDefaults.cookieSecret,
  m2mAppSecret: localDefaults.m2mAppSecret,
  awsAccessKeyId: localDefaults.awsAccessKeyId,
  awsAccessKeySecret: localDefaults.awsAccessKeySecret,
};

/**
 * Fresh secrets for one run of a production build against the stand-ins (the e2e suite, the
 * reliability suite, the bench): `next start` refuses the published ones.
 */
export function randomLocalSecrets(): LocalSecrets {
  const token = (bytes: number) => randomBytes(bytes).toString('base64url');
  return {
    appSecret: token(24),
    cookieSecret: token(32),
    m2mAppSecret: token(24),
    awsAccessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
    awsAccessKeySecret: token(30),
  };
}

/**
 * The app's SES connector for the local inbox: dummy keys, a template for every usage type, and
 * the stand-in's configuration set, which publishes delivery events (SES publishes none for
 * mail sent without one).
 */
export function localSesConnectorConfig(secrets: LocalSecrets = publishedSecrets): AwsSesConnectorConfig {
  return {
    ...defaultLocalConnectorConfig({
      accessKeyId: secrets.awsAccessKeyId,
      accessKeySecret: secrets.awsAccessKeySecret,
      region: localDefaults.awsRegion,
      emailAddress: localDefaults.senderAddress,
    }),
    configurationSetName: localConfigurationSetName,
  };
}

export type LocalAppEnvironment = {
  LOGTO_ENDPOINT: string;
  LOGTO_APP_ID: string;
  LOGTO_APP_SECRET: string;
  LOGTO_BASE_URL: string;
  LOGTO_COOKIE_SECRET: string;
  /** The local IdP's M2M app, for the setup doctor (its resource is the self-hosted default). */
  LOGTO_M2M_APP_ID: string;
  LOGTO_M2M_APP_SECRET: string;
  AWS_SES_CONFIG: string;
  AWS_SES_ENDPOINT: string;
};

/**
 * What the Next app needs to sign in through the local IdP and send mail to the local inbox.
 * `secrets` default to the published ones, which only `next dev` and the unit tests accept.
 */
export function localAppEnvironment(
  ports: LocalPorts,
  options: { logtoEndpoint?: string; sesConfigJson?: string; secrets?: LocalSecrets } = {},
): LocalAppEnvironment {
  const secrets = options.secrets ?? publishedSecrets;
  return {
    LOGTO_ENDPOINT: options.logtoEndpoint ?? idpOrigin(ports),
    LOGTO_APP_ID: localDefaults.appId,
    LOGTO_APP_SECRET: secrets.appSecret,
    LOGTO_BASE_URL: appOrigin(ports),
    LOGTO_COOKIE_SECRET: secrets.cookieSecret,
    LOGTO_M2M_APP_ID: localDefaults.m2mAppId,
    LOGTO_M2M_APP_SECRET: secrets.m2mAppSecret,
    AWS_SES_CONFIG: options.sesConfigJson ?? JSON.stringify(localSesConnectorConfig(secrets)),
    AWS_SES_ENDPOINT: inboxOrigin(ports),
  };
}

export type LocalIdpEnvironment = {
  LOCAL_IDP_PORT: string;
  LOCAL_APP_BASE_URL: string;
  LOGTO_APP_ID: string;
  LOGTO_APP_SECRET: string;
  LOCAL_M2M_APP_ID: string;
  LOCAL_M2M_APP_SECRET: string;
  AWS_SES_CONFIG: string;
  /** Empty: the IdP sends through Amazon SES itself. */
  AWS_SES_ENDPOINT: string;
};

/**
 * The local IdP's environment, derived from the app's so that both always agree on the client
 * credentials, the redirect URI and where codes are mailed.
 */
export function localIdpEnvironment(
  ports: LocalPorts,
  app: Pick<LocalAppEnvironment, 'LOGTO_APP_ID' | 'LOGTO_APP_SECRET' | 'LOGTO_BASE_URL' | 'AWS_SES_CONFIG'> &
    Partial<Pick<LocalAppEnvironment, 'AWS_SES_ENDPOINT' | 'LOGTO_M2M_APP_ID' | 'LOGTO_M2M_APP_SECRET'>> = localAppEnvironment(ports),
): LocalIdpEnvironment {
  return {
    LOCAL_IDP_PORT: String(ports.idpPort),
    LOCAL_APP_BASE_URL: app.LOGTO_BASE_URL,
    LOGTO_APP_ID: app.LOGTO_APP_ID,
    LOGTO_APP_SECRET: app.LOGTO_APP_SECRET,
    LOCAL_M2M_APP_ID: app.LOGTO_M2M_APP_ID ?? localDefaults.m2mAppId,
    LOCAL_M2M_APP_SECRET: app.LOGTO_M2M_APP_SECRET ?? localDefaults.m2mAppSecret,
    AWS_SES_CONFIG: app.AWS_SES_CONFIG,
    AWS_SES_ENDPOINT: app.AWS_SES_ENDPOINT ?? '',
  };
}

/**
 * The app's settings for hearing the local SES stand-in's delivery events: its topic, and its
 * signing certificate (a production server accepts that only with a loopback base URL).
 */
export function localSesEventsEnvironment(ports: LocalPorts): { SES_EVENTS_TOPIC_ARNS: string; SES_EVENTS_LOCAL_SIGNER: string } {
  return { SES_EVENTS_TOPIC_ARNS: localEventsTopicArn, SES_EVENTS_LOCAL_SIGNER: `${inboxOrigin(ports)}/_stand-in/sns-signing-cert.pem` };
}

/** The local inbox's environment: its port, and where it posts the SES events of each mail. */
export function localInboxEnvironment(ports: LocalPorts): { LOCAL_INBOX_PORT: string; LOCAL_INBOX_EVENTS_URL: string } {
  return { LOCAL_INBOX_PORT: String(ports.inboxPort), LOCAL_INBOX_EVENTS_URL: `${appOrigin(ports)}/api/ses/events` };
}
