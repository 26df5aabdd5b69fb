/**
 * The few statistics the benchmark reports. Every figure is taken over several runs and
 * reported as the median (the typical run) and the minimum (the least disturbed run for a time,
 * the worst run for a throughput): on a shared 2-core machine one run is never enough.
 */

export type Summary = {
  /** One value per run, in the order measured. */
  runs: number[];
  min: number;
  median: number;
};

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('No values to summarise.');
  return [...values].sort((a, b) => a - b);
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  const ordered = sorted(values);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1 ? ordered[middle]! : (ordered[middle - 1]! + ordered[middle]!) / 2;
}

/**
 * The nearest-rank percentile: the smallest value with at least `p` % of the values at or
 * below it, so it is always a latency that was actually measured.
 */
export function percentile(values: readonly number[], p: number): number {
  if (p <= 0 || p > 100) throw new Error(`A percentile lies in (0, 100], not ${p}.`);
  const ordered = sorted(values);
  return ordered[Math.ceil((p / 100) * ordered.length) - 1]!;
}

export function summarize(runs: readonly number[]): Summary {
  return { runs: [...runs], min: sorted(runs)[0]!, median: median(runs) };
}

/** Summaries of one field of every run, e.g. the requests per second of each load run. */
export function summarizeField<T>(runs: readonly T[], field: (run: T) => number): Summary {
  return summarize(runs.map(field));
}

/** `app / reference`: above 1 means the app has more of it (requests/s, ms, bytes). */
export function ratio(app: number, reference: number): number {
  return reference === 0 ? Number.NaN : app / reference;
}
