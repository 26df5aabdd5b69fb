/**
 * `npm run dev`: the app with `next dev`, plus a local stand-in for Logto and for Amazon SES
 * unless `.env*` or the shell point those somewhere real. One Ctrl-C stops everything.
 */
import { loadEnvConfig } from '@next/env';

import { LocalSetupError, readPort, refuseInProduction, runCli } from './cli';
import { localDefaults } from './defaults';
import { planDev } from './dev-plan';
import { ProcessGroup } from './process-group';

const readyTimeoutMs = 30_000;

/** Polls a stand-in until it answers, so the app never starts against a port nobody serves yet. */
async function waitUntilReady(name: string, url: string, group: ProcessGroup): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (!group.has(name)) throw new LocalSetupError(`The ${name} stopped while starting; its output above says why.`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new LocalSetupError(`The ${name} did not answer at ${url} within ${readyTimeoutMs / 1000} s.`);
}

// Stand-ins run as `node --import tsx`, one process each, like `npm run local:idp` / `local:inbox`.
const tsxScript = (script: string) => ['--import', 'tsx', script];

runCli(async () => {
  loadEnvConfig(process.cwd(), true);
  // The usual ports, movable when another program holds one of them.
  const { dev } = localDefaults;
  const plan = planDev(process.env, {
    appPort: readPort(process.env, 'LOCAL_APP_PORT', dev.appPort),
    idpPort: readPort(process.env, 'LOCAL_IDP_PORT', dev.idpPort),
    inboxPort: readPort(process.env, 'LOCAL_INBOX_PORT', dev.inboxPort),
  });
  if (plan.idp || plan.inbox) refuseInProduction('npm run dev (with local stand-ins)');

  const group = new ProcessGroup((exitCode) => process.exit(exitCode));
  process.on('SIGINT', () => group.stop());
  process.on('SIGTERM', () => group.stop());

  try {
    if (plan.inbox) {
      group.start('inbox', process.execPath, tsxScript('local/inbox/main.ts'), { ...process.env, ...plan.inbox.env });
    }
    if (plan.idp) {
      group.start('idp', process.execPath, tsxScript('local/idp/main.ts'), { ...process.env, ...plan.idp.env });
    }
    if (plan.inbox) await waitUntilReady('inbox', `${plan.inbox.url}/health-check`, group);
    if (plan.idp) await waitUntilReady('idp', `${plan.idp.url}/oidc/.well-known/openid-configuration`, group);
  } catch (error) {
    group.stop(1);
    throw error;
  }

  group.start('next', 'node_modules/.bin/next', ['dev', '-p', String(plan.app.port), '-H', 'localhost'], { ...process.env, ...plan.app.env });
  console.log(['', 'Local development (Ctrl-C stops everything)', ...plan.banner.map((line) => `  ${line}`), ''].join('\n'));
});
