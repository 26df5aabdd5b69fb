import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import { testSendAllowedEmails } from './test-environment';

/**
 * The app's production build, built when missing and started under `next start` (or as the
 * standalone server) the way the suites and the bench run it.
 */

/**
 * Low, so that a slow-service fault shows within seconds, yet above what a sign-in's calls to
 * Logto take while 50 people sign in at once on 2 cores.
 */
export const timeouts = { logtoMs: 3_000, sesMs: 3_000 } as const;

// npm runs its scripts from the package root.
const root = process.cwd();
export const nextBin = path.join(root, 'node_modules', '.bin', 'next');

/** Playwright's web server leaves a production build behind; build one when it did not. */
export function ensureProductionBuild(): void {
  if (existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  console.log('No production build in .next: running next build.');
  const build = spawnSync(nextBin, ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) throw new Error(`next build failed with exit code ${build.status}.`);
}

/** Where the standalone build goes: its own folder, so `.next` stays a build `next start` serves without a warning. */
export const standaloneDistDir = '.next-standalone';

/**
 * The container recipe's build (`npm run build:standalone`: `output: 'standalone'`), into
 * `.next-standalone`; rebuilt when older than `.next`, so it is never a build of other code.
 */
export function ensureStandaloneBuild(): string {
  const dist = path.join(root, standaloneDistDir);
  const built = (dir: string) => (existsSync(path.join(dir, 'BUILD_ID')) ? statSync(path.join(dir, 'BUILD_ID')).mtimeMs : 0);
  if (existsSync(path.join(dist, 'standalone', 'server.js')) && built(dist) >= built(path.join(root, '.next'))) return dist;
  console.log(`Building the standalone server into ${standaloneDistDir} (npm run build:standalone).`);
  const build = spawnSync(nextBin, ['build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_OUTPUT: 'standalone', NEXT_DIST_DIR: standaloneDistDir },
  });
  if (build.status !== 0) throw new Error(`next build (standalone) failed with exit code ${build.status}.`);
  return dist;
}

export type RunningApp = {
  log: string[];
  /** Leads the server's process group: every process `next start` runs has it as group id. */
  pid: number | undefined;
  stop(): Promise<void>;
};

export type StartAppOptions = {
  /**
   * The Next project to start, relative to the repository root or absolute; the root when
   * absent. The server runs in it (the product reads its build from the working directory),
   * with the project's own `next` when it has a node_modules (a bench baseline does).
   */
  projectDir?: string;
  /** A `taskset -c` CPU list the server is pinned to (npm run bench); unpinned when absent. */
  cpuList?: string;
  /** What `next start -H` binds: `localhost` when absent, Next's own default when null. */
  host?: string | null;
  /**
   * Run the standalone server in this folder (`node server.js`, bound by HOSTNAME), as a
   * container does, instead of `next start`.
   */
  standaloneDir?: string;
  /** A command the server runs under (after taskset): valgrind, for `npm run bench:instructions`. */
  runUnder?: string[];
  /** Flags for node itself, such as `--cpu-prof` (which NODE_OPTIONS may not carry). */
  nodeFlags?: string[];
  /** How long it may take to answer 200 (60 s when absent; far longer under valgrind). */
  readyWithinMs?: number;
};

/** Where a server bound to `host` answers on this machine. */
const localUrlFor = (host: string | null, port: number) => `http://${host === '127.0.0.1' || host === '0.0.0.0' ? '127.0.0.1' : 'localhost'}:${port}`;

/**
 * `next start` on `port` with this environment (on top of the suite's fixed settings), once it
 * answers. Its output is kept, line by line, to be searched for secrets.
 */
export async function startApp(appEnv: Record<string, string>, port: number, options: StartAppOptions = {}): Promise<RunningApp> {
  const env = {
    ...process.env,
    LOGTO_TIMEOUT_MS: String(timeouts.logtoMs),
    AWS_SES_TIMEOUT_MS: String(timeouts.sesMs),
    // The suite sends many test mails on purpose; the limits themselves are unit-tested.
    TEST_SEND_USER_LIMIT: '100000/1h',
    TEST_SEND_RECIPIENT_LIMIT: '100000/1h',
    // Every test address (unique-email.ts) may test-send. Set here (TEST_SEND_OPEN_TO_SIGNED_IN
    // and REDIS_URL set but empty), so that a developer's .env.local cannot change what is measured.
    TEST_SEND_ALLOWED_EMAILS: testSendAllowedEmails,
    TEST_SEND_OPEN_TO_SIGNED_IN: '',
    REDIS_URL: '',
    // A start that needs other settings (a deployment shape's limits, Redis) gives them here.
    ...appEnv,
    NODE_ENV: 'production' as const,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const host = options.host === undefined ? 'localhost' : options.host;
  const startArgs = ['start', '-p', String(port), ...(host === null ? [] : ['-H', host])];
  const projectDir = path.resolve(root, options.projectDir ?? '.');
  const ownModules = existsSync(path.join(projectDir, 'node_modules', 'next')) ? projectDir : root;
  // Next's own script run by this node, not the `.bin` shim, whose `#!/usr/bin/env node` would
  // be a program of its own under valgrind. taskset and valgrind exec it in place, so the pid
  // and the process group stay the server's.
  const nextScript = path.join(ownModules, 'node_modules', 'next', 'dist', 'bin', 'next');
  const prefix = [...(options.cpuList ? ['taskset', '-c', options.cpuList] : []), ...(options.runUnder ?? [])];
  const [command, ...args] = [...prefix, process.execPath, ...(options.nodeFlags ?? []), nextScript, ...startArgs];
  // Its own process group, so stopping it also stops anything next start spawned.
  const spawnOptions = { cwd: projectDir, env, detached: true };
  const child = options.standaloneDir
    ? spawn(process.execPath, ['server.js'], { ...spawnOptions, cwd: options.standaloneDir, env: { ...env, PORT: String(port), HOSTNAME: host ?? '0.0.0.0' } })
    : spawn(command!, args, spawnOptions);
  const log: string[] = [];
  let partial = '';
  const collect = (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    log.push(...lines);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('exit', () => {
    if (partial) log.push(partial);
    partial = '';
  });
  // Should the suite itself die, the server must not outlive it.
  const killOnExit = () => child.exitCode === null && child.pid !== undefined && process.kill(-child.pid, 'SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopProcess(child);
  };
  try {
    await waitUntilServing(localUrlFor(host, port), child, log, options.readyWithinMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { log, pid: child.pid, stop };
}

async function waitUntilServing(url: string, app: ChildProcess, serverLog: string[], withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`The app server exited with ${app.exitCode}:\n${serverLog.join('\n')}`);
    const answered = await fetch(url, { signal: AbortSignal.timeout(withinMs > 60_000 ? 30_000 : 2_000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app server did not answer 200 on ${url} within ${withinMs / 1000} s:\n${serverLog.join('\n')}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const killer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}
