import { createHash } from 'node:crypto';

import { createApiClient } from '@logto/api/management';

import type { AppConfig, ManagementApiSettings } from '@/lib/config/app-config';
import { processWide } from '@/lib/process/process-wide';

import type { Outcome } from './checks';

/**
 * Logto's own typed Management API client (`@logto/api`), one per process and settings, with a
 * token source of ours (`createTokenSource`): the package's ClientCredentials fetches the M2M
 * token with no timeout and lets concurrent requests each refresh it. The token is kept until a
 * minute before it expires, so the doctor, the CLI and /setup ask Logto for one once an hour.
 */

export type ManagementClient = ReturnType<typeof createApiClient>;

/** `timeoutMs`: LOGTO_TIMEOUT_MS, the longest the token request may take. */
export type ManagementTarget = { endpoint: string; settings: ManagementApiSettings; timeoutMs: number };

// A changed secret (rotated in the console, a restart with new settings) gets a client of its own.
const keyOf = ({ endpoint, settings, timeoutMs }: ManagementTarget) =>
  createHash('sha256').update(JSON.stringify([endpoint, settings.appId, settings.appSecret, settings.resource, timeoutMs])).digest('hex');

export function getManagementClient(target: ManagementTarget): ManagementClient {
  const clients = processWide('logto-management-clients', () => new Map<string, ManagementClient>());
  const key = keyOf(target);
  let client = clients.get(key);
  if (!client) {
    client = createApiClient({ baseUrl: target.endpoint, getToken: createTokenSource(target) });
    clients.set(key, client);
  }
  return client;
}

/** The client for the configured tenant: Logto's endpoint, the M2M settings and LOGTO_TIMEOUT_MS. */
export const managementClientFor = (logto: Pick<AppConfig['logto'], 'endpoint' | 'timeoutMs'>, settings: ManagementApiSettings): ManagementClient =>
  getManagementClient({ endpoint: logto.endpoint, settings, timeoutMs: logto.timeoutMs });

/** Logto's default leeway: a token this close to its expiry is not used any more. */
const expiryLeewaySeconds = 60;

/**
 * The M2M access token (client credentials, scope `all` for the Management API resource), asked
 * for with the timeout, one request at a time: callers arriving while one is under way wait for
 * it. Error messages name the status only, never a credential.
 */
export function createTokenSource({ endpoint, settings, timeoutMs }: ManagementTarget, { fetchImpl = fetch, now = Date.now }: { fetchImpl?: typeof fetch; now?: () => number } = {}) {
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const request = async () => {
    const response = await fetchImpl(`${endpoint}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: settings.appId, client_secret: settings.appSecret, resource: settings.resource, scope: 'all' }),
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((error: unknown) => {
      throw error instanceof Error && error.name === 'TimeoutError' ? new Error(`no answer from the token endpoint within ${timeoutMs} ms`) : error;
    });
    if (!response.ok) throw new Error(`Failed to fetch access token: ${response.status} ${response.statusText}`);
    const data = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof data.access_token !== 'string' || typeof data.expires_in !== 'number') throw new Error('Invalid response from token endpoint');
    token = { value: data.access_token, expiresAt: now() + data.expires_in * 1000 };
    return token.value;
  };
  return async (): Promise<string> => {
    if (token && token.expiresAt - expiryLeewaySeconds * 1000 > now()) return token.value;
    pending ??= request().finally(() => (pending = undefined));
    return pending;
  };
}

/**
 * One request as an Outcome: Logto's answer (any status), or why there was none (a refused
 * token request, a network failure, the timeout). Error messages never hold a secret: the
 * client's only say the token endpoint's status.
 */
export async function ask(request: (signal: AbortSignal) => Promise<{ data?: unknown; error?: unknown; response: Response }>, timeoutMs: number): Promise<Outcome> {
  try {
    const { data, error, response } = await request(AbortSignal.timeout(timeoutMs));
    return { kind: 'answer', status: response.status, body: data ?? error };
  } catch (error) {
    const reason = error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : error.message) : String(error);
    return { kind: 'unreachable', message: reason };
  }
}
