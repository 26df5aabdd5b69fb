import { failure, type TestSendFailure } from './result';

/**
 * Route handlers get no CSRF protection from Next (server actions do), and the session cookie
 * is SameSite=Lax, so another site's page must not be able to make a signed-in browser send
 * mail. Browsers say where a request comes from in `Origin`, or at least in `Sec-Fetch-Site`;
 * a request with neither comes from a non-browser client (curl, a script), which carries no
 * ambient cookies unless someone gave it theirs, so it is let through.
 */
export function checkSameOrigin(headers: Headers, appOrigin: string): { ok: true } | TestSendFailure {
  const origin = headers.get('origin');
  if (origin !== null) {
    return origin === appOrigin ? { ok: true } : crossOrigin(`from ${origin}`);
  }
  const site = headers.get('sec-fetch-site');
  if (site === null || site === 'same-origin' || site === 'none') {
    return { ok: true };
  }
  return crossOrigin(`(Sec-Fetch-Site: ${site})`);
}

function crossOrigin(detail: string): TestSendFailure {
  return failure(403, {
    code: 'cross_origin',
    message: `Refused a request ${detail}: only pages of this app may send test emails.`,
  });
}
