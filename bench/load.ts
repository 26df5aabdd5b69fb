import autocannon from 'autocannon';

/**
 * Throughput and latency of one page under load: autocannon in this process (pinned to the
 * load core), 20 connections for 10 s, after 2 s of the same load to warm the server up (JIT,
 * caches, the connection pool), which is not measured.
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
};

export async function measureLoad(url: string, cookie?: string): Promise<LoadResult> {
  const options = { url, connections: loadSettings.connections, headers: cookie ? { cookie } : undefined };
  await autocannon({ ...options, duration: loadSettings.warmUpS });
  const result = await autocannon({ ...options, duration: loadSettings.durationS });
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
