import type { ConfigProblem } from '@/lib/config';
import type { UsageType } from '@/lib/ses';

/**
 * The shapes every step of a test send answers with. Each check (origin, session,
 * authorization, input, rate limit, SES) returns the same failure type, so the route, the
 * server action and the CLI can chain the steps and turn the first failure into their answer.
 */

export type TestSendError = {
  code: string;
  message: string;
  /** The input field at fault, for a 400. */
  field?: string;
  hint?: string;
  /** Every bad connector field, for an invalid AWS_SES_CONFIG. */
  fields?: { field: string; message: string }[];
  awsErrorName?: string;
};

export type TestSendFailure = {
  ok: false;
  status: number;
  error: TestSendError;
  /** Sent as Retry-After: a rate limit or SES throttling. */
  retryAfterSeconds?: number;
};

export type TestSendSuccess = { ok: true; messageId: string; to: string; usageType: UsageType; subject: string };

export type TestSendResult = TestSendSuccess | TestSendFailure;

export function failure(status: number, error: TestSendError, retryAfterSeconds?: number): TestSendFailure {
  return retryAfterSeconds === undefined ? { ok: false, status, error } : { ok: false, status, error, retryAfterSeconds };
}

/** The app's own settings are broken: name the variables, never their values (they may be secrets). */
export function appNotConfigured(problems: ConfigProblem[]): TestSendFailure {
  const variables = [...new Set(problems.map((problem) => problem.variable))];
  return failure(503, {
    code: 'app_not_configured',
    message: `The app is not configured: ${variables.join(', ')} ${variables.length === 1 ? 'is' : 'are'} missing or invalid (details in the server log).`,
  });
}

/** What the connector page's form shows: the last result, and what was typed so it stays filled in. */
export type TestSendFormState = {
  submitted?: { to: string; usageType: string };
  result?: TestSendResult;
};
