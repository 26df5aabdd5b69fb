import { createHash } from 'node:crypto';

import type { AppConfig } from '@/lib/config';
import { processWide } from '@/lib/process/process-wide';

import { unwrapSessionCookie } from './session-cookie';

/**
 * Whether Logto still honours a session the cookie says is signed in. The cookie alone cannot
 * know that another device ended this session with its grant (`revokeGrantsTarget=all`,
 * recorded fixtures 64-67): Logto then refuses its access token at once. So, with the account
 * features on, a signed-in request asks Logto's userinfo with the stored access token at most
 * once per `livenessCheckMs` per session; every other request costs a hash and a map lookup.
 * Only an explicit 401 signs the page out: Logto being slow or unreachable does not.
 */

export const livenessCheckMs = 15_000;

/** Sessions remembered at once; a refused one is remembered until pushed out (its cookie can never become good). */
const maxEntries = 10_000;

type Verdict = { live: boolean; checkedAt: number };

const verdicts = processWide('session-liveness', () => new Map<string, Verdict>());
const inFlight = processWide('session-liveness-in-flight', () => new Map<string, Promise<boolean>>());

export type LivenessOptions = { now?: number; fetch?: typeof fetch };

export async function isSessionLive(config: AppConfig, cookieValue: string, { now = Date.now(), fetch: fetchImpl = fetch }: LivenessOptions = {}): Promise<boolean> {
  if (!config.logto.accountFeatures) return true;
  // Keyed by the cookie as stored: a refresh writes a new cookie, which is checked afresh.
  const key = keyOf(cookieValue);
  const known = verdicts.get(key);
  if (known && (!known.live || now - known.checkedAt < livenessCheckMs)) return known.live;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const check = askLogto(config, cookieValue, now, fetchImpl).then((live) => {
    remember(key, { live, checkedAt: now });
    return live;
  });
  inFlight.set(key, check);
  try {
    return await check;
  } finally {
    inFlight.delete(key);
  }
}

/** A session Logto has just issued (the sign-in callback) is live: its first page need not ask. */
export function rememberIssuedSession(config: AppConfig, cookieValue: string, now: number = Date.now()) {
  if (config.logto.accountFeatures) remember(keyOf(cookieValue), { live: true, checkedAt: now });
}

const keyOf = (cookieValue: string) => createHash('sha256').update(cookieValue).digest('base64url');

function remember(key: string, verdict: Verdict) {
  verdicts.delete(key);
  verdicts.set(key, verdict);
  // Insertion order is age order: drop the oldest.
  if (verdicts.size > maxEntries) verdicts.delete(verdicts.keys().next().value!);
}

/** The access token the SDK stored for no resource (its key is "@"), if it is still within its time. */
function storedAccessToken(config: AppConfig, cookieValue: string, now: number): string | undefined {
  const stored = unwrapSessionCookie(cookieValue, config.logto.cookieSecret).accessToken;
  if (typeof stored !== 'string') return undefined;
  try {
    const entry = (JSON.parse(stored) as Record<string, { token?: unknown; expiresAt?: unknown }>)['@'];
    if (typeof entry?.token !== 'string' || typeof entry.expiresAt !== 'number') return undefined;
    return entry.expiresAt * 1000 > now ? entry.token : undefined;
  } catch {
    return undefined;
  }
}

async function askLogto(config: AppConfig, cookieValue: string, now: number, fetchImpl: typeof fetch): Promise<boolean> {
  const token = storedAccessToken(config, cookieValue, now);
  // Without a token in its time there is nothing to ask with; the ID token, issued with it,
  // expires with it, and an expired session already reads as such.
  if (!token) return true;
  try {
    const response = await fetchImpl(`${config.logto.endpoint}/oidc/me`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(Math.min(config.logto.timeoutMs, 2000)),
    });
    await response.body?.cancel();
    return response.status !== 401;
  } catch {
    return true;
  }
}
