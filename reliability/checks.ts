/** What the suite asserts, one line each; a run fails when any check fails. */
export type Check = { name: string; ok: boolean; detail?: string; skipped?: boolean };

export class Checks {
  readonly list: Check[] = [];

  /** Passes when `count` is 0; `examples` explain a failure. */
  zero(name: string, count: number, examples: string[] = []): void {
    this.list.push({ name, ok: count === 0, detail: count === 0 ? undefined : `${count}${examples.length ? `, e.g. ${examples.slice(0, 3).join('; ')}` : ''}` });
  }

  that(name: string, ok: boolean, detail?: string): void {
    this.list.push({ name, ok, detail: ok ? undefined : detail });
  }

  /** A check that could not be made here, with why: neither passed nor failed. */
  skip(name: string, reason: string): void {
    this.list.push({ name, ok: true, skipped: true, detail: reason });
  }

  get failed(): number {
    return this.list.filter((check) => !check.ok).length;
  }

  get skipped(): number {
    return this.list.filter((check) => check.skipped).length;
  }

  /** The last line of the output, which CI reads. */
  get summary(): string {
    const passed = this.list.length - this.failed - this.skipped;
    return `${passed} passed, ${this.failed} failed${this.skipped > 0 ? `, ${this.skipped} skipped` : ''}`;
  }
}
