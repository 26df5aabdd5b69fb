import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Agent, fetch as undiciFetch } from 'undici';

import { ensureStandaloneBuild, standaloneDistDir, startApp } from '../testing/app-server';
import { forgedSessionCookies } from '../testing/forged-session-cookies';
import type { InboxCodes } from '../testing/inbox';
import { startIdpForApp } from '../testing/local-stack';
import { startNginx } from '../testing/nginx';
import { startRedisServer } from '../testing/redis-server';
import { pendingSignIn, sessionCookieName, signUp, type SignedIn } from '../testing/sign-in-over-http';
import { reverseOrderStopper, type Stopper } from '../testing/stopper';
import { testAppEnvironment, type TestAppEnvironment } from '../testing/test-environment';
import { uniqueEmail } from '../testing/unique-email';
import { readActionIds } from './app-actions';
import { badInputCases } from './bad-input-cases';
import { runBadInput } from './bad-input';
import { probe, type ProbeAnswer } from './http-probe';
import { shapePorts } from './ports';
import { secretsOf } from './secrets';

/**
 * The ways people serve the app, each started for real and taken through the whole loop over
 * HTTP: the signed-out home (in English, and in Chinese for a browser that asks for it), a
 * sign-up with the emailed code through the callback to the protected page, the signed-in home, sign-out, and the protected page signed out again. Each
 * shape also gets requests whose Host and X-Forwarded-Host name a foreign site: they must get
 * the same pages, and no redirect to that site. Behind nginx (TLS, a self-signed certificate)
 * the session cookie must be Secure and HSTS sent; with nginx's shared cache on, a signed-in
 * person must still get their own home, and a Chinese visitor the Chinese page; with two instances behind one nginx, a sign-in started
 * on one completes on the other and the test-send limit is one count in Redis, which refused
 * sends while it is down.
 */

export type ShapeRow = { shape: string; check: string; answer: string; problem?: string };

const foreignHost = 'evil.example';
const welcomeText = 'Sign in with just your email';

/** The language of a page's document, as `<html lang>` says. */
const pageLanguage = (answer: ProbeAnswer) => /<html[^>]*\slang="([^"]+)"/.exec(answer.body)?.[1];
const scriptHashes = (answer: ProbeAnswer) => /script-src 'self'((?: 'sha256-[^']+')+)/.exec(answer.headers['content-security-policy'] ?? '')?.[1];

type ShapeEnvironment = TestAppEnvironment & Record<string, string>;

type Deployment = {
  appEnv: ShapeEnvironment;
  /** The browser's fetch: trusts the test certificate, when there is one. */
  fetch: typeof fetch;
  ca?: string;
};

type ShapeContext = { inboxUrl: string; codes: InboxCodes };

type Shape = {
  name: string;
  /** The app's public origin, as in LOGTO_BASE_URL. */
  baseUrl: string;
  start(deployment: Deployment, stopper: Stopper): Promise<void>;
  /** Checks only this shape makes, after the common loop. */
  more?(deployment: Deployment, signedIn: SignedIn, stopper: ShapeExtras): Promise<Omit<ShapeRow, 'shape'>[]>;
  env?: Record<string, string>;
  /** Also run the whole bad-input matrix (reliability/bad-input-cases.ts) against this shape. */
  badInput?: boolean;
};

type ShapeExtras = { redis?: { stop(): Promise<void> }; responses: { path: string; upstream: string | null }[] };

const plainFetch: typeof fetch = (input, init) => fetch(input, init);

function fetchTrusting(certPem: string, record: ShapeExtras['responses']): typeof fetch {
  const agent = new Agent({ connect: { ca: certPem } });
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    // undici's own fetch, so that its dispatcher (which trusts the certificate) applies.
    const response = (await undiciFetch(url, { ...(init as object), dispatcher: agent })) as unknown as Response;
    record.push({ path: url.pathname, upstream: response.headers.get('x-upstream') });
    return response;
  }) as typeof fetch;
}

const local = (port: number) => `http://localhost:${port}`;

