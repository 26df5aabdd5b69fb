import { awsError, type FaultMode } from '../local/fault-proxy/fault-proxy';
import { timeouts } from '../testing/app-server';
import type { HttpBrowser } from '../testing/http-browser';
import type { InboxCodes } from '../testing/inbox';
import type { Stack } from '../testing/local-stack';
import { throughIdp, type SignedIn } from '../testing/sign-in-over-http';
import { uniqueEmail } from '../testing/unique-email';
import { probe, type ProbeAnswer } from './http-probe';

/**
 * Each fault injected in front of the IdP or the SES inbox, and what a person gets: the status
 * and the page title or error code, how long it took, and whether that is the expected answer.
 */

export type FaultRow = {
  service: 'Logto' | 'SES';
  fault: string;
  step: string;
  answer: string;
  durationMs: number;
  problem?: string;
};

/** A slow fault holds requests this long: well past both timeouts. */
const slowMs = 2 * Math.max(timeouts.logtoMs, timeouts.sesMs);
/** What "answers within the timeout" allows on top of it, for the rest of the request. */
export const marginMs = 1_500;

const idpFaults: { name: string; mode: FaultMode }[] = [
  { name: 'unreachable (not listening)', mode: { kind: 'refuse' } },
  { name: 'connection reset', mode: { kind: 'reset' } },
  {
    name: '500 with an OIDC server_error',
    mode: { kind: 'status', status: 500, body: JSON.stringify({ error: 'server_error', error_description: 'injected fault' }), headers: { 'content-type': 'application/json' } },
  },
  { name: '503 maintenance page', mode: { kind: 'status', status: 503, body: '<html><body>Down for maintenance</body></html>', headers: { 'content-type': 'text/html' } } },
  // Last at sign-in start: the held discovery request completes after the fault, and the app
  // caches discovery from then on.
  { name: `slow (${slowMs} ms, LOGTO_TIMEOUT_MS is ${timeouts.logtoMs})`, mode: { kind: 'slow', delayMs: slowMs } },
];

const title = (html: string) => /<h1[^>]*>([^<]*)</.exec(html)?.[1]?.trim() ?? '';

/** The `error.code` of a JSON answer of the app, if it is one. */
function errorCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

function describe(answer: ProbeAnswer | { status: number; body: string }): string {
  return `${answer.status} ${errorCode(answer.body) ?? title(answer.body)}`.trim();
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; durationMs: number }> {
  const started = performance.now();
  const value = await work();
  return { value, durationMs: performance.now() - started };
}

/** 503 with a page, within the timeout plus the margin. */
function unavailablePage(answer: { status: number; body: string }, durationMs: number, limitMs: number): string | undefined {
  if (answer.status !== 503) return `status ${answer.status}, expected 503`;
  if (!title(answer.body)) return 'no page title';
  return durationMs > limitMs + marginMs ? `took ${Math.round(durationMs)} ms, over ${limitMs} + ${marginMs} ms` : undefined;
}

function signedOutHome(answer: ProbeAnswer): string | undefined {
  if (answer.status !== 200) return `status ${answer.status}, expected 200`;
  return answer.body.includes('Sign in with just your email') ? undefined : 'not the signed-out home page';
}

/**
 * Sign-in start while Logto fails. Runs before any sign-in succeeded: afterwards the app keeps
 * Logto's discovery document in memory and starting a sign-in no longer calls Logto.
 */
export async function idpFaultsAtSignInStart(stack: Stack, signInActionId: string): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  for (const fault of idpFaults) {
    await stack.idpProxy.setMode(fault.mode);
    const start = await timed(() => probe(stack.appUrl, { method: 'GET', path: '/sign-in' }, 15_000));
    rows.push({ service: 'Logto', fault: fault.name, step: 'sign-in link (discovery)', answer: describe(start.value), durationMs: start.durationMs, problem: unavailablePage(start.value, start.durationMs, timeouts.logtoMs) });
    const button = await timed(() => pressSignIn(stack, signInActionId));
    rows.push({ service: 'Logto', fault: fault.name, step: 'sign-in button (discovery)', answer: `303 → ${describe(button.value)}`, durationMs: button.durationMs, problem: button.value.problem ?? unavailablePage(button.value, button.durationMs, timeouts.logtoMs) });
    const home = await timed(() => probe(stack.appUrl, { method: 'GET', path: '/' }, 15_000));
    rows.push({ service: 'Logto', fault: fault.name, step: 'home page', answer: describe(home.value) || `${home.value.status}`, durationMs: home.durationMs, problem: signedOutHome(home.value) });
  }
  await stack.idpProxy.setMode({ kind: 'pass' });
  rows.push(await recovery(stack));
  return rows;
}

/**
 * Once Logto answers again, sign-in works again, with nothing to restart. Waits out the request
 * the slow fault still holds (the app's later sign-ins share it until it returns).
 */
