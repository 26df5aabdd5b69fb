/**
 * `npm run test:reliability`: the production build against the local stand-ins behind fault
 * proxies. Bad input on every route, concurrent sign-ins, injected Logto and SES faults, a
 * misconfigured start and `npm audit`; prints the figures, keeps them under test-results/figures/
 * (`npm run docs:figures` puts them into docs/RELIABILITY.md), and ends with "N passed, M failed" (exit code 1 when anything failed).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';

import { readAccountActionIds, readActionIds } from './app-actions';
import { auditProductionDependencies } from './audit';
import { badInputCases, hostileReturnTos, snsNotification, type SnsEnvelope } from './bad-input-cases';
import { runBadInput } from './bad-input';
import { Checks } from './checks';
import { runConcurrentSignIns } from './concurrent-sign-ins';
import { checkConfigErrorPages } from './config-error';
import { checkDeploymentShapes, type ShapeRow } from './deployment-shapes';
import { idpFaultsAtCallback, idpFaultsAtSignInStart, sesFaultMatrix } from './fault-matrix';
import { ensureProductionBuild, ensureStandaloneBuild } from '../testing/app-server';
import { figureReports, writeLatestFigures } from '../testing/figures';
import { forgedSessionCookies } from '../testing/forged-session-cookies';
import { InboxCodes } from '../testing/inbox';
import { startStack, type Stack } from '../testing/local-stack';
import { pendingSignIn, sessionCookieName, signUp } from '../testing/sign-in-over-http';
import { uniqueEmail } from '../testing/unique-email';
import { checkHttpsDeployment } from './https-deployment';
import { suitePorts } from './ports';
import { renderFigures, type SuiteResult } from './report';
import { secretsIn, secretsOf } from './secrets';

const concurrentUsers = 50;
/** The whole run; it normally takes well under a minute. */
const suiteTimeoutMs = 330_000;
/** The app's output, for reading after a failed run (it was searched: no secrets in it). */
const serverLogPath = 'test-results/reliability-server.log';

async function nextVersion(): Promise<string> {
  return (JSON.parse(await readFile('node_modules/next/package.json', 'utf8')) as { version: string }).version;
}