function shapes(root: string): Shape[] {
  const nextStart = (name: string, host: string | null, baseUrl: string): Shape => ({
    name,
    baseUrl,
    start: async ({ appEnv }, stopper) => stopper.add((await startApp(appEnv, shapePorts.app, { host })).stop),
  });
  return [
    nextStart('next start (default host)', null, local(shapePorts.app)),
    { ...nextStart('next start -H 127.0.0.1', '127.0.0.1', `http://127.0.0.1:${shapePorts.app}`), badInput: true },
    nextStart('next start -H 0.0.0.0', '0.0.0.0', local(shapePorts.app)),
    nextStart('next start -H localhost', 'localhost', local(shapePorts.app)),
    {
      name: 'standalone server (HOSTNAME=0.0.0.0 node server.js)',
      baseUrl: local(shapePorts.app),
      start: async ({ appEnv }, stopper) => {
        // As a container image is made (README): the standalone build's folder, plus the static
        // files and public/.
        const dist = ensureStandaloneBuild();
        const dir = await mkdtemp(path.join(tmpdir(), 'logto-ses-next-standalone-'));
        stopper.add(() => rm(dir, { recursive: true, force: true }));
        await cp(path.join(dist, 'standalone'), dir, { recursive: true });
        await cp(path.join(dist, 'static'), path.join(dir, standaloneDistDir, 'static'), { recursive: true });
        await cp(path.join(root, 'public'), path.join(dir, 'public'), { recursive: true });
        stopper.add((await startApp(appEnv, shapePorts.app, { host: '0.0.0.0', standaloneDir: dir })).stop);
      },
    },
    {
      name: 'nginx (TLS, proxy_cache on) → next start -H 127.0.0.1',
      baseUrl: `https://localhost:${shapePorts.nginx}`,
      badInput: true,
      start: async ({ appEnv }, stopper) => {
        stopper.add((await startApp(appEnv, shapePorts.app, { host: '127.0.0.1' })).stop);
      },
      more: async (deployment, signedIn) => httpsChecks(deployment, signedIn),
    },
    {
      name: 'nginx round robin → 2 × next start, REDIS_URL',
      baseUrl: `https://localhost:${shapePorts.nginx}`,
      env: { TEST_SEND_RECIPIENT_LIMIT: '2/10m' },
      start: async ({ appEnv }, stopper) => {
        await Promise.all(
          [shapePorts.app, shapePorts.secondApp].map(async (port) => stopper.add((await startApp(appEnv, port, { host: '127.0.0.1' })).stop)),
        );
      },
      more: async (deployment, signedIn, extras) => twoInstanceChecks(deployment, signedIn, extras),
    },
  ];
}

export async function checkDeploymentShapes(context: ShapeContext, root: string = process.cwd()): Promise<ShapeRow[]> {
  const rows: ShapeRow[] = [];
  for (const shape of shapes(root)) {
    const started = performance.now();
    try {
      rows.push(...(await runShape(shape, context)).map((row) => ({ shape: shape.name, ...row })));
    } catch (error) {
      rows.push({ shape: shape.name, check: 'starts and serves', answer: 'failed', problem: error instanceof Error ? error.message.split('\n')[0] : String(error) });
    }
    console.log(`  ${shape.name}: ${Math.round(performance.now() - started)} ms`);
  }
  return rows;
}

async function runShape(shape: Shape, { inboxUrl, codes }: ShapeContext): Promise<Omit<ShapeRow, 'shape'>[]> {
  const stopper = reverseOrderStopper();
  const extras: ShapeExtras = { responses: [] };
  try {
    const behindNginx = shape.baseUrl.startsWith('https:');
    const email = uniqueEmail('shape');
    const redis = shape.name.includes('REDIS_URL') ? await startRedisServer() : undefined;
    if (redis) {
      stopper.add(redis.stop);
      extras.redis = redis;
    }
    const appEnv: ShapeEnvironment = {
      ...testAppEnvironment({ appPort: shapePorts.app, idpPort: shapePorts.idp, inboxPort: 0 }),
      LOGTO_BASE_URL: shape.baseUrl,
      AWS_SES_ENDPOINT: inboxUrl,
      TEST_SEND_ALLOWED_EMAILS: email,
      ...(redis ? { REDIS_URL: redis.url } : {}),
      ...shape.env,
    };
    await startIdpForApp(appEnv, { port: shapePorts.idp, inboxUrl, label: 'shape' }, stopper);
    let deployment: Deployment = { appEnv, fetch: plainFetch };
    await shape.start(deployment, stopper);
    if (behindNginx) {
      const upstreams = shape.name.includes('2 ×') ? [shapePorts.app, shapePorts.secondApp] : [shapePorts.app];
      const nginx = await startNginx({ port: shapePorts.nginx, upstreams, cache: shape.name.includes('proxy_cache') });
      stopper.add(nginx.stop);
      deployment = { appEnv, fetch: fetchTrusting(nginx.certificate.certPem, extras.responses), ca: nginx.certificate.certPem };
    }
    const loop = await signInLoop(shape.baseUrl, deployment, codes, email);
    // Before the shape's own checks: the two-instance ones end by stopping Redis.
    const testSend = loop.signedIn ? await testSendCheck(shape.baseUrl, deployment, loop.signedIn) : [];
    const more = shape.more && loop.signedIn ? await shape.more(deployment, loop.signedIn, extras) : [];
    const badInput = shape.badInput && loop.signedIn ? await badInputChecks(shape.baseUrl, deployment, loop.signedIn) : [];
    const signOut = loop.signedIn ? await signOutChecks(shape.baseUrl, deployment, loop.signedIn) : [];
    return [...(await foreignHostChecks(shape.baseUrl, deployment)), ...loop.rows, ...testSend, ...more, ...badInput, ...signOut];
  } finally {
    await stopper.stop();
  }
}