async function recovery(stack: Stack): Promise<FaultRow> {
  const started = performance.now();
  let answer: ProbeAnswer | undefined;
  while (performance.now() - started < slowMs + timeouts.logtoMs + marginMs) {
    answer = await probe(stack.appUrl, { method: 'GET', path: '/sign-in' }, 15_000);
    if (answer.status === 303) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const durationMs = performance.now() - started;
  const redirected = answer?.status === 303 && answer.headers.location?.startsWith(`${stack.idpUrl}/`);
  return { service: 'Logto', fault: 'none (back up)', step: 'sign-in link (discovery)', answer: redirected ? '303 to Logto' : `${answer?.status ?? 'no answer'}`, durationMs, problem: redirected ? undefined : 'sign-in did not recover' };
}

/** The home page's "Sign in" form, posted without JavaScript: a server action, then its redirect. */
async function pressSignIn(stack: Stack, actionId: string): Promise<{ status: number; body: string; problem?: string }> {
  const boundary = 'reliability';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="$ACTION_ID_${actionId}"\r\n\r\n\r\n--${boundary}--\r\n`;
  const headers = { origin: stack.appUrl, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) };
  const posted = await probe(stack.appUrl, { method: 'POST', path: '/', headers, body }, 15_000);
  const location = posted.headers.location ?? '';
  if (posted.status !== 303 || !location.startsWith('/sign-in/failed')) return { ...posted, problem: `status ${posted.status} to "${location}", expected 303 to /sign-in/failed` };
  return probe(stack.appUrl, { method: 'GET', path: location }, 15_000);
}

/** The callback while Logto fails: the code exchange must end in a 503 page, not a hang. */
export async function idpFaultsAtCallback(stack: Stack, codes: InboxCodes, signedIn?: SignedIn): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  for (const fault of idpFaults) {
    await stack.idpProxy.setMode({ kind: 'pass' });
    const { browser, callback } = await throughIdp(stack, codes, uniqueEmail('fault-callback'));
    await stack.idpProxy.setMode(fault.mode);
    const answer = await timed(() => browser.visit(callback));
    rows.push({ service: 'Logto', fault: fault.name, step: 'callback (token exchange)', answer: describe(answer.value), durationMs: answer.durationMs, problem: unavailablePage(answer.value, answer.durationMs, timeouts.logtoMs) });
    rows.push(await homeWhileDown(stack, fault.name, browser, 'home page after the failed callback', false));
    if (signedIn) rows.push(await homeWhileDown(stack, fault.name, signedIn.browser, 'home page, signed in earlier', true));
  }
  await stack.idpProxy.setMode({ kind: 'pass' });
  return rows;
}

/** The home page reads the session from the cookie alone, so it works while Logto is down. */
async function homeWhileDown(stack: Stack, fault: string, browser: HttpBrowser, step: string, signedIn: boolean): Promise<FaultRow> {
  const home = await timed(() => browser.visit(`${stack.appUrl}/`));
  const shows = home.value.body.includes('data-testid="signed-in-email"');
  const problem = home.value.status !== 200 ? `status ${home.value.status}` : shows !== signedIn ? `expected ${signedIn ? 'signed in' : 'signed out'}` : undefined;
  return { service: 'Logto', fault, step, answer: `${home.value.status} ${shows ? 'signed in' : 'signed out'}`, durationMs: home.durationMs, problem };
}

/** The SES faults and the answer lib/ses/errors.ts maps each one to. */
const sesFaults: { name: string; mode: FaultMode; status: number; code?: string }[] = [
  { name: 'none (pass-through)', mode: { kind: 'pass' }, status: 200 },
  { name: 'unreachable (not listening)', mode: { kind: 'refuse' }, status: 504, code: 'ses_unreachable' },
  { name: 'connection reset', mode: { kind: 'reset' }, status: 504, code: 'ses_unreachable' },
  { name: `slow (${slowMs} ms, AWS_SES_TIMEOUT_MS is ${timeouts.sesMs})`, mode: { kind: 'slow', delayMs: slowMs }, status: 504, code: 'ses_timeout' },
  { name: '500 InternalFailure', mode: awsError('InternalFailure', 500), status: 502, code: 'ses_error' },
  { name: '429 TooManyRequestsException', mode: awsError('TooManyRequestsException', 429), status: 503, code: 'ses_throttled' },
  { name: '400 SendingPausedException', mode: awsError('SendingPausedException', 400), status: 503, code: 'ses_throttled' },
  { name: '400 AccountSuspendedException', mode: awsError('AccountSuspendedException', 400), status: 503, code: 'ses_account_suspended' },
  { name: '400 MessageRejected', mode: awsError('MessageRejected', 400, 'Email address is not verified.'), status: 502, code: 'ses_message_rejected' },
  { name: '403 InvalidClientTokenId', mode: awsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.'), status: 502, code: 'ses_credentials_rejected' },
];

export async function sesFaultMatrix(stack: Stack, sessionCookie: string): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  for (const fault of sesFaults) {
    await stack.sesProxy.setMode(fault.mode);
    const body = JSON.stringify({ to: uniqueEmail('fault-ses') });
    const headers = { origin: stack.appUrl, 'content-type': 'application/json', 'content-length': String(body.length), cookie: sessionCookie };
    const answer = await timed(() => probe(stack.appUrl, { method: 'POST', path: '/api/ses/test-send', headers, body }, 15_000));
    const code = answer.value.status === 200 ? undefined : errorCode(answer.value.body);
    const problems = [
      answer.value.status !== fault.status || code !== fault.code ? `expected ${fault.status} ${fault.code ?? ''}`.trim() : undefined,
      answer.durationMs > timeouts.sesMs + marginMs ? `took ${Math.round(answer.durationMs)} ms` : undefined,
      fault.code === 'ses_throttled' && !answer.value.headers['retry-after'] ? 'no Retry-After' : undefined,
    ].filter(Boolean);
    rows.push({ service: 'SES', fault: fault.name, step: 'POST /api/ses/test-send', answer: `${answer.value.status} ${code ?? 'sent'}`, durationMs: answer.durationMs, problem: problems.join('; ') || undefined });
  }
  await stack.sesProxy.setMode({ kind: 'pass' });
  return rows;
}
