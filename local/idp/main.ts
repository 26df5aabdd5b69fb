/**
 * `npm run local:idp`: the local Logto stand-in on its own. Reads the same variables the app
 * uses (see `localIdpEnvironment`), falling back to the development defaults.
 */
import path from 'node:path';

import { describeTemplateProblems, loadEmailTemplates, parseSesConnectorConfigJson, type SesSettings } from '../../lib/ses';
import { localSesConnectorConfig } from '../app-environment';
import { LocalSetupError, readPort, refuseInProduction, runCli } from '../cli';
import { appOrigin, inboxOrigin, localDefaults } from '../defaults';
import { disabledAccountCenter, localAccountCenter } from './account-center';
import { startIdp } from './server';

const sendTimeoutMs = 10_000;

function sesSettingsFromEnv(env: NodeJS.ProcessEnv): SesSettings {
  const endpoint = env.AWS_SES_ENDPOINT || undefined;
  if (!env.AWS_SES_CONFIG) {
    return { connector: localSesConnectorConfig(), endpoint: endpoint ?? inboxOrigin(localDefaults.dev), timeoutMs: sendTimeoutMs };
  }
  const parsed = parseSesConnectorConfigJson(env.AWS_SES_CONFIG);
  if (!parsed.ok) {
    const issues = parsed.issues.map(({ field, message }) => `  - ${field}: ${message}`).join('\n');
    throw new LocalSetupError(`AWS_SES_CONFIG is not a valid AWS SES connector config:\n${issues}`);
  }
  // With a config of your own and no endpoint, codes go out through Amazon SES for real.
  return { connector: parsed.config, endpoint, timeoutMs: sendTimeoutMs };
}

/**
 * `LOCAL_IDP_ACCOUNT_CENTER=off` starts a new data directory as a fresh Logto tenant does, with the
 * account center disabled; by default it starts enabled for what the app's /account uses.
 */
function accountCenterFromEnv(env: NodeJS.ProcessEnv) {
  const value = env.LOCAL_IDP_ACCOUNT_CENTER || 'on';
  if (value !== 'on' && value !== 'off') throw new LocalSetupError(`LOCAL_IDP_ACCOUNT_CENTER must be "on" or "off", got "${value}".`);
  return value === 'on' ? localAccountCenter : disabledAccountCenter;
}

/** The tenant starts with the repository's templates, so a fresh `npm run dev` has nothing to sync. */
function repositoryEmailTemplates() {
  const loaded = loadEmailTemplates(process.cwd());
  if (!loaded.ok) throw new LocalSetupError(`The email templates are not valid: ${describeTemplateProblems(loaded.problems)}`);
  return loaded.templates;
}

runCli(async () => {
  refuseInProduction('The local sign-in IdP');
  const env = process.env;
  const sesSettings = sesSettingsFromEnv(env);
  const idp = await startIdp({
    port: readPort(env, 'LOCAL_IDP_PORT', localDefaults.dev.idpPort),
    appBaseUrl: env.LOCAL_APP_BASE_URL || appOrigin(localDefaults.dev),
    clientId: env.LOGTO_APP_ID || localDefaults.appId,
    clientSecret: env.LOGTO_APP_SECRET || localDefaults.appSecret,
    m2m: { clientId: env.LOCAL_M2M_APP_ID || localDefaults.m2mAppId, clientSecret: env.LOCAL_M2M_APP_SECRET || localDefaults.m2mAppSecret },
    sesSettings,
    emailTemplates: repositoryEmailTemplates(),
    accountCenter: accountCenterFromEnv(env),
    dataDir: path.resolve(env.LOCAL_DATA_DIR || localDefaults.dataDir),
  });

  const mail = sesSettings.endpoint ?? `Amazon SES in ${sesSettings.connector.region}`;
  console.log(`[idp] Local Logto stand-in ready: issuer ${idp.issuer}, codes sent via ${mail}.`);

  const stop = () => void idp.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
