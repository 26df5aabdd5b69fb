import { describe, expect, it } from 'vitest';

import { processWide, replaceProcessWide } from './process-wide';

describe('processWide', () => {
  it('makes the value once and hands every caller the same one', () => {
    let made = 0;
    const first = processWide('test.once', () => ({ made: ++made }));
    const second = processWide('test.once', () => ({ made: ++made }));
    expect(second).toBe(first);
    expect(made).toBe(1);
  });

  it('keeps the value where another copy of the module finds it: on globalThis, under Symbol.for', () => {
    const value = processWide('test.shared', () => new Map<string, number>());
    expect((globalThis as unknown as Record<symbol, unknown>)[Symbol.for('logto-ses-next.test.shared')]).toBe(value);
  });

  it('replaces a value for everyone', () => {
    processWide('test.replaced', () => 'old');
    replaceProcessWide('test.replaced', 'new');
    expect(processWide('test.replaced', () => 'unused')).toBe('new');
  });
});
