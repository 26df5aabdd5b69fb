/**
 * `npm run ses:test -- --to you@example.com [--type SignIn] [--locale en]`
 *
 * Sends the connector page's test email from a terminal: same settings (`.env*` files loaded as
 * Next loads them), same validation, same send and error answers (lib/test-send). No session
 * and no rate limit: whoever runs this already holds the configuration.
 * Exit status: 0 sent, 1 not sent, 2 bad arguments.
 */
import { parseArgs } from 'node:util';

import { loadEnvConfig } from '@next/env';

import { formatConfigProblems, parseSesEnvironment } from '@/lib/config/app-config';
import type { Failure } from '@/lib/failure/failure';
import { deliverTestEmail, parseTestSendRequest, usableSes, type TestSendRequest } from '@/lib/test-send/test-send-service';

import { localAppEnvironment } from '../local/app-environment';
import { localDefaults } from '../local/defaults';

import { exitWith } from './exit-status';

const usage = `Usage: npm run ses:test -- --to <address> [--type <usage type>] [--locale <tag>]

Sends a test email through the AWS SES connector configured in AWS_SES_CONFIG, with the
code 000000, and prints the SES message id or why it was not sent.

  --to       the recipient, one address
  --type     the template's usage type (default Generic), e.g. SignIn, Register
  --locale   passed to the template as {{locale}}, e.g. en
  --help     show this text

With neither AWS_SES_CONFIG nor LOGTO_ENDPOINT set, it uses the local stand-ins' settings,
as \`npm run dev\` does, and sends to the local inbox.`;

const flagOf: Record<string, string> = { to: '--to', usageType: '--type', locale: '--locale' };

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { to: { type: 'string' }, type: { type: 'string' }, locale: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.to === undefined) {
    console.error(`--to is required.\n\n${usage}`);
    return 2;
  }
  const request = parseTestSendRequest({ to: values.to, usageType: values.type, locale: values.locale });
  if (!request.ok) {
    const { field, message } = request;
    console.error(`Invalid ${flagOf[field ?? ''] ?? 'arguments'}: ${message}`);
    return 2;
  }
  return send(request.value);
}

async function send(request: TestSendRequest): Promise<number> {
  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');
  const useLocalInbox = !process.env.AWS_SES_CONFIG?.trim() && !process.env.LOGTO_ENDPOINT?.trim();
  const local = localAppEnvironment(localDefaults.dev);
  // As in `npm run dev`, an AWS_SES_ENDPOINT the developer set wins over the local inbox's port.
  const localEndpoint = process.env.AWS_SES_ENDPOINT?.trim() || local.AWS_SES_ENDPOINT;
  const env = useLocalInbox ? { ...process.env, AWS_SES_CONFIG: local.AWS_SES_CONFIG, AWS_SES_ENDPOINT: localEndpoint } : process.env;

  const settings = parseSesEnvironment(env);
  if (!settings.ok) {
    console.error(formatConfigProblems(settings.problems));
    return 1;
  }
  if (useLocalInbox) {
    console.log(`No AWS_SES_CONFIG or LOGTO_ENDPOINT set: sending to the local inbox at ${localEndpoint}, as \`npm run dev\` does.`);
  }

  const ses = usableSes(settings.ses);
  const result = ses.ok ? await deliverTestEmail(ses.settings, request) : ses;
  if (result.ok) {
    console.log(`Sent ${result.usageType} test to ${result.to}: message id ${result.messageId}, subject "${result.subject}"`);
    if (useLocalInbox) console.log(`Read it at ${localEndpoint}/`);
    return 0;
  }
  printFailure(result);
  if (useLocalInbox && result.code === 'ses_unreachable') {
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
