import type { Session } from '@/lib/auth/session';
import type { AppConfig } from '@/lib/config';
import { failure, type Failure } from '@/lib/failure/failure';
import { failureResponse, jsonHeaders } from '@/lib/failure/failure-response';
import { strictTransportSecurity } from '@/lib/http/security-headers';

import type { TestSendLimiter } from './rate-limits';
import { sendTestEmail } from './test-send-service';

/**
 * `POST /api/ses/test-send`: the HTTP side of the test send (method, content type, body size,
 * origin), then `sendTestEmail` for the rest. The checks run cheapest and least revealing first,
 * and the session is read only once the request has passed them.
 *
 * Every failure is a JSON `{ error: { code, message, ... } }`. Bad input never causes a 500;
 * a 500 `internal_error` means a bug in this app (it is logged). 502 stays reserved for
 * "Amazon SES said no", so the two are never confused.
 */

/** A test-send body is a few dozen bytes; anything near this is not one. */
export const maxBodyBytes = 4 * 1024;

const allowedMethods = 'OPTIONS, POST';

export type TestSendDependencies = {
  config: AppConfig;
  getSession: () => Promise<Session>;
  /** The process-wide limiter for `config` unless given (tests give their own). */
  limiter?: TestSendLimiter;
};

export async function handleTestSendRequest(request: Request, dependencies: TestSendDependencies): Promise<Response> {
  const response = await answer(request, dependencies);
  // The proxy, which gives pages their HSTS, skips the API (next.config.ts gives it the rest).
  if (dependencies.config.origin.startsWith('https:')) response.headers.set('strict-transport-security', strictTransportSecurity);
  return response;
}

async function answer(request: Request, { config, getSession, limiter }: TestSendDependencies): Promise<Response> {
  if (request.method !== 'POST') return otherMethodResponse(request);
  try {
    const contentType = checkContentType(request.headers.get('content-type'));
    if (!contentType.ok) return failureResponse(contentType);
    const body = await readBody(request);
    if (!body.ok) return failureResponse(body);
    const origin = checkSameOrigin(request.headers, config.origin);
    if (!origin.ok) return failureResponse(origin);

    const result = await sendTestEmail({ config, session: await getSession(), input: { jsonBody: body.bytes }, limiter });
    if (!result.ok) return failureResponse(result);
    const { messageId, to, usageType, subject, template, note } = result;
    return Response.json({ messageId, to, usageType, subject, template, ...(note && { note }) }, { status: 200, headers: jsonHeaders });
  } catch (error) {
    // The stack without its first line: where it broke, without a message that could quote a secret.
    const where = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
    console.error(`[test-send] unexpected ${error instanceof Error ? error.name : typeof error}\n${where}`);
    return failureResponse(failure(500, 'internal_error', 'The test email could not be sent because of an error in this app; it has been logged.'));
  }
}

/**
 * Next answers unexported methods with a bare 405 that lacks the `Allow` header HTTP requires,
 * and its automatic OPTIONS would list them all; the route exports this for every other method.
 */
export function otherMethodResponse(request: Request): Response {
  if (request.method === 'OPTIONS') {
    return new Response(null, { status: 204, headers: { allow: allowedMethods, 'cache-control': 'no-store' } });
  }
  return failureResponse(failure(405, 'method_not_allowed', `${request.method} is not supported here: send a POST with a JSON body.`), {
    allow: allowedMethods,
  });
}

function checkContentType(header: string | null): { ok: true } | Failure {
  const [mediaType = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replaceAll('"', '');
  if (mediaType === 'application/json' && (charset === undefined || charset === 'utf-8' || charset === 'utf8')) {
    return { ok: true };
  }
  return failure(415, 'unsupported_media_type', `Send the body as JSON with "Content-Type: application/json"${header ? ` (got "${header}")` : ''}.`);
}

const tooLarge = () => failure(413, 'body_too_large', `The body is larger than ${maxBodyBytes} bytes; a test-send request is much smaller.`);

/**
 * Reads at most `maxBodyBytes` + one chunk: Content-Length may be absent (chunked) or lie, so
 * the bytes are counted as they arrive and reading stops as soon as there are too many.
 */
async function readBody(request: Request): Promise<{ ok: true; bytes: Uint8Array } | Failure> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBodyBytes) return tooLarge();
  if (request.body === null) return { ok: true, bytes: new Uint8Array() };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(chunk.value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * Route handlers get no CSRF protection from Next (server actions do), and the session cookie
 * is SameSite=Lax, so another site's page must not be able to make a signed-in browser send
 * mail. Browsers say where a request comes from in `Origin`, or at least in `Sec-Fetch-Site`;
 * a request with neither comes from a non-browser client (curl, a script), which carries no
 * ambient cookies unless someone gave it theirs, so it is let through.
 */
export function checkSameOrigin(headers: Headers, appOrigin: string): { ok: true } | Failure {
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

const crossOrigin = (detail: string) =>
  failure(403, 'cross_origin', `Refused a request ${detail}: only pages of this app may send test emails.`);
