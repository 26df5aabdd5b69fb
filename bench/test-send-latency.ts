import { localSesConnectorConfig } from '../local/app-environment';
import { sendEmail } from '../lib/ses';
import { testCode } from '../lib/ses';
import { timeouts } from '../testing/app-server';
import { uniqueEmail } from '../testing/unique-email';
import type { BenchSession } from './preflight';
import type { BenchStack } from './stack';
import { percentile } from './stats';

/**
 * What `POST /api/ses/test-send` adds to the mail it sends: its latency against the same mail
 * sent straight through the AWS SDK (a SESv2 SendEmailCommand, same template, same client
 * settings, same inbox), both from this process, one request at a time. The difference is the
 * route's own cost: HTTP into Next, the checks, the session cookie, the rate limits.
 */

export const testSendSettings = { requests: 200, warmUp: 20 } as const;

export type LatencyRun = { p50Ms: number; p99Ms: number; samplesMs: number[] };

async function timeSequentially(count: number, send: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    await send();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function latencyRun(send: () => Promise<void>): Promise<LatencyRun> {
  await timeSequentially(testSendSettings.warmUp, send);
  const samplesMs = await timeSequentially(testSendSettings.requests, send);
  return { p50Ms: percentile(samplesMs, 50), p99Ms: percentile(samplesMs, 99), samplesMs };
}

/** The two ways of sending, for one recipient of their own (the inbox keeps every mail). */
export function testSenders(stack: BenchStack, session: BenchSession) {
  const to = uniqueEmail('bench-test-send');
  const body = JSON.stringify({ to, usageType: 'Generic' });
  const headers = { 'content-type': 'application/json', origin: stack.appUrl, cookie: session.cookie };
  const viaApp = async () => {
    const response = await fetch(`${stack.appUrl}/api/ses/test-send`, { method: 'POST', headers, body });
    const answer = await response.text();
    if (response.status !== 200) throw new Error(`POST /api/ses/test-send answered ${response.status}: ${answer.slice(0, 300)}`);
  };
  // The same route refusing the request before any check of ours (wrong content type): what a
  // request to a Next route handler costs by itself, which no code in the route can lower.
  const refusedAtOnce = async () => {
    const response = await fetch(`${stack.appUrl}/api/ses/test-send`, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body });
    await response.text();
    if (response.status !== 415) throw new Error(`POST /api/ses/test-send with text/plain answered ${response.status}, not 415`);
  };
  const settings = { connector: localSesConnectorConfig(), endpoint: stack.inboxUrl, timeoutMs: timeouts.sesMs };
  const direct = async () => void (await sendEmail(settings, { to, usageType: 'Generic', payload: { code: testCode } }));
  return { viaApp: () => latencyRun(viaApp), direct: () => latencyRun(direct), refusedAtOnce: () => latencyRun(refusedAtOnce) };
}
