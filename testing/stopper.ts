export type Stopper = { add(stopOne: () => Promise<void>): void; stop(): Promise<void> };

/** Last started, first stopped; once, even when a signal and the end of the run both ask. */
export function reverseOrderStopper(): Stopper {
  const stoppers: (() => Promise<void>)[] = [];
  let stopped: Promise<void> | undefined;
  return {
    add: (stopOne) => void stoppers.push(stopOne),
    stop: () =>
      (stopped ??= (async () => {
        for (const stopOne of [...stoppers].reverse()) await stopOne().catch(() => {});
      })()),
  };
}
