import { spawnSync } from 'node:child_process';

/**
 * On a 2-core machine a load generator that shares a core with the server it measures mostly
 * measures itself. So the servers go on one core (`taskset -c`) and the bench process, which
 * runs autocannon, Chromium and the requests of its own, on another. Without `taskset` or a
 * second core the bench still runs, unpinned, and says so in its report.
 */

export type Pinning =
  | { pinned: true; serverCpus: string; loadCpus: string; allCpus: string; note: string }
  | { pinned: false; serverCpus?: undefined; note: string };

/** The CPUs of a `taskset -p` answer or a list such as "0-3,6": "pid 1's current affinity list: 0,1". */
export function parseCpuList(text: string): number[] {
  const list = text.includes(':') ? text.slice(text.lastIndexOf(':') + 1) : text;
  return list
    .trim()
    .split(',')
    .filter((part) => part !== '')
    .flatMap((part) => {
      const [first = '', last = first] = part.split('-');
      const [from, to] = [Number(first), Number(last)];
      if (!Number.isInteger(from) || !Number.isInteger(to) || to < from) throw new Error(`Not a CPU list: "${text}".`);
      return Array.from({ length: to - from + 1 }, (_, index) => from + index);
    });
}

/** Decides from the CPUs this process may use: the first for servers, the second for the load. */
export function planPinning(): Pinning {
  const answer = spawnSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' });
  if (answer.error || answer.status !== 0) return { pinned: false, note: 'not pinned: `taskset` is not available' };
  const cpus = parseCpuList(answer.stdout);
  const [server, load] = cpus;
  if (server === undefined || load === undefined) return { pinned: false, note: `not pinned: only CPU ${cpus.join(',')} is available` };
  return { pinned: true, serverCpus: String(server), loadCpus: String(load), allCpus: cpus.join(','), note: `servers on CPU ${server}, load generator and browser on CPU ${load}` };
}

/**
 * Moves every thread of this process (libuv's pool and V8's helpers too) to `cpus`; children
 * started afterwards (Chromium) inherit it. Returns false when the kernel refused.
 */
export function pinThisProcess(cpus: string): boolean {
  return spawnSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' }).status === 0;
}
