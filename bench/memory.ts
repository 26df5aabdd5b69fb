import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/**
 * What a server's processes used, read from /proc for every process in its process group,
 * since `next start` may run workers beside its main process: the peak resident memory (VmHWM,
 * the kernel's high-water mark of the resident set; read after the load, it is the most the
 * server held at any moment of it) and the CPU time spent so far (user and system).
 */

export type GroupMemory = {
  processes: { pid: number; command: string; vmHwmKiB: number }[];
  /** The sum over the group, an upper bound of what it held at its busiest. */
  totalMiB: number;
};

/** The command name, process group and CPU clock ticks (user + system) of a `/proc/<pid>/stat` line. */
export function parseStat(stat: string): { command: string; processGroup: number; cpuTicks: number } {
  // The command sits in parentheses and may itself hold spaces and parentheses.
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  // After the command: state, ppid, pgrp, … utime and stime are the 12th and 13th (fields 14, 15).
  const fields = stat.slice(close + 2).split(' ');
  return { command: stat.slice(open + 1, close), processGroup: Number(fields[2]), cpuTicks: Number(fields[11] ?? 0) + Number(fields[12] ?? 0) };
}

/** The statistics of one process group: each member's stat line and status. */
async function groupMembers(processGroup: number): Promise<{ pid: number; stat: ReturnType<typeof parseStat>; status: string }[]> {
  const members = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // A process may exit between the listing and the read.
    const line = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    if (!line || parseStat(line).processGroup !== processGroup) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    members.push({ pid: Number(entry), stat: parseStat(line), status });
  }
  if (members.length === 0) throw new Error(`No process in group ${processGroup}: did the server stop?`);
  return members;
}

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time the group's processes have used so far, in ms (the kernel counts it in clock ticks, 10 ms here). */
export async function cpuMsOfGroup(processGroup: number): Promise<number> {
  const members = await groupMembers(processGroup);
  return (members.reduce((sum, member) => sum + member.stat.cpuTicks, 0) * 1000) / ticksPerSecond;
}

/** VmHWM of a `/proc/<pid>/status` in KiB; 0 when absent (a kernel thread, a zombie). */
export function parseVmHwmKiB(status: string): number {
  return Number(/^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1] ?? 0);
}

export async function peakMemoryOfGroup(processGroup: number): Promise<GroupMemory> {
  const processes = (await groupMembers(processGroup)).map(({ pid, stat, status }) => ({ pid, command: stat.command, vmHwmKiB: parseVmHwmKiB(status) }));
  return { processes, totalMiB: processes.reduce((sum, member) => sum + member.vmHwmKiB, 0) / 1024 };
}
