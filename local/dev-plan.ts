import { parseSesConnectorConfigJson } from '../lib/ses';

import { localAppEnvironment, localIdpEnvironment, localInboxEnvironment, localSesEventsEnvironment, type LocalAppEnvironment, type LocalIdpEnvironment } from './app-environment';
import { appOrigin, idpOrigin, inboxOrigin, localDefaults, type LocalPorts } from './defaults';

/**
 * What `npm run dev` starts, decided from the environment (after `.env*` files are loaded):
 * a local stand-in for each part the developer has not pointed somewhere real.
 */

type Env = Record<string, string | undefined>;

export type DevPlan = {
  /** Run the local Logto stand-in; absent when LOGTO_ENDPOINT names a real tenant. */
  idp?: { url: string; env: LocalIdpEnvironment };
  /** Run the local SES inbox; absent when mail goes to Amazon SES or another endpoint. */
  inbox?: { url: string; port: number; env: Env };
  app: { url: string; port: number; env: Env };
  /** Lines for the start-up banner, free of secrets. */
  banner: string[];
};

function definedOnly(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}

function sesRegion(configJson: string): string {
  const parsed = parseSesConnectorConfigJson(configJson);
  return parsed.ok ? `region ${parsed.config.region}` : 'AWS_SES_CONFIG is invalid, the app will say why';
}

export function planDev(userEnv: Env, ports: LocalPorts): DevPlan {
  const user = definedOnly(userEnv);
  const local: LocalAppEnvironment = localAppEnvironment(ports);

  const localIdp = !user.LOGTO_ENDPOINT;
  const amazonSes = Boolean(user.AWS_SES_CONFIG) && !user.AWS_SES_ENDPOINT;
  const localInbox = !amazonSes && (!user.AWS_SES_ENDPOINT || user.AWS_SES_ENDPOINT === local.AWS_SES_ENDPOINT);

  // Local defaults fill only the parts that run locally; whatever the developer set wins.
  // Every account of the local IdP is the developer's, so anyone signed in may test-send
  // (next dev honours this; a production server refuses it).
  const appEnv: Env = {
    LOGTO_BASE_URL: local.LOGTO_BASE_URL,
    LOGTO_COOKIE_SECRET: local.LOGTO_COOKIE_SECRET,
    ...(localIdp && {
      LOGTO_ENDPOINT: local.LOGTO_ENDPOINT,
      LOGTO_APP_ID: local.LOGTO_APP_ID,
      LOGTO_APP_SECRET: local.LOGTO_APP_SECRET,
      // The stand-in's M2M app, so `npm run logto -- doctor` and /setup check everything offline.
      LOGTO_M2M_APP_ID: local.LOGTO_M2M_APP_ID,
      LOGTO_M2M_APP_SECRET: local.LOGTO_M2M_APP_SECRET,
      TEST_SEND_OPEN_TO_SIGNED_IN: 'true',
      // The stand-in serves the Account API with the account center on: /account's features too.
      LOGTO_ACCOUNT_FEATURES: 'on',
      // Changing the tenant is narrower than test-sending, locally too: one known account.
      LOGTO_SETUP_ADMINS: localDefaults.setupAdminEmail,
    }),
    ...(!amazonSes && { AWS_SES_CONFIG: local.AWS_SES_CONFIG, AWS_SES_ENDPOINT: local.AWS_SES_ENDPOINT }),
    // The local inbox reports each mail's SES events to the app, signed as SNS would.
    ...(localInbox && localSesEventsEnvironment(ports)),
    ...user,
  };

  const idp = localIdp
    ? {
        url: idpOrigin(ports),
        env: localIdpEnvironment(ports, {
          LOGTO_APP_ID: appEnv.LOGTO_APP_ID ?? local.LOGTO_APP_ID,
          LOGTO_APP_SECRET: appEnv.LOGTO_APP_SECRET ?? local.LOGTO_APP_SECRET,
          LOGTO_M2M_APP_ID: appEnv.LOGTO_M2M_APP_ID ?? local.LOGTO_M2M_APP_ID,
          LOGTO_M2M_APP_SECRET: appEnv.LOGTO_M2M_APP_SECRET ?? local.LOGTO_M2M_APP_SECRET,
          LOGTO_BASE_URL: appEnv.LOGTO_BASE_URL ?? local.LOGTO_BASE_URL,
          AWS_SES_CONFIG: appEnv.AWS_SES_CONFIG ?? local.AWS_SES_CONFIG,
          AWS_SES_ENDPOINT: appEnv.AWS_SES_ENDPOINT,
        }),
      }
    : undefined;
  // The account stays sandboxed (the readiness panel says so), but any address a developer
  // types may receive: every mail lands in the local inbox, never in a real mailbox.
  const devInboxEnvironment = { LOCAL_INBOX_ANY_ADDRESS_VERIFIED: 'true' };
  const inbox = localInbox ? { url: inboxOrigin(ports), port: ports.inboxPort, env: { ...localInboxEnvironment(ports), ...devInboxEnvironment } } : undefined;

  const signIn = idp ? `${idp.url}/oidc   local Logto stand-in` : `${user.LOGTO_ENDPOINT}   your Logto (LOGTO_ENDPOINT)`;
  const email = inbox
    ? `${inbox.url}   local SES inbox: open it to read the codes`
    : amazonSes
      ? `Amazon SES, ${sesRegion(user.AWS_SES_CONFIG ?? '')} (AWS_SES_CONFIG)`
      : `${user.AWS_SES_ENDPOINT}   your SES endpoint (AWS_SES_ENDPOINT)`;

  return {
    idp,
    inbox,
    app: { url: appOrigin(ports), port: ports.appPort, env: appEnv },
    banner: [
      `App       ${appOrigin(ports)}   next dev`,
      `Sign-in   ${signIn}`,
      `Email     ${email}`,
      ...(appEnv.LOGTO_SETUP_ADMINS ? [`/setup    its buttons are for ${appEnv.LOGTO_SETUP_ADMINS} (LOGTO_SETUP_ADMINS)`] : []),
    ],
  };
}
