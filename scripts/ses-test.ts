/**
 * `npm run ses:test -- --to you@example.com [--type SignIn] [--locale en] [--templates repository]`
 *
 * Sends the connector page's test email from a terminal: same settings (`.env*` files loaded as
 * Next loads them), same validation, same send and error answers (lib/test-send). No session
 * and no rate limit: whoever runs this already holds the configuration.
 * Exit status: 0 sent, 1 not sent, 2 bad arguments.
 */

import { loadEnvConfig } from '@next/env';

import { formatConfigProblems, parseAppConfig, parseSesEnvironment } from '@/lib/config/app-config';
import type { Failure } from '@/lib/failure/failure';
import { templateCandidates } from '@/lib/test-send/template-source';
import { deliverTestEmail, parseTestSendRequest, usableSes, type TestSendRequest } from '@/lib/test-send/test-send-service';
import { describeUsedTemplate } from '@/lib/test-send/used-template';

import { exitWith, readArguments, sesEnvironmentOrLocal } from './cli';

const usage = `Usage: npm run ses:test -- --to <address> [--type <usage type>] [--locale <tag>] [--templates repository]

Sends a test email through the AWS SES connector configured in AWS_SES_CONFIG, with the
code 000000, and prints the SES message id, the template used, or why it was not sent.
The template is the one Logto would mail: the tenant's email templates (read with the
Management API settings, LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET), then AWS_SES_CONFIG's.

  --to         the recipient, one address
  --type       the template's usage type (default Generic), e.g. SignIn, Register
  --locale     the language, looked up as Logto's connector test does (exact tag), e.g. zh-CN
  --templates  tenant (default) or repository: email-templates/, a preview before sync
  --help       show this text

With neither AWS_SES_CONFIG nor LOGTO_ENDPOINT set, it uses the local stand-ins' settings,
as \`npm run dev\` does, and sends to the local inbox.`;

const flagOf: Record<string, string> = { to: '--to', usageType: '--type', locale: '--locale', templates: '--templates' };

async function main(): Promise<number> {
  const parsed = readArguments({ options: { to: { type: 'string' }, type: { type: 'string' }, locale: { type: 'string' }, templates: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }, usage);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.to === undefined) {
    console.error(`--to is required.\n\n${usage}`);
    return 2;
  }
  const request = parseTestSendRequest({ to: values.to, usageType: values.type, locale: values.locale, templates: values.templates });
  if (!request.ok) {
    const { field, message } = request;
    console.error(`Invalid ${flagOf[field ?? ''] ?? 'arguments'}: ${message}`);
    return 2;
  }
  return send(request.value);
}

async function send(request: TestSendRequest): Promise<number> {
  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');
  const { env, localEndpoint } = sesEnvironmentOrLocal(process.env);

  const settings = parseSesEnvironment(env);
  if (!settings.ok) {
    console.error(formatConfigProblems(settings.problems));
    return 1;
  }
  if (localEndpoint) {
    console.log(`No AWS_SES_CONFIG or LOGTO_ENDPOINT set: sending to the local inbox at ${localEndpoint}, as \`npm run dev\` does.`);
  }

  const ses = usableSes(settings.ses);
  // The tenant is read only with the whole app configuration (its endpoint and M2M app).
  const app = parseAppConfig(env);
  const candidates = await templateCandidates(app.ok ? app.config : { logto: { endpoint: '', timeoutMs: 0 } }, request);
  const result = !ses.ok ? ses : !candidates.ok ? candidates : await deliverTestEmail(ses.settings, request, candidates.candidates);
  if (result.ok) {
    console.log(`Sent ${result.usageType} test to ${result.to}: message id ${result.messageId}, subject "${result.subject}"`);
    console.log(`Template: ${describeUsedTemplate(result.template)}`);
    if (result.note) console.log(result.note);
    if (localEndpoint) console.log(`Read it at ${localEndpoint}/`);
    return 0;
  }
  printFailure(result);
  if (localEndpoint && result.code === 'ses_unreachable') {
    console.error(`The local inbox is not running: start it with \`npm run dev\` (or \`npm run local:inbox\`) in another terminal, then try again.`);
  }
  return 1;
}

function printFailure(error: Failure): void {
  console.error(`Failed (${error.code}): ${error.message}`);
  for (const { field, message } of error.fields ?? []) console.error(`  - ${field}: ${message}`);
  if (error.awsErrorName) console.error(`  AWS error: ${error.awsErrorName}`);
  if (error.hint) console.error(`  Hint: ${error.hint}`);
  if (error.retryAfterSeconds !== undefined) console.error(`  Retry after ${error.retryAfterSeconds} seconds.`);
}

exitWith(main);
