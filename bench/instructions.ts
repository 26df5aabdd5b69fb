/**
 * `npm run bench:instructions [-- --baseline <rev>]`: the instructions the server executes per
 * request of the floor, the signed-out home and the signed-in home (and of the baseline's two
 * homes), counted by valgrind's callgrind. Unlike requests per second, the count does not drift
 * with what else the machine is doing (it varies by a few per cent between rounds of the same
 * server: when V8 collects garbage or compiles), so it tells apart changes that throughput on a
 * shared machine cannot. It counts work, not time: cache misses and stalls are not in it. Each server runs under callgrind with instrumentation off; it is
 * switched on only around the measured requests, after a warm-up that lets V8 compile the hot
 * paths. Slow (each server is about 50 times slower under valgrind): a few minutes per page.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { figureReports, writeLatestFigures } from '../testing/figures';
import { startApp, type RunningApp } from '../testing/app-server';
import type { Stopper } from '../testing/stopper';
import { baselineRevFromArgs, prepareBaseline, type Baseline } from './baseline';
import { buildTargetName, timedBuild } from './build';
import { checkPages, PreflightError, signedInSession, type BenchSession } from './preflight';
import { describeMachine, renderLatest } from './report';
import { runBenchScript } from './script';
import { benchAppEnvironmentOn, floorDir, productDistDir, startBenchStack } from './stack';

/**
 * Several rounds, and their mean: a round of 100 requests still varies by up to a third, as
 * some rounds take a lump of work (a full garbage collection) that others do not, and the mean
 * spreads it over the requests that caused it.
 */
export const instructionSettings = { warmUp: 300, rounds: 4, requests: 100 } as const;

/** Per request, over the rounds: their mean, and the least and most of one round. */
type Counted = { mean: number; min: number; max: number };

/** Beside the bench's own ports (bench/stack.ts), so that both can run at once. */
const ports = { floor: 3410, app: 3411, baseline: 3412 } as const;

const log = (line: string) => console.log(`[instructions] ${line}`);

type Page = { name: string; path: string; cookie?: string; expect: string };

