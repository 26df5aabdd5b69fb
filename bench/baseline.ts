import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Stopper } from '../testing/stopper';

/**
 * `npm run bench -- --baseline <rev>`: another revision of the product, measured in the same run
 * as this checkout, so that a change is judged before and after on the same machine in the same
 * minutes rather than against figures from another day. The revision is checked out as a git
 * worktree outside the repository (so that no tool of this checkout scans it), with this
 * checkout's node_modules hard-linked in: both builds use the same dependencies, which is why a
 * revision whose package-lock.json differs is refused rather than measured.
 */

export type Baseline = {
  /** As given on the command line. */
  rev: string;
  /** The abbreviated commit it names. */
  commit: string;
  /** The worktree, an absolute path. */
  dir: string;
};

export class BaselineError extends Error {}

function git(args: string[], cwd = process.cwd()): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new BaselineError(`git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout.trim();
}

/** The value of `--baseline <rev>` or `--baseline=<rev>`, if given. */
export function baselineRevFromArgs(args: readonly string[]): string | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg.startsWith('--baseline=')) return nonEmpty(arg.slice('--baseline='.length));
    if (arg === '--baseline') return nonEmpty(args[index + 1]);
  }
  const unknown = args.find((arg) => arg.startsWith('-'));
  if (unknown) throw new BaselineError(`Unknown option ${unknown}: npm run bench takes only --baseline <git revision>.`);
  return undefined;
}

function nonEmpty(rev: string | undefined): string {
  if (!rev || rev.startsWith('-')) throw new BaselineError('--baseline needs a git revision, for example: npm run bench -- --baseline main~1');
  return rev;
}

/** Checks out `rev` beside the repository; removed again when the bench stops. */
export function prepareBaseline(rev: string, stopper: Stopper): Baseline {
  const resolved = spawnSync('git', ['rev-parse', '--verify', '--quiet', '--short', `${rev}^{commit}`], { encoding: 'utf8' });
  if (resolved.status !== 0) throw new BaselineError(`--baseline ${rev}: no such commit in this repository.`);
  const commit = resolved.stdout.trim();
  const lockOf = (text: string) => text.replace(/\s+/g, '');
  const theirLock = git(['show', `${commit}:package-lock.json`]);
  if (lockOf(theirLock) !== lockOf(readFileSync('package-lock.json', 'utf8'))) {
    throw new BaselineError(`${rev} (${commit}) has other dependencies than this checkout (package-lock.json differs); a comparison needs the same ones.`);
  }
  const dir = path.join(tmpdir(), `logto-ses-bench-baseline-${commit}`);
  // A run stopped hard may have left one behind.
  if (existsSync(dir)) git(['worktree', 'remove', '--force', dir]);
  git(['worktree', 'add', '--detach', '--quiet', dir, commit]);
  stopper.add(async () => void git(['worktree', 'remove', '--force', dir]));
  // Hard links: the same files, in seconds and without the disk space; Turbopack refuses a
  // node_modules that is a symlink out of the project.
  const copy = spawnSync('cp', ['-al', path.resolve('node_modules'), path.join(dir, 'node_modules')], { encoding: 'utf8' });
  if (copy.status !== 0) throw new BaselineError(`Could not link node_modules into ${dir}: ${copy.stderr.trim()}`);
  return { rev, commit, dir };
}
