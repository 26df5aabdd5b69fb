import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';

import { nextBin } from '../testing/app-server';
import type { Stopper } from '../testing/stopper';
import type { Baseline } from './baseline';
import { baselineAppEnvironment, benchAppEnvironment, floorDir, productDistDir } from './stack';

/**
 * `next build` of the product (into `.next-bench`, with the local stand-ins' settings, as the
 * test suite builds it) and of the floor app, timed from start to exit. Each build starts cold:
 * Turbopack and TypeScript keep caches in `<distDir>/cache` that make a rebuild several times
 * faster, and how warm they happen to be would otherwise decide the figure. The build's output
 * is kept and shown only when it fails: the figures are the point of the run. A baseline
 * (bench/baseline.ts) is built in its worktree with its own `next`, as the product is here.
 */

export type BuildTarget = 'product' | 'floor' | Baseline;

type BuildCommand = { bin: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv; distDir: string };

function buildCommand(target: BuildTarget): BuildCommand {
  const common = { ...process.env, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' };
  const cwd = process.cwd();
  if (target === 'floor') return { bin: nextBin, args: ['build', floorDir], cwd, env: common, distDir: path.join(floorDir, '.next') };
  if (target === 'product') return { bin: nextBin, args: ['build'], cwd, env: { ...common, ...benchAppEnvironment(), NEXT_DIST_DIR: productDistDir }, distDir: productDistDir };
  return {
    bin: path.join(target.dir, 'node_modules', '.bin', 'next'),
    args: ['build'],
    cwd: target.dir,
    env: { ...common, ...baselineAppEnvironment(), NEXT_DIST_DIR: productDistDir },
    distDir: path.join(target.dir, productDistDir),
  };
}

/** How logs and errors name a target. */
export const buildTargetName = (target: BuildTarget) => (typeof target === 'string' ? target : `baseline ${target.commit}`);

/** Builds `target` once, without its caches; the wall-clock time in ms. */
export async function timedBuild(target: BuildTarget, stopper: Stopper): Promise<number> {
  const { bin, args, cwd, env, distDir } = buildCommand(target);
  await rm(path.join(distDir, 'cache'), { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // A signal while building stops the build too (Ctrl-C reaches it anyway, SIGTERM does not).
  stopper.add(async () => void (child.exitCode === null && child.kill('SIGTERM')));
  const output: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    process.stderr.write(Buffer.concat(output));
    throw new Error(`next ${args.join(' ')} (${buildTargetName(target)}) exited with ${code}.`);
  }
  return performance.now() - started;
}
