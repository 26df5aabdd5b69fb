import { startApp } from '../testing/app-server';
import { testAppEnvironment } from '../testing/test-environment';
import { probe } from './http-probe';
import { suitePorts } from './ports';

/**
 * The app configured as on Vercel, with an https base URL (served over plain http here, which
 * the app cannot tell): HSTS on the pages and the API, and a session cookie that is Secure as well as
 * HttpOnly and SameSite=Lax. A browser on http would not even keep such a cookie, so this reads
 * the Set-Cookie header itself.
 */

export type HttpsRow = { request: string; answer: string; problem?: string };

export async function checkHttpsDeployment(): Promise<HttpsRow[]> {
  const ports = { appPort: suitePorts.otherApp, idpPort: suitePorts.idpProxy, inboxPort: suitePorts.inboxProxy };
  const app = await startApp({ ...testAppEnvironment(ports), LOGTO_BASE_URL: `https://localhost:${suitePorts.otherApp}` }, suitePorts.otherApp);
  const origin = `http://localhost:${suitePorts.otherApp}`;
  try {
    const home = await probe(origin, { method: 'GET', path: '/' }, 10_000);
    const hsts = home.headers['strict-transport-security'];
    const api = await probe(origin, { method: 'POST', path: '/api/ses/test-send', headers: { 'content-type': 'application/json' }, body: '{"to":"ada@example.com"}' }, 10_000);
    const apiHsts = api.headers['strict-transport-security'];
    const signIn = await probe(origin, { method: 'GET', path: '/sign-in' }, 10_000);
    const cookie = signIn.headers['set-cookie']?.split('\n').find((line) => line.startsWith('logto_')) ?? '';
    const flags = ['Secure', 'HttpOnly', 'SameSite=lax'].filter((flag) => cookie.toLowerCase().includes(flag.toLowerCase()));
    return [
      { request: 'GET /', answer: `${home.status}, HSTS ${hsts ?? 'missing'}`, problem: hsts?.includes('max-age=') ? undefined : 'no Strict-Transport-Security' },
      {
        request: 'POST /api/ses/test-send (signed out)',
        answer: `${api.status}, HSTS ${apiHsts ?? 'missing'}`,
        problem: api.status === 401 && apiHsts?.includes('max-age=') ? undefined : `${api.status}, Strict-Transport-Security ${apiHsts ?? 'missing'}`,
      },
      {
        request: 'GET /sign-in (sets the session cookie)',
        answer: `${signIn.status}, cookie ${flags.join(', ') || 'missing'}`,
        problem: flags.length === 3 ? undefined : `cookie flags: ${flags.join(', ') || 'no session cookie'}`,
      },
    ];
  } finally {
    await app.stop();
  }
}
