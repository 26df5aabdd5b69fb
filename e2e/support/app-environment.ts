import { localSesEventsEnvironment, randomLocalSecrets, type LocalSecrets } from '../../local/app-environment';
import { testAppEnvironment } from '../../testing/test-environment';

import { ports } from './urls';

/**
 * The app's settings for this run (testing/test-environment.ts). Playwright loads its config in
 * the runner and again in every worker: the runner's draw of secrets is handed down through the
 * environment, so that the journeys (which forge cookies and read the masked key) agree with the
 * servers it started.
 */
const inherited = process.env.E2E_LOCAL_SECRETS;
export const secrets: LocalSecrets = inherited ? (JSON.parse(inherited) as LocalSecrets) : randomLocalSecrets();
process.env.E2E_LOCAL_SECRETS = JSON.stringify(secrets);

/** The production build receives SES delivery events from the local stand-in, as npm run dev wires it. */
export const appEnv = { ...testAppEnvironment(ports, { secrets }), ...localSesEventsEnvironment(ports) };