const problemIf = (failed: boolean, problem: string) => (failed ? problem : undefined);

async function get(baseUrl: string, deployment: Deployment, pathname: string, headers: Record<string, string> = {}): Promise<ProbeAnswer> {
  return probe(baseUrl, { method: 'GET', path: pathname, headers: { host: new URL(baseUrl).host, ...headers } }, 10_000, { ca: deployment.ca });
}

/** The same pages for a request that names another site, and never a redirect there. */
async function foreignHostChecks(baseUrl: string, deployment: Deployment): Promise<Omit<ShapeRow, 'shape'>[]> {
  const home = await get(baseUrl, deployment, '/');
  const foreign = { host: foreignHost, 'x-forwarded-host': foreignHost, 'x-forwarded-proto': 'https' };
  const answers = await Promise.all(['/', '/welcome', '/welcome/zh-CN', '/account', '/sign-in', '/sign-in?returnTo=/account'].map(async (pathname) => [pathname, await get(baseUrl, deployment, pathname, foreign)] as const));
  const offsite = answers.filter(([, answer]) => (answer.headers.location ?? '').includes(foreignHost)).map(([pathname, answer]) => `${pathname} → ${answer.headers.location}`);
  const foreignHome = answers[0]![1];
  return [
    {
      check: 'GET / signed out: the prerendered home, its scripts allowed by hash',
      answer: `${home.status}, ${Math.round(home.durationMs)} ms`,
      problem:
        problemIf(home.status !== 200 || !home.body.includes(welcomeText), `answered ${home.status}${home.headers.location ? ` → ${home.headers.location}` : ''}`) ??
        // Without the build output's hashes the page falls back to blocking Next's scripts.
        problemIf(!/script-src 'self' 'sha256-/.test(home.headers['content-security-policy'] ?? ''), 'no script hashes in its policy'),
    },
    ...(await languageChecks(baseUrl, deployment, home)),
    {
      check: `Host and X-Forwarded-Host: ${foreignHost}`,
      answer: `GET / ${foreignHome.status}; ${answers
        .slice(1)
        .map(([pathname, answer]) => `${pathname} ${answer.status}`)
        .join(', ')}`,
      problem:
        offsite.length > 0
          ? `redirected to the foreign host: ${offsite.join('; ')}`
          : problemIf(foreignHome.status !== 200 || !foreignHome.body.includes(welcomeText), `GET / answered ${foreignHome.status}`),
    },
  ];
}

/**
 * The prerendered home in the visitor's language (one page per language, chosen by the proxy):
 * Accept-Language, overruled by the switch's cookie, English for a language the app does not
 * speak; each page with the hashes of its own scripts.
 */
async function languageChecks(baseUrl: string, deployment: Deployment, english: ProbeAnswer): Promise<Omit<ShapeRow, 'shape'>[]> {
  const chinese = await get(baseUrl, deployment, '/', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
  const byCookie = await get(baseUrl, deployment, '/', { 'accept-language': 'zh-CN', cookie: 'NEXT_LOCALE=en' });
  const french = await get(baseUrl, deployment, '/', { 'accept-language': 'fr' });
  const hashes = scriptHashes(chinese);
  return [
    {
      check: 'GET / signed out, Accept-Language: zh-CN: the prerendered Chinese home, with its own script hashes',
      answer: `${chinese.status}, lang ${pageLanguage(chinese) ?? 'none'}`,
      problem:
        problemIf(chinese.status !== 200 || pageLanguage(chinese) !== 'zh-CN', `answered ${chinese.status} in ${pageLanguage(chinese) ?? 'no language'}`) ??
        problemIf(!hashes || hashes === scriptHashes(english), hashes ? "the English page's hashes, which block its payload" : 'no script hashes in its policy'),
    },
    {
      check: 'GET / signed out: NEXT_LOCALE=en beats Accept-Language: zh-CN; Accept-Language: fr gets English',
      answer: `${pageLanguage(byCookie) ?? byCookie.status}; ${pageLanguage(french) ?? french.status}`,
      problem: problemIf(pageLanguage(byCookie) !== 'en' || pageLanguage(french) !== 'en' || !scriptHashes(byCookie) || !scriptHashes(french), 'not the prerendered English home both times'),
    },
  ];
}

async function signInLoop(baseUrl: string, deployment: Deployment, codes: InboxCodes, email: string) {
  const target = { appUrl: baseUrl, idpUrl: deployment.appEnv.LOGTO_ENDPOINT, fetch: deployment.fetch };
  let signedIn: SignedIn | undefined;
  let problem: string | undefined;
  try {
    signedIn = await signUp(target, codes, email, '/account');
    if (signedIn.landedOn.href !== `${baseUrl}/account`) problem = `landed on ${signedIn.landedOn.href}`;
    else if (signedIn.page.status !== 200 || !signedIn.page.body.includes(email)) problem = `/account answered ${signedIn.page.status} without the address`;
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const home = signedIn && !problem ? await signedIn.browser.visit(`${baseUrl}/`) : undefined;
  return {
    signedIn: problem ? undefined : signedIn,
    rows: [
      { check: 'sign-up → emailed code → callback → /account', answer: signedIn ? `${Math.round(signedIn.durationMs)} ms` : 'failed', problem },
      {
        check: 'GET / signed in: the home shows the address',
        answer: home ? String(home.status) : 'not reached',
        problem: problemIf(!home || home.status !== 200 || !home.body.includes(email), home ? `answered ${home.status} without the address` : 'no session'),
      },
    ],
  };
}

const cookieFor = (deployment: Deployment, signedIn: SignedIn) => {
  const name = sessionCookieName({ appEnv: deployment.appEnv });
  return `${name}=${signedIn.browser.cookie(name) ?? ''}`;
};

/** Sign-out is a server action posted as a plain form (no JavaScript), as a browser does. */
async function signOutChecks(baseUrl: string, deployment: Deployment, signedIn: SignedIn): Promise<Omit<ShapeRow, 'shape'>[]> {
  const home = await signedIn.browser.visit(`${baseUrl}/`);
  const actionId = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(home.body)?.[1] ?? '';
  const boundary = `----shape${Date.now()}`;
  const response = await deployment.fetch(`${baseUrl}/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: baseUrl, cookie: cookieFor(deployment, signedIn) },
    body: `--${boundary}\r\nContent-Disposition: form-data; name="$ACTION_ID_${actionId}"\r\n\r\n\r\n--${boundary}--\r\n`,
  });
  const location = response.headers.get('location') ?? '';
  const cleared = response.headers.getSetCookie().some((cookie) => cookie.startsWith(sessionCookieName({ appEnv: deployment.appEnv })) && /max-age=0|expires=thu, 01 jan 1970/i.test(cookie));
  const account = await get(baseUrl, deployment, '/account');
  return [
    {
      check: 'sign-out: session cleared, on to Logto’s end-session',
      answer: `${response.status} → ${location.split('?')[0]}`,
      problem: problemIf(response.status !== 303 || !location.startsWith(`${deployment.appEnv.LOGTO_ENDPOINT}/oidc/session/end`) || !cleared, `answered ${response.status}, cookie ${cleared ? 'cleared' : 'kept'}`),
    },
    {
      check: 'GET /account signed out: the sign-in card',
      answer: `${account.status}${account.body.includes('data-testid="sign-in-required"') ? ', sign-in card' : ''}`,
      problem: problemIf(account.status !== 200 || !account.body.includes('data-testid="sign-in-required"'), `answered ${account.status}`),
    },
  ];
}

/** Behind nginx with TLS: the cookie is Secure, HSTS is sent, and the shared cache keeps people apart. */
async function httpsChecks(deployment: Deployment, signedIn: SignedIn): Promise<Omit<ShapeRow, 'shape'>[]> {
  const baseUrl = deployment.appEnv.LOGTO_BASE_URL;
  const start = await get(baseUrl, deployment, '/sign-in');
  const cookie = start.headers['set-cookie']?.split('\n').find((line) => line.startsWith('logto_')) ?? '';
  const hsts = (await get(baseUrl, deployment, '/')).headers['strict-transport-security'];
  const first = await get(baseUrl, deployment, '/');
  const second = await get(baseUrl, deployment, '/');
  const signedInHome = await get(baseUrl, deployment, '/', { cookie: cookieFor(deployment, signedIn) });
  const chinese = await get(baseUrl, deployment, '/', { 'accept-language': 'zh-CN' });
  return [
    { check: 'session cookie Secure, HttpOnly', answer: cookie.split(';').slice(1).join(';').trim(), problem: problemIf(!/;\s*secure/i.test(cookie) || !/httponly/i.test(cookie), 'not Secure and HttpOnly') },
    { check: 'HSTS on the signed-out home', answer: hsts ?? 'missing', problem: problemIf(!hsts?.includes('max-age='), 'no Strict-Transport-Security') },
    {
      check: 'shared cache (proxy_cache): a signed-in request gets its own home, never the signed-out page',
      answer: `signed out: ${first.headers['x-cache-status']}, then ${second.headers['x-cache-status']}; signed in: ${signedInHome.headers['x-cache-status']}, ${signedInHome.body.includes(signedIn.email) ? 'own home' : 'not own home'}`,
      problem: problemIf(!signedInHome.body.includes(signedIn.email), `a signed-in request got ${signedInHome.body.includes(welcomeText) ? 'the cached signed-out page' : `a ${signedInHome.status}`}`),
    },
    {
      check: 'shared cache (proxy_cache): a Chinese visitor after English ones gets the Chinese page',
      answer: `${chinese.headers['x-cache-status']}, lang ${pageLanguage(chinese) ?? 'none'}`,
      problem: problemIf(pageLanguage(chinese) !== 'zh-CN', `got the page in ${pageLanguage(chinese) ?? 'no language'}`),
    },
  ];
}

async function twoInstanceChecks(deployment: Deployment, signedIn: SignedIn, extras: ShapeExtras): Promise<Omit<ShapeRow, 'shape'>[]> {
  const baseUrl = deployment.appEnv.LOGTO_BASE_URL;
  const started = extras.responses.find((response) => response.path === '/sign-in')?.upstream;
  const completed = extras.responses.find((response) => response.path === '/callback')?.upstream;
  const send = async (to: string) => {
    const response = await deployment.fetch(`${baseUrl}/api/ses/test-send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl, cookie: cookieFor(deployment, signedIn) },
      body: JSON.stringify({ to }),
    });
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    return { status: response.status, code: body.error?.code, upstream: response.headers.get('x-upstream') };
  };
  const to = uniqueEmail('shape-limit');
  const sends = [await send(to), await send(to), await send(to)];
  const instances = new Set(sends.map((sent) => sent.upstream));
  await extras.redis?.stop();
  // ioredis notices the closed connection within a few milliseconds.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const whileDown = await send(uniqueEmail('shape-redis-down'));
  return [
    {
      check: 'sign-in started on one instance completes on the other',
      answer: `/sign-in on ${started ?? '?'}, /callback on ${completed ?? '?'}`,
      problem: problemIf(!started || !completed || started === completed, 'both steps reached the same instance'),
    },
    {
      check: 'test-send limit (2 per recipient) is one count across both',
      answer: `${sends.map((sent) => sent.status).join(', ')} from ${instances.size} instances`,
      problem: problemIf(sends.map((sent) => sent.status).join() !== '200,200,429' || instances.size !== 2, 'not 200, 200, 429 across both instances'),
    },
    {
      check: 'Redis stopped: test-send refused, not counted per instance',
      answer: `${whileDown.status} ${whileDown.code ?? ''}`,
      problem: problemIf(whileDown.status !== 503 || whileDown.code !== 'rate_limit_unavailable', `answered ${whileDown.status} ${whileDown.code ?? ''}`),
    },
  ];
}

