import { startApp } from '../testing/app-server';
import { testAppEnvironment } from '../testing/test-environment';
import { missingSecurityHeaders } from './bad-input';
import { probe, type Probe } from './http-probe';
import { suitePorts } from './ports';
import { secretsIn, type Secret } from './secrets';

/**
 * The app started with settings that do not validate, whose values are secrets: every page must
 * name the variables to fix (with a general summary: the detailed messages are in the server log)
 * with the security headers on, sign-in and test-send must answer 503, and neither the answers
 * nor the server log may quote the bad values.
 */

export type ConfigErrorRow = { request: string; answer: string; problem?: string };

const badSecrets: Secret[] = [
  { label: 'invalid LOGTO_APP_SECRET', value: 'not:a-valid-secret-8f3a' },
  { label: 'short LOGTO_COOKIE_SECRET', value: 'too-short-secret-41c9' },
];

/**
 * A bad value whose detailed message quotes it (the log may, the pages may not): once it reached
 * every page's HTML as a React key in the RSC data.
 */
const quotedInLog: Secret = { label: 'TEST_SEND_USER_LIMIT holding a key', value: '5/10m-sk_live_Q4x9' };

const requests: { probe: Probe; status: number; shows: string }[] = [
  { probe: { method: 'GET', path: '/' }, status: 200, shows: 'The app needs configuration' },
  { probe: { method: 'GET', path: '/account' }, status: 200, shows: 'The app needs configuration' },
  { probe: { method: 'GET', path: '/sign-in' }, status: 503, shows: 'LOGTO_COOKIE_SECRET: shorter than 32 characters' },
  { probe: { method: 'GET', path: '/callback?code=a&state=b' }, status: 503, shows: 'LOGTO_APP_SECRET: contains characters other than letters' },
  { probe: { method: 'GET', path: '/sign-in/failed?reason=not_configured' }, status: 503, shows: 'LOGTO_APP_SECRET: contains characters other than letters' },
  { probe: { method: 'POST', path: '/api/ses/test-send', headers: { 'content-type': 'application/json' }, body: '{"to":"a@example.com"}' }, status: 503, shows: 'app_not_configured' },
];

export async function checkConfigErrorPages(): Promise<{ rows: ConfigErrorRow[]; logLinesWithSecret: number }> {
  const env = {
    // Fresh secrets for the rest, so that only the two bad values below are problems.
    ...testAppEnvironment({ appPort: suitePorts.otherApp, idpPort: suitePorts.idpProxy, inboxPort: suitePorts.inboxProxy }),
    LOGTO_APP_SECRET: badSecrets[0]!.value,
    LOGTO_COOKIE_SECRET: badSecrets[1]!.value,
    TEST_SEND_USER_LIMIT: quotedInLog.value,
  };
  const app = await startApp(env, suitePorts.otherApp);
  try {
    const rows: ConfigErrorRow[] = [];
    for (const request of requests) {
      const answer = await probe(env.LOGTO_BASE_URL, request.probe, 10_000);
      const problems = [
        answer.status === request.status ? undefined : `status ${answer.status}, expected ${request.status}`,
        answer.body.includes(request.shows) ? undefined : `does not say "${request.shows}"`,
        missingSecurityHeaders(answer),
        ...secretsIn(`${JSON.stringify(answer.headers)}${answer.body}`, [...badSecrets, quotedInLog]).map((label) => `quotes the ${label}`),
      ].filter(Boolean);
      rows.push({ request: `${request.probe.method} ${request.probe.path}`, answer: `${answer.status} ${request.shows}`, problem: problems.join('; ') || undefined });
    }
    return { rows, logLinesWithSecret: app.log.filter((line) => secretsIn(line, badSecrets).length > 0).length };
  } finally {
    await app.stop();
  }
}
