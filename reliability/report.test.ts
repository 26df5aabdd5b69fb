import { describe, expect, it } from 'vitest';

import { percentile } from './concurrent-sign-ins';
import { figuresEnd, figuresStart, replaceFigures } from './report';

describe('replaceFigures', () => {
  const doc = `# Reliability\n\nHow to run it.\n\n${figuresStart}\nold figures\n${figuresEnd}\n\n## Notes\n`;

  it('replaces only what is between the markers', () => {
    expect(replaceFigures(doc, 'new figures')).toBe(`# Reliability\n\nHow to run it.\n\n${figuresStart}\nnew figures\n${figuresEnd}\n\n## Notes\n`);
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
