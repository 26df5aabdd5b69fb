import type { Failure } from './failure';

/**
 * The JSON answer for a failure: `{ error: { code, message, ... } }` with its status, never
 * cached, and Retry-After when the failure says when to try again.
 */
export function failureResponse(
  { code, message, hint, field, fields, awsErrorName, retryAfterSeconds, status }: Failure,
  headers: Record<string, string> = {},
): Response {
  const error = { code, message, hint, field, fields, awsErrorName, retryAfterSeconds };
  return Response.json(
    { error },
    {
      status,
      headers: {
        ...jsonHeaders,
        ...headers,
        ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }),
      },
    },
  );
}

/** What every JSON answer of the app carries, failure or not. */
export const jsonHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;
