import type { ConfigProblem } from '@/lib/config';

/**
 * The one shape of an expected failure, whoever answers it (sign-in, SES, test-send, config):
 * what went wrong for a person to act on, and the HTTP status it answers with. `ok: false` lets
 * a step return it in place of its success, so a caller chains the steps and stops at the first.
 * Bugs are not failures: they are thrown, logged and answered as a 500 by whoever catches them.
 */

/** One bad field of a configuration, e.g. of an invalid AWS_SES_CONFIG. */
export type FieldProblem = { field: string; message: string };

export type Failure<Code extends string = string> = {
  ok: false;
  /** 4xx for the caller to fix, 502/503/504 for a service we depend on. */
  status: number;
  /** Stable and machine-readable: answers, pages and logs name the failure by it. */
  code: Code;
  message: string;
  hint?: string;
  /** The input field at fault, for a 400. */
  field?: string;
  fields?: FieldProblem[];
  /** The error name AWS gave, when it gave one. */
  awsErrorName?: string;
  /** Also sent as Retry-After: a rate limit or SES throttling. */
  retryAfterSeconds?: number;
  /** The heading of the page that shows the failure. */
  title?: string;
  /**
   * The values a translated message fills in (`Failures.<code>` in messages/*.json): `message`
   * stays English for logs, the JSON API and the CLIs; pages show the catalogue's text
   * (lib/i18n/failure-text.ts).
   */
  params?: Record<string, string | number>;
};

export type FailureDetails = Omit<Failure, 'ok' | 'status' | 'code' | 'message'>;

export function failure<Code extends string>(status: number, code: Code, message: string, details: FailureDetails = {}): Failure<Code> {
  const defined = Object.entries(details).filter(([, value]) => value !== undefined);
  return { ok: false, status, code, message, ...Object.fromEntries(defined) };
}

/** The app's own settings are broken: name the variables, never their values (they may be secrets). */
export function appNotConfigured(problems: ConfigProblem[]): Failure {
  const variables = [...new Set(problems.map((problem) => problem.variable))];
  return failure(
    503,
    'app_not_configured',
    `The app is not configured: ${variables.join(', ')} ${variables.length === 1 ? 'is' : 'are'} missing or invalid (details in the server log).`,
  );
}
