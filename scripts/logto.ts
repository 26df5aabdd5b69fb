/**
 * `npm run logto -- doctor [--fix]`
 *
 * Checks the Logto side of the setup (lib/logto-management/doctor.ts) with the app's settings
 * (`.env*` files loaded as Next loads them; with no LOGTO_ENDPOINT, the local stand-ins'
 * settings, as `npm run dev` runs them). `--fix` registers missing redirect URIs after showing
 * the change. Exit status: 0 nothing failed, 1 something failed, 2 bad arguments.
 */

import { loadEnvConfig } from '@next/env';

import { parseAppConfig } from '@/lib/config/app-config';
import type { Check } from '@/lib/logto-management/checks';
import { describeUriChange } from '@/lib/logto-management/checks';
import { fixRedirectUris, runDoctor, type DoctorReport } from '@/lib/logto-management/doctor';

import { readPort } from '../local/cli';
import { localDefaults } from '../local/defaults';
import { planDev } from '../local/dev-plan';

import { exitWith, readArguments } from './cli';

const usage = `Usage: npm run logto -- doctor [--fix]

Checks the Logto side of this app's setup and says, for each check, pass, fail with the fix,
or not checked and why:
  the settings parse; Logto's discovery answers with the expected issuer; Logto accepts the
  app's ID and secret; and, with an M2M app (LOGTO_M2M_APP_ID, LOGTO_M2M_APP_SECRET): the
  application is a Traditional web app with this app's redirect and post sign-out URIs, the
  sign-in experience uses email verification codes, and the tenant's AWS SES connector equals
  AWS_SES_CONFIG.

  --fix    register the missing redirect URIs (shown first) through the Management API
  --help   show this text

With no LOGTO_ENDPOINT set, it checks the local stand-in with the settings \`npm run dev\` uses.
Exit status: 0 when nothing failed, 1 when a check failed, 2 for bad arguments.`;

const marks: Record<Check['status'], string> = { pass: 'PASS', fail: 'FAIL', 'not-checked': 'SKIP' };

function print(report: DoctorReport): void {
  for (const check of report.checks) {
    console.log(`  ${marks[check.status]}  ${check.title}: ${check.detail}`);
    if (check.fix) console.log(`        ${check.status === 'fail' ? 'Fix' : 'To check it'}: ${check.fix}`);
  }
  const count = (status: Check['status']) => report.checks.filter((check) => check.status === status).length;
  console.log(`${count('pass')} passed, ${count('fail')} failed, ${count('not-checked')} not checked`);
}

async function main(): Promise<number> {
  const parsed = readArguments({ allowPositionals: true, options: { fix: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }, usage);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'doctor') {
    console.error(`${positionals.length === 0 ? 'Name a command.' : `Unknown command: ${positionals.join(' ')}.`} The only command is "doctor".\n\n${usage}`);
    return 2;
  }

  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');
  const usesLocalIdp = !process.env.LOGTO_ENDPOINT?.trim();
  const { dev } = localDefaults;
  const ports = {
    appPort: readPort(process.env, 'LOCAL_APP_PORT', dev.appPort),
    idpPort: readPort(process.env, 'LOCAL_IDP_PORT', dev.idpPort),
    inboxPort: readPort(process.env, 'LOCAL_INBOX_PORT', dev.inboxPort),
  };
  // The app's environment exactly as `npm run dev` would give it to `next dev`.
  const env = { ...process.env, ...planDev(process.env, ports).app.env };
  const config = parseAppConfig(env);
  console.log(
    usesLocalIdp
      ? `No LOGTO_ENDPOINT set: checking the local stand-in at ${env.LOGTO_ENDPOINT}, as \`npm run dev\` runs it.`
      : `Checking Logto at ${env.LOGTO_ENDPOINT} for app ${env.LOGTO_APP_ID ?? '(no LOGTO_APP_ID)'}.`,
  );

  // A terminal is the operator's: the detailed message, which never quotes a secret.
  let report = await runDoctor(config, { describeProblem: (problem) => problem.message });
  print(report);
  if (values.fix && config.ok) {
    if (!report.uriFix) {
      const uris = report.checks.find((check) => check.id === 'redirect-uris');
      console.log(uris?.status === 'pass' ? 'Nothing to fix: the redirect URIs are registered.' : 'Nothing fixed: the redirect-URI check could not run (see above), and --fix only registers redirect URIs.');
    } else {
      console.log(`\nFixing: ${describeUriChange(report.uriFix)} (the registered URIs are kept).`);
      const fixed = await fixRedirectUris(config.config);
      console.log(fixed.ok ? fixed.message : `Not fixed: ${fixed.message}`);
      console.log('\nChecking again:');
      report = await runDoctor(config, { describeProblem: (problem) => problem.message });
      print(report);
    }
  }
  if (usesLocalIdp && report.checks.some((check) => check.id === 'discovery' && check.status === 'fail')) {
    console.error('The local stand-in is not running: start it with `npm run dev` in another terminal, then try again.');
  }
  return report.ok ? 0 : 1;
}

exitWith(main);
