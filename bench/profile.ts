/**
 * `npm run bench:profile`: where a signed-in home request spends its CPU time. The product's
 * production build runs under `next start` with V8's sampling profiler (`--cpu-prof`) while
 * autocannon loads the signed-in home; the samples taken during the load (not the start or the
 * warm-up) are attributed through the build's source maps to the code they ran: React, Next,
 * the proxy, the session read, the app's own pages, Node. Prints the share and the
 * milliseconds per request of each.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import autocannon from 'autocannon';

import { figureReports, writeLatestFigures } from '../testing/figures';
import { startApp } from '../testing/app-server';
import { timedBuild } from './build';
import { breakdown, type Breakdown, type CpuProfile } from './cpu-profile';
import { loadSettings } from './load';
import { checkPages, PreflightError, signedInSession } from './preflight';
import { describeMachine, renderLatest } from './report';
import { runBenchScript } from './script';
import { benchAppEnvironmentOn, productDistDir, startBenchStack } from './stack';

const profiledPort = 3413;
const loadSeconds = 15;

const log = (line: string) => console.log(`[profile] ${line}`);

const monotonicMicroseconds = () => Number(process.hrtime.bigint() / 1000n);

const total = (parts: Breakdown) => parts.reduce((sum, part) => sum + part.ms, 0);

runBenchScript('profile', async ({ stopper, scratchDir: profileDir }) => {
  const startedAt = new Date();
  await timedBuild('product', stopper);
  const stack = await startBenchStack(stopper, undefined);
  const session = await signedInSession(stack);
  await checkPages(stack, session);
  log(`signed in as ${session.email}; profiling the signed-in home for ${loadSeconds} s…`);

  const env = { ...benchAppEnvironmentOn(profiledPort), NEXT_DIST_DIR: productDistDir };
  const app = await startApp(env, profiledPort, { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  const options = { url: `http://localhost:${profiledPort}/`, connections: loadSettings.connections, headers: { cookie: session.cookie } };
  await autocannon({ ...options, duration: loadSettings.warmUpS });
  const fromUs = monotonicMicroseconds();
  const result = await autocannon({ ...options, duration: loadSeconds });
  const toUs = monotonicMicroseconds();
  // Next exits on SIGTERM, and V8 writes the profile as the process exits.
  await app.stop();
  if (result.non2xx + result.errors > 0) throw new PreflightError(`${result.non2xx} answers other than 2xx and ${result.errors} errors under load: not a profile of the signed-in home.`);

  const files = (await readdir(profileDir)).filter((name) => name.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`The server wrote no CPU profile into ${profileDir}.`);
  const profiles = await Promise.all(files.map(async (name) => JSON.parse(await readFile(path.join(profileDir, name), 'utf8')) as CpuProfile));
  // `next start` is one process; should it ever start helpers, the server is the busiest.
  const parts = profiles.map((profile) => breakdown(profile, fromUs, toUs)).sort((a, b) => total(b) - total(a))[0]!;
  if (total(parts) === 0) throw new Error('No sample of the profile fell within the load: the clocks of the two processes disagree.');

  const requests = result.requests.total;
  const cpuMs = total(parts);
  const mostly = (sources: Breakdown[number]['sources']) =>
    sources
      .slice(0, 3)
      .map(({ source, ms }) => `\`${source}\` ${((100 * ms) / cpuMs).toFixed(1)} %`)
      .join(', ');
  const table = [
    '| part of a signed-in home request | share of CPU | ms per request | mostly in |',
    '|---|---:|---:|---|',
    ...parts.map(({ category, ms, sources }) => `| ${category} | ${((100 * ms) / cpuMs).toFixed(1)} % | ${(ms / requests).toFixed(3)} | ${mostly(sources)} |`),
    `| **all** | 100 % | **${(cpuMs / requests).toFixed(3)}** | |`,
  ].join('\n');
  const notes = [
    `V8's sampling profiler on the server (\`next start --cpu-prof\`, production build) during ${loadSeconds} s of autocannon on the signed-in home (${loadSettings.connections} connections, after ${loadSettings.warmUpS} s of warm-up not counted): ${requests} requests, ${result.requests.average.toFixed(0)} req/s, unpinned.`,
    "Self time of each sample, attributed through the build's and Next's source maps to the source it ran; idle time left out.",
  ];
  console.log(`\n${table}\n\n${notes.map((note) => `- ${note}`).join('\n')}\n`);
  const file = await writeLatestFigures(figureReports.profile, renderLatest({ table, machine: describeMachine(startedAt), notes }));
  log(`written ${path.relative(process.cwd(), file)} (npm run docs:figures puts it into ${figureReports.profile.doc})`);
});
