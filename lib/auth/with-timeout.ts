import { IdpTimeoutError } from './auth-failure';

/**
 * The SDK's requests to Logto have no deadline of their own, so a slow identity provider would
 * hold the request open indefinitely. The request itself is not aborted; the user just stops
 * waiting for it.
 */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IdpTimeoutError(`No answer from the identity provider within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