function callgrindControl(pid: number, ...args: string[]): void {
  const result = spawnSync('callgrind_control', [...args, String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`callgrind_control ${args.join(' ')} ${pid} failed: ${(result.stderr || result.stdout).trim()}`);
}

/** The `totals:` line of the newest dump callgrind wrote for `pid` (its `summary:` line reads 0 in these dumps). */
async function lastDumpTotal(outDir: string, pid: number): Promise<number> {
  const prefix = `callgrind.out.${pid}.`;
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const dumps = (await readdir(outDir)).filter((name) => name.startsWith(prefix)).sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
    const newest = dumps.at(-1);
    if (newest) {
      const total = /^totals: (\d+)/m.exec(await readFile(path.join(outDir, newest), 'utf8'));
      if (total) return Number(total[1]);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`callgrind wrote no dump for process ${pid} in ${outDir}.`);
}

async function request(url: string, page: Page): Promise<void> {
  const response = await fetch(url, { headers: page.cookie ? { cookie: page.cookie } : {}, redirect: 'manual' });
  const body = await response.text();
  if (response.status !== 200 || !body.includes(page.expect)) throw new PreflightError(`${page.name} at ${url} answered ${response.status} without "${page.expect}": not counting it.`);
}

/** Instructions per request of each page, on one server started under callgrind. */
async function countPages(server: { name: string; projectDir?: string; env: Record<string, string>; port: number }, pages: Page[], outDir: string): Promise<Map<string, Counted>> {
  log(`${server.name}: starting under callgrind (about a minute)…`);
  const app: RunningApp = await startApp(server.env, server.port, {
    projectDir: server.projectDir,
    runUnder: ['valgrind', '--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${path.join(outDir, 'callgrind.out.%p')}`],
    readyWithinMs: 600_000,
  });
  const counts = new Map<string, Counted>();
  try {
    if (app.pid === undefined) throw new Error(`${server.name} has no process id.`);
    const url = `http://localhost:${server.port}`;
    for (const page of pages) {
      for (let index = 0; index < instructionSettings.warmUp; index += 1) await request(url + page.path, page);
      const rounds: number[] = [];
      for (let round = 1; round <= instructionSettings.rounds; round += 1) {
        callgrindControl(app.pid, '--zero');
        callgrindControl(app.pid, '--instr=on');
        for (let index = 0; index < instructionSettings.requests; index += 1) await request(url + page.path, page);
        callgrindControl(app.pid, '--instr=off');
        callgrindControl(app.pid, `--dump=${page.name} ${round}`);
        rounds.push((await lastDumpTotal(outDir, app.pid)) / instructionSettings.requests);
      }
      counts.set(page.name, { mean: rounds.reduce((sum, one) => sum + one, 0) / rounds.length, min: Math.min(...rounds), max: Math.max(...rounds) });
      log(`${server.name}, ${page.name}: ${rounds.map(millions).join(', ')} instructions per request`);
    }
  } finally {
    await app.stop();
  }
  return counts;
}

const millions = (count: number) => `${(count / 1e6).toFixed(2)} M`;
const change = (now: number, before: number) => `${now >= before ? '+' : '−'}${Math.abs((100 * (now - before)) / before).toFixed(1)} %`;

async function buildAll(stopper: Stopper, baseline: Baseline | undefined): Promise<void> {
  for (const target of ['product', 'floor', ...(baseline ? [baseline] : [])] as const) {
    const took = await timedBuild(target, stopper);
    log(`built ${buildTargetName(target)} in ${(took / 1000).toFixed(1)} s`);
  }
}

function homePages(session: BenchSession): Page[] {
  return [
    { name: 'home signed out', path: '/', expect: 'Sign in' },
    { name: 'home signed in', path: '/', cookie: session.cookie, expect: session.email },
  ];
}

const counted = ({ mean, min, max }: Counted) => `${millions(mean)} (${millions(min)}–${millions(max)})`;

function renderCounts(floor: Counted, app: Map<string, Counted>, baseline: { commit: string; counts: Map<string, Counted> } | undefined): string {
  const header = baseline
    ? [`| page | this checkout | ÷ floor | baseline ${baseline.commit} | change of the mean |`, '|---|---:|---:|---:|---:|']
    : ['| page | instructions per request | ÷ floor |', '|---|---:|---:|'];
  const rows = [...app].map(([name, count]) => {
    const cells = [name, counted(count), `${(count.mean / floor.mean).toFixed(2)}×`];
    const before = baseline?.counts.get(name);
    if (baseline) cells.push(before === undefined ? '—' : counted(before), before === undefined ? '—' : change(count.mean, before.mean));
    return `| ${cells.join(' | ')} |`;
  });
  return [...header, `| floor | ${counted(floor)} | 1.00× |${baseline ? ' — | — |' : ''}`, ...rows].join('\n');
}

runBenchScript('instructions', async ({ stopper, scratchDir: outDir }) => {
  const baselineRev = baselineRevFromArgs(process.argv.slice(2));
  const startedAt = new Date();
  const baseline = baselineRev === undefined ? undefined : prepareBaseline(baselineRev, stopper);
  await buildAll(stopper, baseline);
  // The session comes from a sign-up against the ordinary servers; the counted ones share its secrets.
  const stack = await startBenchStack(stopper, undefined, baseline);
  const session = await signedInSession(stack);
  await checkPages(stack, session);
  log(`signed in as ${session.email}`);

  const floorPage: Page = { name: 'floor', path: '/', expect: 'cookie' };
  const floor = await countPages({ name: 'floor', projectDir: floorDir, env: {}, port: ports.floor }, [floorPage], outDir);
  const appEnv = { ...benchAppEnvironmentOn(ports.app), NEXT_DIST_DIR: productDistDir };
  const app = await countPages({ name: 'this checkout', env: appEnv, port: ports.app }, homePages(session), outDir);
  const before = baseline && {
    commit: baseline.commit,
    counts: await countPages(
      { name: `baseline ${baseline.commit}`, projectDir: baseline.dir, env: { ...benchAppEnvironmentOn(ports.baseline), NEXT_DIST_DIR: productDistDir }, port: ports.baseline },
      homePages(session),
      outDir,
    ),
  };

  const table = renderCounts(floor.get('floor')!, app, before);
  const notes = [
    `Instructions the server process executed (all its threads), counted by valgrind --tool=callgrind, per request: the mean (the least and most of one round) of ${instructionSettings.rounds} rounds of ${instructionSettings.requests} sequential requests after ${instructionSettings.warmUp} of warm-up per page, on production builds under \`next start\`.`,
    ...(baseline ? [`Baseline: ${baseline.rev} (commit ${baseline.commit}), built with the same settings and dependencies.`] : []),
  ];
  console.log(`\n${table}\n\n${notes.map((note) => `- ${note}`).join('\n')}\n`);
  const file = await writeLatestFigures(figureReports.instructions, renderLatest({ table, machine: describeMachine(startedAt), notes }));
  log(`written ${path.relative(process.cwd(), file)} (npm run docs:figures puts it into ${figureReports.instructions.doc})`);
});
