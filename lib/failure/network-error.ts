/**
 * Whether a thrown error means the network failed us (no connection, or none in time) rather
 * than the service answering. Node's errors carry the code themselves; fetch (undici) wraps them
 * in a `TypeError: fetch failed` whose `cause` has it.
 */

export type NetworkError = { kind: 'unreachable' | 'timeout'; code?: string };

const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET']);
const timeoutCodes = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

type ErrorLike = { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };

const asErrorLike = (value: unknown): ErrorLike => (typeof value === 'object' && value !== null ? value : {});

export function classifyNetworkError(thrown: unknown): NetworkError | undefined {
  const error = asErrorLike(thrown);
  for (const code of [error.code, asErrorLike(error.cause).code]) {
    if (typeof code !== 'string') continue;
    if (unreachableCodes.has(code)) return { kind: 'unreachable', code };
    if (timeoutCodes.has(code)) return { kind: 'timeout', code };
  }
  if (error.name === 'TypeError' && error.message === 'fetch failed') return { kind: 'unreachable' };
  return undefined;
}
