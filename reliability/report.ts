import type { AuditResult } from './audit';
import type { BadInputResult } from './bad-input';
import type { Check } from './checks';
import { percentile, type ConcurrentResult } from './concurrent-sign-ins';
import { timeouts } from '../testing/app-server';
import type { ConfigErrorRow } from './config-error';
import { marginMs, type FaultRow } from './fault-matrix';
import type { ShapeRow } from './deployment-shapes';
import type { HttpsRow } from './https-deployment';

/** The suite's figures as markdown: printed at the end of a run, kept under test-results/figures/ for docs/RELIABILITY.md. */

export type SuiteResult = {
  finishedAt: Date;
  durationMs: number;
  machine: string;
  badInput: BadInputResult;
  serverLogLinesWithSecret: number;
  returnToFlows: { tried: number; problems: string[] };
  concurrent: ConcurrentResult;
  faults: FaultRow[];
  configError: { rows: ConfigErrorRow[]; logLinesWithSecret: number };
  https: HttpsRow[];
  shapes: ShapeRow[];
  audit: AuditResult;
  checks: Check[];
};

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
const ms = (value: number) => `${Math.round(value)} ms`;
const mark = (problem?: string) => (problem ? `✗ ${problem}` : '✓');

export function renderFigures(result: SuiteResult): string {
  const { badInput, concurrent, audit } = result;
  const auditText = audit.available ? String(audit.high + audit.critical) : `not known: no audit report (${audit.reason})`;
  const summary = table(
    ['figure', 'value', 'must be'],
    [
      ['bad-input requests tried (every route, action and method)', String(badInput.tried), ''],
      ['… answered 5xx', String(badInput.serverErrors.length), '0'],
      ['… with a secret in the answer', String(badInput.withSecret.length), '0'],
      ['server log lines with a secret (whole run)', String(result.serverLogLinesWithSecret), '0'],
      ['… not answered within 10 s', String(badInput.unanswered.length), '0'],
      ['… redirecting off the app and the IdP', String(badInput.offsiteRedirects.length), '0'],
      ['… HTML and JSON answers without the security headers', String(badInput.missingHeaders.length), '0'],
      ['… answers other than the case expects (signed out, 401, 403, 413…)', String(badInput.wrongAnswers.length), '0'],
      ['hostile return addresses taken through a whole sign-in', String(result.returnToFlows.tried), ''],
      ['… landing anywhere but on the app', String(result.returnToFlows.problems.length), '0'],
      ['concurrent sign-ins (new users, real protocol, no browser)', String(concurrent.users), '≥ 50'],
      ['… failed', String(concurrent.failures.length), '0'],
      ['… cross-session leaks', String(concurrent.leaks.length), '0'],
      ['… sign-in time p50 / p95 / max', `${ms(percentile(concurrent.durationsMs, 0.5))} / ${ms(percentile(concurrent.durationsMs, 0.95))} / ${ms(Math.max(0, ...concurrent.durationsMs))}`, ''],
      ['`npm audit --omit=dev`: high + critical', auditText, '0'],
    ],
  );
  const groups = table(
    ['group', 'tried', 'answers'],
    [...badInput.groups].map(([group, { tried, statuses }]) => [
      group,
      String(tried),
      [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(' '),
    ]),
  );
  const faults = table(
    ['service', 'fault', 'request', 'answer', 'took', 'as expected'],
    result.faults.map((row) => [row.service, row.fault, row.step, row.answer, ms(row.durationMs), mark(row.problem)]),
  );
  const configError = table(['request', 'answer', 'as expected'], result.configError.rows.map((row) => [row.request, row.answer, mark(row.problem)]));
  const problems = [
    ...badInput.serverErrors,
    ...badInput.withSecret,
    ...badInput.unanswered,
    ...badInput.offsiteRedirects,
    ...badInput.missingHeaders,
    ...badInput.wrongAnswers,
  ].map((problem) => `- ${problem.group} / ${problem.name}: ${problem.problem}`);
  const failed = result.checks.filter((check) => !check.ok);
  const skipped = result.checks.filter((check) => check.skipped);
  return [
    `Run ${result.finishedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${result.machine}; the suite took ${Math.round(result.durationMs / 1000)} s.`,
    '',
    summary,
    '',
    '### Bad input by group',
    '',
    groups,
    '',
    '### Fault matrix',
    '',
    `Sign-in waits \`LOGTO_TIMEOUT_MS\` (${timeouts.logtoMs} ms here) for Logto and a send \`AWS_SES_TIMEOUT_MS\` (${timeouts.sesMs} ms) for SES; "as expected" allows ${marginMs} ms more for the rest of the request.`,
    '',
    faults,
    '',
    '### Misconfigured deployment',
    '',
    `Started with an invalid \`LOGTO_APP_SECRET\` and a short \`LOGTO_COOKIE_SECRET\`; server log lines quoting either: ${result.configError.logLinesWithSecret}.`,
    '',
    configError,
    '',
    '### Served with an https base URL',
    '',
    table(['request', 'answer', 'as expected'], result.https.map((row) => [row.request, row.answer, mark(row.problem)])),
    '',
    '### Deployment shapes',
    '',
    'Each shape started for real and taken through the whole loop over HTTP (reliability/deployment-shapes.ts).',
    '',
    table(['shape', 'check', 'answer', 'as expected'], result.shapes.map((row) => [row.shape, row.check, row.answer, mark(row.problem)])),
    '',
    `### Checks: ${result.checks.length - failed.length - skipped.length} passed, ${failed.length} failed, ${skipped.length} not made here`,
    '',
    ...(failed.length > 0 ? failed.map((check) => `- ✗ ${check.name}${check.detail ? `: ${check.detail}` : ''}`) : ['No check failed.']),
    ...skipped.map((check) => `- not made: ${check.name}: ${check.detail}`),
    ...(problems.length > 0 ? ['', 'Bad-input cases with a problem:', '', ...problems.slice(0, 50)] : []),
  ].join('\n');
}
