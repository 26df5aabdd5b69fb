import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describeTemplateProblems, loadEmailTemplates } from '../lib/ses/email-templates';
import { localSesConnectorConfig, type LocalAppEnvironment } from '../local/app-environment';
import { startFaultProxy, type RunningFaultProxy } from '../local/fault-proxy/fault-proxy';
import { localAccountCenter } from '../local/idp/account-center';
import { startIdp, type RunningIdp } from '../local/idp/server';
import { startInbox, type RunningInbox } from '../local/inbox/server';
import { localEventsTopicArn } from '../local/inbox/stand-in-state';
import { startApp } from './app-server';
import { reverseOrderStopper, type Stopper } from './stopper';
import { testAppEnvironment, type TestAppEnvironment } from './test-environment';

export type StackPorts = { app: number; idp: number; inbox: number; idpProxy: number; inboxProxy: number };

export type Stack = {
  appUrl: string;
  /** What the app and browsers use for the IdP (its proxy). */
  idpUrl: string;
  /** The inbox itself, for reading codes; the app sends through `sesProxy`. */
  inboxUrl: string;
  idpProxy: RunningFaultProxy;
  sesProxy: RunningFaultProxy;
  appEnv: TestAppEnvironment & { SES_EVENTS_TOPIC_ARNS: string; SES_EVENTS_LOCAL_SIGNER: string };
  /** Signs an SNS message as the stand-in's topic, whose messages the app accepts. */
  signSnsMessage: RunningInbox['signSnsMessage'];
  /** The inbox's requests for certificates: those the app fetched. */
  certificateRequests: RunningInbox['certificateRequests'];
  /** Everything `next start` printed so far, one entry per line. */
  serverLog: string[];
  stop(): Promise<void>;
};

function repositoryTemplates() {
  const loaded = loadEmailTemplates();
  if (!loaded.ok) throw new Error(`The email templates are not valid: ${describeTemplateProblems(loaded.problems)}`);
  return loaded.templates;
}

/**
 * The local IdP for the app started with `appEnv`, mailing its codes to `inboxUrl`, on a fresh
 * account store (so a run never depends on an earlier one) that is deleted when it stops.
 */
export async function startIdpForApp(
  appEnv: LocalAppEnvironment,
  { port, publicUrl, inboxUrl, label }: { port: number; publicUrl?: string; inboxUrl: string; label: string },
  stopper: Stopper,
): Promise<RunningIdp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `logto-ses-next-${label}-`));
  stopper.add(() => rm(dataDir, { recursive: true, force: true }));
  const idp = await startIdp({
    port,
    publicUrl,
    appBaseUrl: appEnv.LOGTO_BASE_URL,
    clientId: appEnv.LOGTO_APP_ID,
    clientSecret: appEnv.LOGTO_APP_SECRET,
    // As `npm run dev`: the app's M2M app, and a tenant that has the repository's templates (as
    // after a sync), which the app's test send reads through the Management API.
    m2m: { clientId: appEnv.LOGTO_M2M_APP_ID, clientSecret: appEnv.LOGTO_M2M_APP_SECRET },
    emailTemplates: repositoryTemplates(),
    sesSettings: { connector: localSesConnectorConfig(), endpoint: inboxUrl, timeoutMs: 5_000 },
    // As under `npm run dev` and the e2e stack: the Account API on for what /account uses.
    accountCenter: localAccountCenter,
    dataDir,
    log: () => {},
  });
  stopper.add(idp.close);
  return idp;
}

/**
 * Everything the reliability suite runs against: the production build under `next start`, the
 * local IdP and inbox, each behind a fault proxy. The IdP's issuer is its proxy's address, so the
 * app's server-side calls (discovery, token, JWKS) and the simulated browser both go through it.
 * The IdP mails its codes to the inbox directly: an SES fault never stops a sign-in.
 */
export async function startStack(ports: StackPorts): Promise<Stack> {
  const stopper = reverseOrderStopper();
  const { stop } = stopper;
  try {
    const inbox: RunningInbox = await startInbox({ port: ports.inbox });
    stopper.add(inbox.close);
    const sesProxy = await startFaultProxy({ target: inbox.url, port: ports.inboxProxy });
    stopper.add(sesProxy.close);
    const idpProxy = await startFaultProxy({ target: `http://127.0.0.1:${ports.idp}`, port: ports.idpProxy });
    stopper.add(idpProxy.close);

    const idpUrl = `http://localhost:${ports.idpProxy}`;
    // The app hears the stand-in's SNS topic, its certificate fetched past the SES fault proxy:
    // the bad-input matrix forges, tampers with and replays its messages.
    const appEnv = {
      ...testAppEnvironment({ appPort: ports.app, idpPort: ports.idpProxy, inboxPort: ports.inboxProxy }),
      SES_EVENTS_TOPIC_ARNS: localEventsTopicArn,
      SES_EVENTS_LOCAL_SIGNER: inbox.signingCertUrl,
    };
    await startIdpForApp(appEnv, { port: ports.idp, publicUrl: idpUrl, inboxUrl: inbox.url, label: 'reliability' }, stopper);

    const app = await startApp(appEnv, ports.app);
    stopper.add(app.stop);

    return { appUrl: appEnv.LOGTO_BASE_URL, idpUrl, inboxUrl: inbox.url, idpProxy, sesProxy, appEnv, signSnsMessage: inbox.signSnsMessage, certificateRequests: inbox.certificateRequests, serverLog: app.log, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