/** The suite's bad-input matrix, sent to this shape: the same verdicts as on the suite's own start. */
async function badInputChecks(baseUrl: string, deployment: Deployment, signedIn: SignedIn): Promise<Omit<ShapeRow, 'shape'>[]> {
  const { appEnv } = deployment;
  const cookieName = sessionCookieName({ appEnv });
  const realCookie = signedIn.browser.cookie(cookieName) ?? '';
  const idpUrl = appEnv.LOGTO_ENDPOINT;
  const cases = badInputCases({
    appUrl: baseUrl,
    idpUrl,
    sessionCookie: `${cookieName}=${realCookie}`,
    pendingSignIn: await pendingSignIn({ appUrl: baseUrl, fetch: deployment.fetch }),
    sessionCookieName: cookieName,
    forgedCookies: forgedSessionCookies(realCookie, appEnv.LOGTO_COOKIE_SECRET, `${idpUrl}/oidc`, appEnv.LOGTO_APP_ID),
    actions: await readActionIds(baseUrl, signedIn.browser, deployment.fetch),
    proxySetsForwardedHost: deployment.ca !== undefined,
  });
  // nginx names the instance in X-Upstream; its own answers have none, nor a cache hit (which
  // is the app's answer, kept).
  const fromApp = deployment.ca === undefined ? undefined : (answer: ProbeAnswer) => Boolean(answer.headers['x-upstream']) || answer.headers['x-cache-status'] === 'HIT';
  const result = await runBadInput(cases, { appUrl: baseUrl, idpUrl, secrets: secretsOf(appEnv), timeoutMs: 10_000, concurrency: 6, ca: deployment.ca, fromApp });
  const lists = {
    '5xx': result.serverErrors,
    'with a secret': result.withSecret,
    unanswered: result.unanswered,
    'redirecting off the app': result.offsiteRedirects,
    'without the security headers': result.missingHeaders,
    'other than expected': result.wrongAnswers,
  };
  const problems = Object.entries(lists).filter(([, list]) => list.length > 0);
  const byProxy = result.byProxy.length > 0 ? `; ${result.byProxy.length} answered by nginx itself (${[...new Set(result.byProxy.map((item) => item.problem))].join(', ')})` : '';
  return [
    {
      check: `bad-input matrix (${result.tried} requests)`,
      answer: `${Object.entries(lists)
        .map(([label, list]) => `${list.length} ${label}`)
        .join(', ')}${byProxy}`,
      problem: problems.length > 0 ? problems.map(([label, list]) => `${label}: ${list.slice(0, 3).map((item) => `${item.name}: ${item.problem}`).join('; ')}`).join(' | ') : undefined,
    },
  ];
}

