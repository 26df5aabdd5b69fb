import { createHash } from 'node:crypto';

import { createManagementApi } from '@logto/api/management';

import type { ManagementApiSettings } from '@/lib/config/app-config';
import { processWide } from '@/lib/process/process-wide';

import type { Outcome } from './checks';

/**
 * Logto's own typed Management API client (`@logto/api`), one per process and settings: its
 * ClientCredentials keeps the M2M access token until a minute before it expires, so the doctor,
 * the CLI and /setup ask Logto for a token once an hour, not once a request (nor once per
 * request started together).
 */

export type ManagementClient = ReturnType<typeof createManagementApi>['apiClient'];

export type ManagementTarget = { endpoint: string; settings: ManagementApiSettings };

// A changed secret (rotated in the console, a restart with new settings) gets a client of its own.
const keyOf = ({ endpoint, settings }: ManagementTarget) =>
  createHash('sha256').update(JSON.stringify([endpoint, settings.appId, settings.appSecret, settings.resource])).digest('hex');

export function getManagementClient(target: ManagementTarget): ManagementClient {
  const clients = processWide('logto-management-clients', () => new Map<string, ManagementClient>());
  const key = keyOf(target);
  let client = clients.get(key);
  if (!client) {
    // The tenant id only names the Cloud URLs, which baseUrl and apiIndicator override.
    const api = createManagementApi('default', {
      clientId: target.settings.appId,
      clientSecret: target.settings.appSecret,
      baseUrl: target.endpoint,
      apiIndicator: target.settings.resource,
    });
    // ClientCredentials asks for a token on every call made before the first token arrives: the
    // requests a sync or a test send makes at once share that one request instead.
    const { clientCredentials } = api;
    const fetchToken = clientCredentials.getAccessToken.bind(clientCredentials);
    let pending: ReturnType<typeof fetchToken> | undefined;
    clientCredentials.getAccessToken = () => (pending ??= fetchToken().finally(() => (pending = undefined)));
    client = api.apiClient;
    clients.set(key, client);
  }
  return client;
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
