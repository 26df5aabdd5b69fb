import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { freePort } from './free-port';

/**
 * A throwaway redis-server (Debian's package) on a free loopback port, without persistence,
 * for the tests that need a real shared store.
 */

/** Found on PATH like any command, so that a PATH without it shows which tests need it. */
function redisServerOnPath(): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'redis-server'))
    .find((candidate) => existsSync(candidate));
}

export type RunningRedis = { url: string; port: number; stop: () => Promise<void> };

export async function startRedisServer(): Promise<RunningRedis> {
  const binary = redisServerOnPath();
  if (!binary) {
    throw new Error(
      'redis-server is not on PATH. The Redis rate-limit tests need it: ' +
        'install the Debian package (apt-get install redis-server), as .ci/run does.',
    );
  }
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
