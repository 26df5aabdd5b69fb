import { readdir, readFile } from 'node:fs/promises';

/**
 * A server's peak resident memory: VmHWM (the kernel's high-water mark of the resident set) of
 * every process in its process group, since `next start` may run workers beside its main
 * process. Read after the load, it is the most the server held at any moment of it.
 */

export type GroupMemory = {
  processes: { pid: number; command: string; vmHwmKiB: number }[];
  /** The sum over the group, an upper bound of what it held at its busiest. */
  totalMiB: number;
};

/** The command name and process group of a `/proc/<pid>/stat` line. */
export function parseStat(stat: string): { command: string; processGroup: number } {
  // The command sits in parentheses and may itself hold spaces and parentheses.
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const [, , processGroup] = stat.slice(close + 2).split(' ');
  return { command: stat.slice(open + 1, close), processGroup: Number(processGroup) };
}

/** VmHWM of a `/proc/<pid>/status` in KiB; 0 when absent (a kernel thread, a zombie). */
export function parseVmHwmKiB(status: string): number {
  return Number(/^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1] ?? 0);
}

export async function peakMemoryOfGroup(processGroup: number): Promise<GroupMemory> {
  const processes: GroupMemory['processes'] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // A process may exit between the listing and the read.
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    if (!stat || parseStat(stat).processGroup !== processGroup) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    processes.push({ pid: Number(entry), command: parseStat(stat).command, vmHwmKiB: parseVmHwmKiB(status) });
  }
  if (processes.length === 0) throw new Error(`No process in group ${processGroup}: did the server stop?`);
  return { processes, totalMiB: processes.reduce((sum, member) => sum + member.vmHwmKiB, 0) / 1024 };
}
