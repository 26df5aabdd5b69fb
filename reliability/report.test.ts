import { describe, expect, it } from 'vitest';

import { Checks } from './checks';
import { percentile } from './concurrent-sign-ins';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect([percentile(values, 0.5), percentile(values, 0.95), percentile([], 0.5)]).toEqual([50, 95, 0]);
  });
});

describe('Checks', () => {
  it('counts a check that could not be made as skipped, neither passed nor failed', () => {
    const checks = new Checks();
    checks.that('holds', true);
    checks.zero('none found', 2, ['a', 'b']);
    checks.skip('npm audit', 'the registry gave no audit report');
    expect(checks.summary).toBe('1 passed, 1 failed, 1 skipped');
    expect(checks.failed).toBe(1);
  });

  it('leaves the skipped count out when every check was made', () => {
    const checks = new Checks();
    checks.that('holds', true);
    expect(checks.summary).toBe('1 passed, 0 failed');
  });
});
