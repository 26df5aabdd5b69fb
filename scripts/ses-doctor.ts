/**
 * `npm run ses:doctor [-- --json]`
 *
 * Asks Amazon SES (or the local stand-in) whether a code sent now can arrive: the account,
 * the sender identity and the configuration set, as on the connector page (lib/ses/readiness.ts).
 * Exit status: 0 ready, 1 not ready (or not configured), 2 bad arguments.
 */

import { loadEnvConfig } from '@next/env';

import { formatConfigProblems, parseSesEnvironment } from '@/lib/config/app-config';
import { getSesReadiness, type CheckVerdict, type Readiness } from '@/lib/ses/readiness';

import { readArguments, sesEnvironmentOrLocal } from './cli';

const usage = `Usage: npm run ses:doctor [-- --json]

Checks the AWS SES connector configured in AWS_SES_CONFIG against SES itself: production
access or sandbox, sending enabled, enforcement status, quota and send rate; the sender
identity, DKIM, custom MAIL FROM and identity ARNs; the configuration set and its event
destination. Each check passes, fails with the fix, or is "not checked" with the IAM
permission the key lacks.

  --json     print the checks as JSON
  --help     show this text

Exit status: 0 ready, 1 not ready, 2 bad arguments. With neither AWS_SES_CONFIG nor
LOGTO_ENDPOINT set, it asks the local SES stand-in, as \`npm run dev\` configures it.`;

const mark: Record<CheckVerdict, string> = { pass: 'pass', warn: 'note', fail: 'FAIL', 'not-checked': 'not checked' };

export function formatReadiness(readiness: Readiness): string {
  const lines = [`SES readiness in ${readiness.region}: ${readiness.ready ? 'ready' : 'NOT READY'}`];
  for (const check of readiness.checks) {
    lines.push(`  [${mark[check.verdict]}] ${check.title}: ${check.detail}`);
    if (check.fix) lines.push(`      fix: ${check.fix}`);
  }
  return lines.join('\n');
}

export async function runDoctor(argv: string[], env: Record<string, string | undefined>, out: { log: (line: string) => void; error: (line: string) => void } = console): Promise<number> {
  const parsed = readArguments({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false }, usage, out);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const { env: sesEnv, localEndpoint } = sesEnvironmentOrLocal(env);
  const settings = parseSesEnvironment(sesEnv);
  if (!settings.ok) {
    out.error(formatConfigProblems(settings.problems));
    return 1;
  }
  if (settings.ses.state !== 'configured') {
    out.error(settings.ses.state === 'missing' ? 'AWS_SES_CONFIG is not set: nothing to check.' : `AWS_SES_CONFIG is invalid:\n${settings.ses.issues.map((issue) => `  - ${issue.field}: ${issue.message}`).join('\n')}`);
    return 1;
  }
  if (localEndpoint && !values.json) out.log(`No AWS_SES_CONFIG or LOGTO_ENDPOINT set: asking the local SES stand-in at ${localEndpoint}.`);
  const readiness = await getSesReadiness(settings.ses.settings, { eventTopicArns: settings.eventTopicArns, fresh: true });
  out.log(values.json ? JSON.stringify(readiness, null, 2) : formatReadiness(readiness));
  return readiness.ready ? 0 : 1;
}

// Run only as the CLI, not when a test imports it.
if (process.argv[1]?.endsWith('ses-doctor.ts')) {
  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');
  runDoctor(process.argv.slice(2), process.env).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      // Every SES failure is a "not checked" verdict, so this is a bug; its message may quote a setting.
      console.error(`Unexpected ${error instanceof Error ? error.name : typeof error}`);
      process.exitCode = 1;
    },
  );
}
