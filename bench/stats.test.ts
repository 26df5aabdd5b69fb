import { describe, expect, it } from 'vitest';

import { median, percentile, ratio, summarize, summarizeField } from './stats';

describe('median', () => {
  it('takes the middle value of an odd count, in any order', () => {
    expect(median([3, 1, 2])).toBe(2);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty list rather than answering NaN', () => {
    expect(() => median([])).toThrow('No values');
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => 100 - index);

  it('is a measured value, by nearest rank', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7, 1, 5], 50)).toBe(5);
  });

  it('is the largest value at p99 when there are fewer than 100 values', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
  });

  it('refuses a percentile outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
  });
});

describe('summaries', () => {
  it('keep the runs in order with their minimum and median', () => {
    expect(summarize([30, 10, 20])).toEqual({ runs: [30, 10, 20], min: 10, median: 20 });
  });

  it('summarise one field of each run', () => {
    expect(summarizeField([{ rps: 900 }, { rps: 1100 }, { rps: 1000 }], (run) => run.rps)).toEqual({ runs: [900, 1100, 1000], min: 900, median: 1000 });
  });
});

describe('ratio', () => {
  it('divides the app by the reference', () => {
    expect(ratio(900, 1000)).toBe(0.9);
  });

  it('is NaN, never Infinity, against a zero reference', () => {
    expect(ratio(1, 0)).toBeNaN();
  });
});
