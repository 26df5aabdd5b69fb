import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs one of scripts/ for real, as `npm run` would: tsx in a child process. For the CLIs' tests. */

export type Run = { status: number | null; stdout: string; stderr: string };

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

export function runScript(script: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    // The repository's tsconfig (for the @/ paths) even when run from another directory.
    const child = spawn(tsx, ['--tsconfig', path.join(repoRoot, 'tsconfig.json'), path.join(repoRoot, 'scripts', script), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