async function machine(): Promise<string> {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.versions.node}, Next.js ${await nextVersion()}`;
}

/** Hostile return addresses through a whole sign-in: the callback must land on the app. */
async function returnToFlows(stack: Stack, codes: InboxCodes) {
  const outcomes = await Promise.allSettled(hostileReturnTos.map((returnTo) => signUp(stack, codes, uniqueEmail('return-to'), returnTo)));
  const problems = outcomes.flatMap((outcome, index) => {
    const label = JSON.stringify(hostileReturnTos[index]?.slice(0, 40));
    if (outcome.status === 'rejected') return [`${label}: ${String(outcome.reason)}`];
    return outcome.value.landedOn.origin === stack.appUrl ? [] : [`${label} landed on ${outcome.value.landedOn.href}`];
  });
  return { tried: hostileReturnTos.length, problems };
}

async function postSnsMessage(appUrl: string, envelope: SnsEnvelope): Promise<number> {
  const response = await fetch(`${appUrl}/api/ses/events`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=UTF-8' }, body: JSON.stringify(envelope) });
  return response.status;
}

/**
 * How many events the app has recorded of mail that was no test send of the caller's (GET
 * /api/ses/events shows a tester only those counts), or -1 when it does not say.
 */
async function otherMailEvents(appUrl: string, cookie: string): Promise<number> {
  const response = await fetch(`${appUrl}/api/ses/events`, { headers: { cookie } });
  if (response.status !== 200) return -1;
  return ((await response.json()) as { otherMail: { events: number } }).otherMail.events;
}

async function run(stack: Stack, checks: Checks): Promise<Omit<SuiteResult, 'finishedAt' | 'durationMs' | 'machine' | 'configError' | 'https' | 'shapes' | 'audit' | 'checks'>> {
  const codes = new InboxCodes(stack.inboxUrl);
  const secrets = secretsOf(stack.appEnv);

  // First, while the app has never reached Logto: later it keeps Logto's discovery in memory.
  const signInAction = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(await (await fetch(stack.appUrl)).text())?.[1] ?? '';
  console.log('Logto faults at sign-in start…');
  const startFaults = await idpFaultsAtSignInStart(stack, signInAction);

  console.log(`${concurrentUsers} concurrent sign-ins…`);
  const concurrent = await runConcurrentSignIns(stack, codes, concurrentUsers);
  checks.that(`${concurrentUsers} concurrent sign-ins all succeed`, concurrent.failures.length === 0, concurrent.failures.slice(0, 3).join('; '));
  checks.zero('concurrent sign-ins: cross-session leaks', concurrent.leaks.length, concurrent.leaks);
  const sample = concurrent.sample ?? (await signUp(stack, codes, uniqueEmail('sample')));
  const cookieName = sessionCookieName(stack);
  const realCookie = sample.browser.cookie(cookieName) ?? '';

  console.log('Bad-input matrix…');
  const topicArn = stack.appEnv.SES_EVENTS_TOPIC_ARNS;
  const sessionCookie = `${cookieName}=${realCookie}`;
  // One genuine message, recorded before the matrix, which replays it.
  const eventsBefore = await otherMailEvents(stack.appUrl, sessionCookie);
  const recorded = stack.signSnsMessage(snsNotification(topicArn, `reliability-recorded-${Date.now()}`));
  const first = await postSnsMessage(stack.appUrl, recorded);
  checks.that('SES events: a message signed by the stand-in is recorded', first === 200 && eventsBefore >= 0, `answered ${first}`);
  const cases = badInputCases({
    appUrl: stack.appUrl,
    idpUrl: stack.idpUrl,
    sessionCookie: `${cookieName}=${realCookie}`,
    disposableSessionCookie: `${cookieName}=${(await signUp(stack, codes, uniqueEmail('disposable'))).browser.cookie(cookieName) ?? ''}`,
    pendingSignIn: await pendingSignIn(stack),
    sessionCookieName: cookieName,
    forgedCookies: forgedSessionCookies(realCookie, stack.appEnv.LOGTO_COOKIE_SECRET, `${stack.idpUrl}/oidc`, stack.appEnv.LOGTO_APP_ID),
    actions: await readActionIds(stack.appUrl, sample.browser),
    accountActions: readAccountActionIds(),
    sesEvents: { topicArn, sign: stack.signSnsMessage, recorded, signerUrl: stack.appEnv.SES_EVENTS_LOCAL_SIGNER },
  });
  const certificatesBefore = stack.certificateRequests().length;
  const badInput = await runBadInput(cases, { appUrl: stack.appUrl, idpUrl: stack.idpUrl, secrets, timeoutMs: 10_000, concurrency: 6 });
  // Read back through the app's own store: the refused messages left nothing, the replayed one is
  // there once (none of them is a test send, so the app shows them to a tester as counts only).
  const eventsAfter = await otherMailEvents(stack.appUrl, sessionCookie);
  checks.that('SES events: the genuine message is recorded once, replay included', eventsAfter === eventsBefore + 1, `${eventsAfter - eventsBefore} events`);
  const refusedCases = cases.filter((testCase) => testCase.recordsNothingFor !== undefined).length;
  checks.zero(`SES events: events recorded from ${refusedCases} refused SNS messages`, Math.max(0, eventsAfter - eventsBefore - 1));
  // Only the stand-in's certificate itself may be asked for (a forged signature makes the app
  // fetch it again, in case the stand-in restarted): no URL a refused message named.
  const signerPath = new URL(stack.appEnv.SES_EVENTS_LOCAL_SIGNER).pathname;
  const strayCertificates = stack.certificateRequests().slice(certificatesBefore).filter((request) => request !== signerPath);
  checks.zero('SES events: certificates fetched for refused SNS messages', strayCertificates.length, strayCertificates);
  const describe = (list: { name: string; problem: string }[]) => list.map((item) => `${item.name}: ${item.problem}`);
  checks.zero('bad input: answers 5xx', badInput.serverErrors.length, describe(badInput.serverErrors));
  checks.zero('bad input: answers with a secret', badInput.withSecret.length, describe(badInput.withSecret));
  checks.zero('bad input: requests left without an answer', badInput.unanswered.length, describe(badInput.unanswered));
  checks.zero('bad input: redirects off the app and the IdP', badInput.offsiteRedirects.length, describe(badInput.offsiteRedirects));
  checks.zero('bad input: HTML and JSON answers without the security headers', badInput.missingHeaders.length, describe(badInput.missingHeaders));
  checks.zero('bad input: answers other than expected', badInput.wrongAnswers.length, describe(badInput.wrongAnswers));

  console.log('Hostile return addresses through whole sign-ins…');
  const returnTo = await returnToFlows(stack, codes);
  checks.zero('sign-in with a hostile return address lands on the app', returnTo.problems.length, returnTo.problems);

  console.log('Logto faults at the callback, SES faults…');
  const faults = [...startFaults, ...(await idpFaultsAtCallback(stack, codes, sample)), ...(await sesFaultMatrix(stack, `${cookieName}=${realCookie}`))];
  for (const row of faults) checks.that(`${row.service} ${row.fault}: ${row.step}`, row.problem === undefined, row.problem);

  const serverLogLinesWithSecret = stack.serverLog.filter((line) => secretsIn(line, secrets).length > 0).length;
  checks.zero('server log lines with a secret', serverLogLinesWithSecret);
  if (serverLogLinesWithSecret === 0) {
    await mkdir(path.dirname(serverLogPath), { recursive: true });
    await writeFile(serverLogPath, `${stack.serverLog.join('\n')}\n`);
  }
  return { badInput, serverLogLinesWithSecret, returnToFlows: returnTo, concurrent, faults };
}

async function main(): Promise<number> {
  const started = performance.now();
  const checks = new Checks();
  const audit = auditProductionDependencies();
  ensureProductionBuild();
  // The standalone shape's own build (npm run build:standalone), made now: a build is not part
  // of what the suite's time limit is for.
  ensureStandaloneBuild();
  startWatchdog();
  const stack = await startStack(suitePorts);
  const stopOnSignal = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  let measured, configError, https, shapes: ShapeRow[];
  try {
    measured = await run(stack, checks);
    console.log('The app misconfigured, then with an https base URL…');
    configError = await checkConfigErrorPages();
    https = await checkHttpsDeployment();
    console.log('Deployment shapes: every bind host, the standalone server, nginx with TLS, two instances…');
    shapes = await checkDeploymentShapes({ inboxUrl: stack.inboxUrl, codes: new InboxCodes(stack.inboxUrl) });
  } finally {
    await stack.stop();
  }
  for (const row of configError.rows) checks.that(`misconfigured app: ${row.request}`, row.problem === undefined, row.problem);
  checks.zero('misconfigured app: log lines quoting a bad secret', configError.logLinesWithSecret);
  for (const row of https) checks.that(`https base URL: ${row.request}`, row.problem === undefined, row.problem);
  for (const row of shapes) checks.that(`${row.shape}: ${row.check}`, row.problem === undefined, row.problem);

  const audited = await audit;
  const auditCheck = 'npm audit --omit=dev: no high or critical advisory';
  if (audited.available) checks.that(auditCheck, audited.high + audited.critical === 0, `${audited.high} high, ${audited.critical} critical`);
  // A registry without the advisories endpoint proves nothing either way: said, not passed.
  else checks.skip(auditCheck, `the registry gave no audit report (${audited.reason})`);

  const figures = renderFigures({
    ...measured,
    finishedAt: new Date(),
    durationMs: performance.now() - started,
    machine: await machine(),
    configError,
    https,
    shapes,
    audit: audited,
    checks: checks.list,
  });
  console.log(`\n${figures}\n`);
  const figuresFile = await writeLatestFigures(figureReports.reliability, figures);
  console.log(`Figures written to ${path.relative(process.cwd(), figuresFile)}; npm run docs:figures puts them into ${figureReports.reliability.doc}.`);
  console.log(checks.summary);
  return checks.failed === 0 ? 0 : 1;
}

let watchdog: NodeJS.Timeout | undefined;

function startWatchdog(): void {
  watchdog = setTimeout(() => {
    console.error(`The reliability suite did not finish within ${suiteTimeoutMs / 1000} s.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }, suiteTimeoutMs);
}

main().then(
  (code) => {
    clearTimeout(watchdog);
    process.exit(code);
  },
  (error: unknown) => {
    clearTimeout(watchdog);
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
