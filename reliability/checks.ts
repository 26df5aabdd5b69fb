/** What the suite asserts, one line each; a run fails when any check fails. */
export type Check = { name: string; ok: boolean; detail?: string };

export class Checks {
  readonly list: Check[] = [];

  /** Passes when `count` is 0; `examples` explain a failure. */
  zero(name: string, count: number, examples: string[] = []): void {
    this.list.push({ name, ok: count === 0, detail: count === 0 ? undefined : `${count}${examples.length ? `, e.g. ${examples.slice(0, 3).join('; ')}` : ''}` });
  }

  that(name: string, ok: boolean, detail?: string): void {
    this.list.push({ name, ok, detail: ok ? undefined : detail });
  }

  get failed(): number {
    return this.list.filter((check) => !check.ok).length;
  }

  /** The last line of the output, which CI reads. */
  get summary(): string {
    return `${this.list.length - this.failed} passed, ${this.failed} failed`;
  }
}
