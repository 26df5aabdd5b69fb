import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The child processes of `npm run dev`, stopped together: on Ctrl-C, on SIGTERM, or as soon as
 * one of them exits on its own (then the group's exit code says something went wrong).
 */

const killAfterMs = 5_000;

export class ProcessGroup {
  readonly #children = new Map<string, ChildProcess>();
  #stopping = false;
  #finished = false;
  #exitCode = 0;
  readonly #onAllExited: (exitCode: number) => void;

  constructor(onAllExited: (exitCode: number) => void) {
    this.#onAllExited = onAllExited;
  }

  start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    // Inherited output keeps next's colours. Each child leads its own process group so that
    // stopping it also stops what it started (`next dev` runs its server as a grandchild),
    // whether the stop comes from Ctrl-C or from a plain `kill` of this process.
    const child = spawn(command, args, { env, stdio: 'inherit', detached: true });
    this.#children.set(name, child);
    child.on('exit', (code, signal) => this.#exited(name, signal ?? `exit code ${code}`));
    // A command that cannot be started may never emit 'exit'.
    child.on('error', (error) => this.#exited(name, `could not run: ${error.message}`));
    return child;
  }

  has(name: string): boolean {
    return this.#children.has(name);
  }

  stop(exitCode = 0): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#exitCode = exitCode;
    for (const child of this.#children.values()) signalGroup(child, 'SIGTERM');
    // A child stuck in its shutdown must not keep the terminal.
    setTimeout(() => {
      for (const child of this.#children.values()) signalGroup(child, 'SIGKILL');
    }, killAfterMs).unref();
    this.#finishIfIdle();
  }

  #exited(name: string, how: string): void {
    if (!this.#children.delete(name)) return;
    if (!this.#stopping) {
      console.error(`[dev] ${name} stopped (${how}); stopping the rest.`);
      this.stop(1);
    }
    this.#finishIfIdle();
  }

  #finishIfIdle(): void {
    if (this.#stopping && this.#children.size === 0 && !this.#finished) {
      this.#finished = true;
      this.#onAllExited(this.#exitCode);
    }
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