/**
 * A test send in zh-CN previewing the repository's templates from this shape: they come from
 * email-templates/, read at run time, which a server copied out alone (the standalone one) has
 * only if the build shipped it; without it the connector config's English template would be sent.
 */
async function testSendCheck(baseUrl: string, deployment: Deployment, signedIn: SignedIn): Promise<Omit<ShapeRow, 'shape'>[]> {
  const expected = (JSON.parse(await readFile(path.join(process.cwd(), 'email-templates', 'zh-CN', 'Generic.json'), 'utf8')) as { subject: string }).subject.replace('{{code}}', '000000');
  const response = await deployment.fetch(`${baseUrl}/api/ses/test-send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, cookie: cookieFor(deployment, signedIn) },
    body: JSON.stringify({ to: uniqueEmail('shape-test-send'), locale: 'zh-CN', templates: 'repository' }),
  });
  const body = (await response.json().catch(() => ({}))) as { subject?: string; error?: { code?: string } };
  return [
    {
      check: 'test-send in zh-CN, templates: repository: the template of email-templates/ (shipped with the server)',
      answer: `${response.status} ${body.subject ?? body.error?.code ?? ''}`,
      problem: problemIf(response.status !== 200 || body.subject !== expected, `answered ${response.status} ${body.subject ?? body.error?.code ?? ''}, not "${expected}"`),
    },
  ];
}
