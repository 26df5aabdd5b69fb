import { randomLocalSecrets } from '../local/app-environment';
import type { LocalPorts } from '../local/defaults';
import { startInbox } from '../local/inbox/server';
import { startApp, type RunningApp } from '../testing/app-server';
import { startIdpForApp } from '../testing/local-stack';
import type { Stopper } from '../testing/stopper';
import type { Baseline } from './baseline';
import { testAppEnvironment, type TestAppEnvironment } from '../testing/test-environment';

/**
 * What `npm run bench` measures against: the product's production build (from `.next-bench`) and
 * the floor app under `next start`, both pinned to the server core when pinning is possible,
 * and the local IdP and SES inbox inside the bench process; with `--baseline`, that revision's
 * build too, with the same secrets, so that one session cookie signs in to both. Its own ports,
 * so that it can run next to `npm run dev`, the end-to-end tests and the reliability suite.
 */

export const benchPorts = { app: 3400, idp: 3401, floor: 3402, baseline: 3403, inbox: 8405 } as const;

export const localPorts: LocalPorts = { appPort: benchPorts.app, idpPort: benchPorts.idp, inboxPort: benchPorts.inbox };

/** The product is built here, never in `.next`, which the test suite uses. */
export const productDistDir = '.next-bench';

/** The floor app, relative to the repository root (npm runs scripts from there). */
export const floorDir = 'bench/floor';

/** Drawn once per bench run: next start refuses the published local secrets. */
const benchSecrets = randomLocalSecrets();

/** The app's settings for the local stand-ins on the bench ports; used to build and to start it. */
export const benchAppEnvironment = (): TestAppEnvironment => testAppEnvironment(localPorts, { secrets: benchSecrets });

/** The same settings for a server on another port: one session cookie signs in to each. */
export const benchAppEnvironmentOn = (appPort: number): TestAppEnvironment => testAppEnvironment({ ...localPorts, appPort }, { secrets: benchSecrets });

export const baselineAppEnvironment = (): TestAppEnvironment => benchAppEnvironmentOn(benchPorts.baseline);

export type BenchStack = {
  appUrl: string;
  idpUrl: string;
  inboxUrl: string;
  floorUrl: string;
  appEnv: TestAppEnvironment;
  app: RunningApp;
  floor: RunningApp;
  baseline?: { commit: string; url: string; app: RunningApp };
};

/** Starts everything, registering each part with `stopper` as soon as it runs. */
export async function startBenchStack(stopper: Stopper, serverCpus: string | undefined, baseline?: Baseline): Promise<BenchStack> {
  const inbox = await startInbox({ port: benchPorts.inbox });
  stopper.add(inbox.close);
  const appEnv = benchAppEnvironment();
  const idp = await startIdpForApp(appEnv, { port: benchPorts.idp, inboxUrl: inbox.url, label: 'bench' }, stopper);

  // startApp adds the high test-send rate limits and the fixed timeouts the reliability suite uses.
  const app = await startApp({ ...appEnv, NEXT_DIST_DIR: productDistDir }, benchPorts.app, { cpuList: serverCpus });
  stopper.add(app.stop);
  const floor = await startApp({}, benchPorts.floor, { projectDir: floorDir, cpuList: serverCpus });
  stopper.add(floor.stop);
  let baselineApp: BenchStack['baseline'];
  if (baseline) {
    const env = baselineAppEnvironment();
    const started = await startApp({ ...env, NEXT_DIST_DIR: productDistDir }, benchPorts.baseline, { projectDir: baseline.dir, cpuList: serverCpus });
    stopper.add(started.stop);
    baselineApp = { commit: baseline.commit, url: env.LOGTO_BASE_URL, app: started };
  }

  const floorUrl = `http://localhost:${benchPorts.floor}`;
  return { appUrl: appEnv.LOGTO_BASE_URL, idpUrl: idp.url, inboxUrl: inbox.url, floorUrl, appEnv, app, floor, baseline: baselineApp };
}
