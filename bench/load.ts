import autocannon from 'autocannon';

import { cpuMsOfGroup } from './memory';

/**
 * Throughput and latency of one page under load: autocannon in this process (pinned to the
 * load core), 20 connections for 10 s, after 2 s of the same load to warm the server up (JIT,
 * caches, the connection pool), which is not measured. Also the server's CPU time per request
 * (its process group's, from /proc): time another tenant of the machine takes from the server
 * is not in it, so it drifts less than the throughput between the minutes of a run.
 */

export const loadSettings = { connections: 20, durationS: 10, warmUpS: 2 } as const;

export type LoadResult = {
  /** Mean of the per-second request counts. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers other than 2xx, and connection errors: a page that fails is not measured. */
  non2xx: number;
  errors: number;
  /** The server's user + system CPU time during the measured load, per request answered. */
  cpuMsPerRequest: number;
};

export async function measureLoad(url: string, serverProcessGroup: number, cookie?: string): Promise<LoadResult> {
  const options = { url, connections: loadSettings.connections, headers: cookie ? { cookie } : undefined };
  await autocannon({ ...options, duration: loadSettings.warmUpS });
  const cpuBefore = await cpuMsOfGroup(serverProcessGroup);
  const result = await autocannon({ ...options, duration: loadSettings.durationS });
  const cpuMs = (await cpuMsOfGroup(serverProcessGroup)) - cpuBefore;
  return {
    cpuMsPerRequest: cpuMs / Math.max(result.requests.total, 1),
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
