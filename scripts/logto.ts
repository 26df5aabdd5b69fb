/**
 * `npm run logto -- doctor [--fix]`, `sync [--dry-run] [--test-to EMAIL] [--replace]`, `pull [--include-secrets]`
 *
 * The Logto side of the setup with the app's settings (`.env*` files loaded as Next loads them;
 * with no LOGTO_ENDPOINT, the local stand-ins' settings, as `npm run dev` runs them): the doctor
 * (lib/logto-management/doctor.ts), sync and pull (lib/logto-management/sync.ts).
 * Exit status: 0 nothing failed, 1 something failed, 2 bad arguments.
 */

import { loadEnvConfig } from '@next/env';

import { parseAppConfig, type AppConfig } from '@/lib/config/app-config';
import type { Check } from '@/lib/logto-management/checks';
import { describeAccountCenterChange, describeUriChange } from '@/lib/logto-management/checks';
import { fixAccountCenter, fixRedirectUris, runDoctor, type DoctorReport } from '@/lib/logto-management/doctor';
import { pullConnector, runSync } from '@/lib/logto-management/sync';
import { parseTestSendRequest } from '@/lib/test-send/test-send-service';

import { readPort } from '../local/cli';
import { localDefaults } from '../local/defaults';
import { planDev } from '../local/dev-plan';

import { exitWith, readArguments } from './cli';

const usage = `Usage: npm run logto -- doctor [--fix]
       npm run logto -- sync [--dry-run] [--test-to EMAIL] [--replace]
       npm run logto -- pull [--include-secrets]

doctor:
Checks the Logto side of this app's setup and says, for each check, pass, fail with the fix,
or not checked and why:
  the settings parse; Logto's discovery answers with the expected issuer; Logto accepts the
  app's ID and secret; and, with an M2M app (LOGTO_M2M_APP_ID, LOGTO_M2M_APP_SECRET): the
  application is a Traditional web app with this app's redirect and post sign-out URIs, the
  sign-in experience uses email verification codes, and the tenant's AWS SES connector equals
  AWS_SES_CONFIG.

  --fix    register the missing redirect URIs and, with LOGTO_ACCOUNT_FEATURES=on, turn on what
           /account needs in the account center (each change shown first) through the Management API

sync: shows the difference (secrets masked), then makes the tenant's AWS SES connector equal
AWS_SES_CONFIG (the whole config: Logto replaces it) and its email templates equal
email-templates/<language>/<UsageType>.json (templates the folder no longer has are removed).
  --dry-run        show the difference, change nothing
  --test-to EMAIL  then run Logto's own connector test: Logto mails EMAIL the Generic template
  --replace        replace another kind of email connector (Logto keeps only one)

pull: prints the tenant's AWS SES connector config as AWS_SES_CONFIG JSON.
  --include-secrets  include accessKeyId and accessKeySecret (otherwise a placeholder)

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

const commands = ['doctor', 'sync', 'pull'];
type Command = 'doctor' | 'sync' | 'pull';
const optionsOf: Record<Command, string[]> = { doctor: ['fix'], sync: ['dry-run', 'test-to', 'replace'], pull: ['include-secrets'] };

async function sync(config: AppConfig, options: { dryRun?: boolean; replace?: boolean; testTo?: string }): Promise<number> {
  const result = await runSync(config, options);
  if (result.plan) {
    console.log(result.plan.changes.length === 0 ? 'No difference between the tenant and the repository.' : 'Difference (the tenant -> the repository):');
    for (const change of result.plan.changes) console.log(`  ${change}`);
  }
  for (const line of result.done) console.log(`  done: ${line}`);
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  if (!result.applied && result.plan.changes.length > 0) console.log(result.message);
  else if (result.done.length > 0) console.log('Applied.');
  return 0;
}

async function pull(config: AppConfig, includeSecrets: boolean): Promise<number> {
  const result = await pullConnector(config, { includeSecrets });
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  // Only the JSON on stdout, so `npm run --silent logto -- pull > file` gives a usable value.
  console.log(JSON.stringify(result.config));
  if (!includeSecrets) console.error('The secrets are replaced by a placeholder: add --include-secrets for the real values.');
  return 0;
}

async function main(): Promise<number> {
  const parsed = readArguments(
    {
      allowPositionals: true,
      options: {
        fix: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'test-to': { type: 'string' },
        replace: { type: 'boolean' },
        'include-secrets': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    usage,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [command] = positionals;
  if (positionals.length !== 1 || !commands.includes(command ?? '')) {
    console.error(`${positionals.length === 0 ? 'Name a command.' : `Unknown command: ${positionals.join(' ')}.`} The commands are ${commands.join(', ')}.\n\n${usage}`);
    return 2;
  }
  const allowed = optionsOf[command as Command];
  const misplaced = (['fix', 'dry-run', 'test-to', 'replace', 'include-secrets'] as const).filter((name) => values[name] !== undefined && !allowed.includes(name));
  if (misplaced.length > 0) {
    console.error(`--${misplaced[0]} does not go with ${command}.\n\n${usage}`);
    return 2;
  }
  if (values['test-to'] !== undefined) {
    const to = parseTestSendRequest({ to: values['test-to'] });
    if (!to.ok) {
      console.error(`--test-to: ${to.message}`);
      return 2;
    }
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
  // pull's stdout is the JSON alone.
  (command === 'pull' ? console.error : console.log)(
    usesLocalIdp
      ? `No LOGTO_ENDPOINT set: checking the local stand-in at ${env.LOGTO_ENDPOINT}, as \`npm run dev\` runs it.`
      : `Checking Logto at ${env.LOGTO_ENDPOINT} for app ${env.LOGTO_APP_ID ?? '(no LOGTO_APP_ID)'}.`,
  );

  if (command === 'sync' || command === 'pull') {
    if (!config.ok) {
      for (const problem of config.problems) console.error(`  ${problem.message}`);
      console.error('Fix the settings first (`npm run logto -- doctor` checks them).');
      return 1;
    }
    return command === 'sync'
      ? sync(config.config, { dryRun: values['dry-run'], replace: values.replace, testTo: values['test-to'] })
      : pull(config.config, values['include-secrets'] === true);
  }

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
    }
    const center = report.accountCenterFix;
    if (center) {
      console.log(`\nFixing the account center: ${describeAccountCenterChange(center.before, center.change)}.`);
      console.log(`  PATCH /api/account-center ${JSON.stringify(center.change)}`);
      const fixed = await fixAccountCenter(config.config);
      console.log(fixed.ok ? fixed.message : `Not fixed: ${fixed.message}`);
    }
    if (report.uriFix || center) {
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
