import type { BadInputCase } from './bad-input-cases';
import { probe, type ProbeAnswer } from './http-probe';
import { secretsIn, type Secret } from './secrets';

/**
 * Sends every bad-input case and checks what each answer must be: not a 5xx, free of secrets,
 * given in time, redirecting only to the app or the IdP, an HTML page with the security headers,
 * plus the case's own expectation.
 */

export type CaseProblem = { group: string; name: string; problem: string };

export type BadInputResult = {
  tried: number;
  serverErrors: CaseProblem[];
  withSecret: CaseProblem[];
  unanswered: CaseProblem[];
  offsiteRedirects: CaseProblem[];
  missingHeaders: CaseProblem[];
  wrongAnswers: CaseProblem[];
  /** Answered by the proxy in front, not the app (see `fromApp`). */
  byProxy: CaseProblem[];
  /** Per group: how many cases, and how many answers with each status. */
  groups: Map<string, { tried: number; statuses: Map<number, number> }>;
};

export type BadInputOptions = {
  appUrl: string;
  idpUrl: string;
  secrets: Secret[];
  timeoutMs: number;
  concurrency: number;
  /** The certificate to trust when `appUrl` is https behind a test proxy. */
  ca?: string;
  /**
   * Behind a proxy: whether the app wrote this answer. The proxy's own answers (nginx's 413 for
   * a body over its limit) are counted apart and spared the app's header and answer checks.
   */
  fromApp?: (answer: ProbeAnswer) => boolean;
};

export async function runBadInput(cases: BadInputCase[], options: BadInputOptions): Promise<BadInputResult> {
  const result: BadInputResult = {
    tried: 0,
    serverErrors: [],
    withSecret: [],
    unanswered: [],
    offsiteRedirects: [],
    missingHeaders: [],
    wrongAnswers: [],
    byProxy: [],
    groups: new Map(),
  };
  const queue = [...cases];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await runCase(next, options, result);
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}

async function runCase(testCase: BadInputCase, options: BadInputOptions, result: BadInputResult) {
  const { group, name } = testCase;
  const note = (list: CaseProblem[], problem: string) => list.push({ group, name, problem });
  result.tried += 1;
  const tally = result.groups.get(group) ?? { tried: 0, statuses: new Map<number, number>() };
  result.groups.set(group, tally);
  tally.tried += 1;

  let answer: ProbeAnswer;
  try {
    answer = await probe(options.appUrl, testCase.probe, options.timeoutMs, { ca: options.ca });
  } catch (error) {
    return note(result.unanswered, error instanceof Error ? error.message : String(error));
  }
  tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);

  if (answer.status >= 500) note(result.serverErrors, `status ${answer.status}`);
  const leaked = secretsIn(`${JSON.stringify(answer.headers)}\n${answer.body}`, options.secrets);
  if (leaked.length > 0) note(result.withSecret, leaked.join(', '));
  const offsite = offsiteRedirect(answer, options);
  if (offsite) note(result.offsiteRedirects, offsite);
  if (options.fromApp && !options.fromApp(answer)) return note(result.byProxy, `status ${answer.status}`);
  const missing = missingSecurityHeaders(answer);
  if (missing) note(result.missingHeaders, missing);
  const wrong = testCase.expect?.(answer);
  if (wrong) note(result.wrongAnswers, wrong);
}

function offsiteRedirect(answer: ProbeAnswer, { appUrl, idpUrl }: BadInputOptions): string | undefined {
  const location = answer.headers.location;
  if (location === undefined) return undefined;
  const target = URL.canParse(location, appUrl) ? new URL(location, appUrl) : undefined;
  return target && (target.origin === appUrl || target.origin === idpUrl) ? undefined : `redirects to ${location.slice(0, 80)}`;
}

/**
 * Every HTML answer of the app carries the page policy (scripts under a nonce, or on the
 * prerendered signed-out home page only its own, by hash and from 'self', or none at all when its
 * hashes are unknown, or nothing at all under /api/; no framing, no eval)
 * and the other headers; every JSON answer of the API a policy that allows nothing at all, and
 * the same other headers. Answers Node itself gives to requests it cannot parse (431, 400) have no
 * body type.
 */
export function missingSecurityHeaders(answer: ProbeAnswer): string | undefined {
  const contentType = answer.headers['content-type'] ?? '';
  const html = contentType.startsWith('text/html');
  if (!html && !contentType.startsWith('application/json')) return undefined;
  const policy = answer.headers['content-security-policy'] ?? '';
  const allowsNothing = policy.startsWith("default-src 'none'") && !policy.includes('script-src');
  const scriptsByHash = /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*(;|$)/.test(policy);
  const scriptsControlled = /'nonce-[A-Za-z0-9+/=]+'/.test(policy) || scriptsByHash || policy.includes("script-src 'none'") || allowsNothing;
  const missing = [
    html ? (scriptsControlled ? undefined : 'CSP nonce') : allowsNothing ? undefined : "CSP default-src 'none'",
    policy.includes("frame-ancestors 'none'") ? undefined : "frame-ancestors 'none'",
    policy.includes('unsafe-eval') ? "no 'unsafe-eval'" : undefined,
    answer.headers['x-content-type-options'] === 'nosniff' ? undefined : 'X-Content-Type-Options',
    answer.headers['referrer-policy'] ? undefined : 'Referrer-Policy',
    answer.headers['permissions-policy'] ? undefined : 'Permissions-Policy',
  ].filter(Boolean);
  return missing.length > 0 ? `missing ${missing.join(', ')}` : undefined;
}
