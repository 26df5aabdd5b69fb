/**
 * `npm run test:vercel`: builds the app as Vercel does, offline, and checks the output
 * (reliability/vercel-output.ts). The project is copied to a temporary folder (the files git
 * knows, and node_modules as hard links), given a hand-written `.vercel/project.json` (what
 * `vercel link` would write), and built with the Vercel CLI's `vercel build`, which runs
 * `npm run build` and writes `.vercel/output`; nothing is deployed and no network is needed.
 * Ends with "N passed, M failed" (exit code 1 when anything failed).
 *
 * The CLI is not a dependency of the project: it lists native packages for every platform as
 * optional dependencies, and the npm registry lacks some of them for the pinned version, which a
 * package-lock cannot record, so `npm ci` would refuse the lock. It is installed once per machine
 * into its own folder (`npm install` skips a missing optional package), pinned, with its
 * `sandbox` dependency moved to a version the registry has.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { checkVercelOutput } from './vercel-output';

const root = process.cwd();
const vercelVersion = '64.0.2';
/** The CLI pins sandbox@4.4.0, which the registry lacks; 4.5.0 is its next release. */
const sandboxVersion = '4.5.0';
/** A build takes a few minutes on two shared cores; this is far above that. */
const buildTimeoutMs = 15 * 60_000;

async function copyProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'logto-ses-next-vercel-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('node_modules/'));
  // cp --parents keeps each file's folders; batches keep the command line short.
  for (let start = 0; start < files.length; start += 500) {
    execFileSync('cp', ['--parents', '--no-dereference', ...files.slice(start, start + 500), dir], { cwd: root });
  }
  // Hard links: a copy of node_modules in seconds, without its size (both live on one disk).
  execFileSync('cp', ['-al', path.join(root, 'node_modules'), path.join(dir, 'node_modules')]);
  await mkdir(path.join(dir, '.vercel'));
  await writeFile(path.join(dir, '.vercel', 'project.json'), JSON.stringify({ projectId: 'prj_offline', orgId: 'team_offline', settings: { framework: 'nextjs' } }));
  return dir;
}

/** The Vercel CLI's binary, installed into a folder of its own the first time. */
async function vercelCli(): Promise<string> {
  const dir = path.join(tmpdir(), `logto-ses-next-vercel-cli-${vercelVersion}`);
  const bin = path.join(dir, 'node_modules', '.bin', 'vercel');
  if (existsSync(bin)) return bin;
  await mkdir(dir, { recursive: true });
  const manifest = { private: true, dependencies: { vercel: vercelVersion }, overrides: { sandbox: sandboxVersion } };
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  console.log(`Installing the Vercel CLI ${vercelVersion} into ${dir}…`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  return bin;
}

function vercelBuild(cli: string, dir: string): Promise<{ status: number | null; log: string }> {
  // The suite's own switches must not change what Vercel builds.
  const ours = new Set(['NEXT_DIST_DIR', 'NEXT_OUTPUT', 'NODE_ENV']);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !ours.has(name)));
  // Vercel sets NODE_ENV for the build itself.
  const env = { ...inherited, NEXT_TELEMETRY_DISABLED: '1', VERCEL_TELEMETRY_DISABLED: '1' } as unknown as NodeJS.ProcessEnv;
  return new Promise((resolve) => {
    const child = spawn(cli, ['build', '--yes'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const keep = (chunk: Buffer) => {
      log += chunk.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), buildTimeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, log });
    });
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  const cli = await vercelCli();
  const dir = await copyProject();
  try {
    console.log(`vercel build in ${dir} (offline, a hand-written .vercel/project.json)…`);
    const build = await vercelBuild(cli, dir);
    const rows =
      build.status === 0
        ? checkVercelOutput(dir, build.log)
        : [{ check: 'vercel build', answer: `exit ${build.status}`, problem: build.log.split('\n').slice(-30).join('\n') }];
    for (const row of rows) console.log(`${row.problem ? '✗' : '✓'} ${row.check}: ${row.answer}${row.problem ? ` — ${row.problem}` : ''}`);
    const failed = rows.filter((row) => row.problem).length;
    console.log(`${rows.length - failed} passed, ${failed} failed (${Math.round((Date.now() - started) / 1000)} s)`);
    return failed === 0 ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
