import { localAppEnvironment, localSesEventsEnvironment, randomLocalSecrets, type LocalSecrets } from '../../local/app-environment';

import { ports } from './urls';

/**
 * The app's settings for this run. The production build refuses the published local secrets,
 * so each run draws its own. Playwright loads its config in the runner and again in every
 * worker: the runner's draw is handed down through the environment, so that the journeys (which
 * forge cookies and read the masked key) agree with the servers it started.
 */
const inherited = process.env.E2E_LOCAL_SECRETS;
export const secrets: LocalSecrets = inherited ? (JSON.parse(inherited) as LocalSecrets) : randomLocalSecrets();
process.env.E2E_LOCAL_SECRETS = JSON.stringify(secrets);

/** Every uniqueEmail() is at example.com: those may test-send, an address elsewhere may not. */
export const allowedDomain = '@example.com';

export const appEnv = { ...localAppEnvironment(ports, { secrets }), ...localSesEventsEnvironment(ports), TEST_SEND_ALLOWED_EMAILS: allowedDomain };
