import type { Session } from '@/lib/auth/session';
import { strictTransportSecurity } from '@/lib/http/security-headers';
import type { AppConfig, ConfigProblem } from '@/lib/config';

import { authorizeTestSend } from './authorize';
import { limitedTestSend } from './limited-test-send';
import { getTestSendLimiter, type TestSendLimiter } from './rate-limits';
import { appNotConfigured, failure, type TestSendFailure, type TestSendResult } from './result';
import { checkSameOrigin } from './same-origin';
import { parseTestSendRequest } from './test-send-request';

/** A test-send body is a few dozen bytes; anything near this is not one. */
export const maxBodyBytes = 4 * 1024;

const allowedMethods = 'OPTIONS, POST';

export type TestSendDependencies = {
  config: AppConfig;
  getSession: () => Promise<Session>;
  /** The process-wide limiter for `config` unless given (tests give their own). */
  limiter?: TestSendLimiter;
};

/**
 * `POST /api/ses/test-send`. The checks run cheapest and least revealing first: method, content
 * type, size, origin, session, authorization, input, SES configured, rate limits; then the send. A caller
 * learns nothing about the input rules before it has shown who it is.
 *
 * Every failure is a JSON `{ error: { code, message, ... } }`. Bad input never causes a 500;
 * a 500 `internal_error` means a bug in this app (it is logged). 502 stays reserved for
 * "Amazon SES said no", so the two are never confused.
 */
export async function handleTestSendRequest(request: Request, dependencies: TestSendDependencies): Promise<Response> {
  const response = await answer(request, dependencies);
  // The proxy, which gives pages their HSTS, skips the API (next.config.ts gives it the rest).
  if (dependencies.config.origin.startsWith('https:')) response.headers.set('strict-transport-security', strictTransportSecurity);
  return response;
}

async function answer(request: Request, dependencies: TestSendDependencies): Promise<Response> {
  if (request.method !== 'POST') return otherMethodResponse(request);
  try {
    const result = await testSend(request, dependencies);
    if (!result.ok) return failureResponse(result);
    const { messageId, to, usageType, subject } = result;
    return jsonResponse(200, { messageId, to, usageType, subject });
  } catch (error) {
    // The stack without its first line: where it broke, without a message that could quote a secret.
    const where = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
    console.error(`[test-send] unexpected ${error instanceof Error ? error.name : typeof error}\n${where}`);
    return failureResponse(
      failure(500, { code: 'internal_error', message: 'The test email could not be sent because of an error in this app; it has been logged.' }),
    );
  }
}

async function testSend(request: Request, { config, getSession, limiter }: TestSendDependencies): Promise<TestSendResult> {
  const contentType = checkContentType(request.headers.get('content-type'));
  if (!contentType.ok) return contentType;
  const body = await readBody(request);
  if (!body.ok) return body;
  const origin = checkSameOrigin(request.headers, config.origin);
  if (!origin.ok) return origin;
  const authorization = authorizeTestSend(config, await getSession());
  if (!authorization.ok) return authorization;
  const json = decodeJson(body.bytes);
  if (!json.ok) return json;
  const input = parseTestSendRequest(json.value);
  if (!input.ok) return input;
  return limitedTestSend(config, authorization.caller, input.value, limiter ?? getTestSendLimiter(config));
}

/**
 * Next answers unexported methods with a bare 405 that lacks the `Allow` header HTTP requires,
 * and its automatic OPTIONS would list them all; the route exports this for every other method.
 */
export function otherMethodResponse(request: Request): Response {
  if (request.method === 'OPTIONS') {
    return new Response(null, { status: 204, headers: { allow: allowedMethods, 'cache-control': 'no-store' } });
  }
  return failureResponse(
    failure(405, { code: 'method_not_allowed', message: `${request.method} is not supported here: send a POST with a JSON body.` }),
    { allow: allowedMethods },
  );
}

export function configProblemsResponse(problems: ConfigProblem[]): Response {
  return failureResponse(appNotConfigured(problems));
}

export function failureResponse({ status, error, retryAfterSeconds }: TestSendFailure, headers: Record<string, string> = {}): Response {
  if (retryAfterSeconds === undefined) return jsonResponse(status, { error }, headers);
  return jsonResponse(status, { error: { ...error, retryAfterSeconds } }, { ...headers, 'retry-after': String(retryAfterSeconds) });
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, {
    status,
    headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  });
}

const exampleBody = '{"to": "ada@example.com", "usageType": "SignIn"}';

function checkContentType(header: string | null): { ok: true } | TestSendFailure {
  const [mediaType = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replaceAll('"', '');
  if (mediaType === 'application/json' && (charset === undefined || charset === 'utf-8' || charset === 'utf8')) {
    return { ok: true };
  }
  return failure(415, {
    code: 'unsupported_media_type',
    message: `Send the body as JSON with "Content-Type: application/json"${header ? ` (got "${header}")` : ''}.`,
  });
}

function tooLarge(): TestSendFailure {
  return failure(413, { code: 'body_too_large', message: `The body is larger than ${maxBodyBytes} bytes; a test-send request is much smaller.` });
}

/**
 * Reads at most `maxBodyBytes` + one chunk: Content-Length may be absent (chunked) or lie, so
 * the bytes are counted as they arrive and reading stops as soon as there are too many.
 */
async function readBody(request: Request): Promise<{ ok: true; bytes: Uint8Array } | TestSendFailure> {
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

function decodeJson(bytes: Uint8Array): { ok: true; value: unknown } | TestSendFailure {
  if (bytes.byteLength === 0) {
    return failure(400, { code: 'invalid_json', message: `The body is empty: send a JSON object such as ${exampleBody}.` });
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    // The parser's own message quotes the input back; it adds nothing the caller does not have.
    return failure(400, { code: 'invalid_json', message: `The body is not valid UTF-8 JSON: send an object such as ${exampleBody}.` });
  }
}
