import { describe, expect, it } from 'vitest';

import { Checks } from './checks';
import { percentile } from './concurrent-sign-ins';
import { figuresEnd, figuresStart, replaceFigures } from './report';

describe('replaceFigures', () => {
  const doc = `# Reliability\n\nHow to run it.\n\n${figuresStart}\nold figures\n${figuresEnd}\n\n## Notes\n`;

  it('replaces only what is between the markers', () => {
    expect(replaceFigures(doc, 'new figures')).toBe(`# Reliability\n\nHow to run it.\n\n${figuresStart}\nnew figures\n${figuresEnd}\n\n## Notes\n`);
  });

  it('takes another pair of markers, leaving the default pair alone', () => {
    const markers = { start: '<!-- b: start -->', end: '<!-- b: end -->' };
    const both = `${doc}\n${markers.start}\nold bench\n${markers.end}\n`;
    expect(replaceFigures(both, 'new bench', markers)).toBe(`${doc}\n${markers.start}\nnew bench\n${markers.end}\n`);
  });

  it('appends the figures when the markers are missing', () => {
    expect(replaceFigures('# Reliability\n', 'figures')).toBe(`# Reliability\n\n${figuresStart}\nfigures\n${figuresEnd}\n`);
  });
});

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
