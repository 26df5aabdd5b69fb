import { describe, expect, it } from 'vitest';

import { figureReports, replaceFigures } from './figures';

const markers = figureReports.reliability.markers;

describe('replaceFigures', () => {
  const doc = `# Reliability\n\nHow to run it.\n\n${markers.start}\nold figures\n${markers.end}\n\n## Notes\n`;

  it('replaces only what is between the markers', () => {
    expect(replaceFigures(doc, 'new figures', markers)).toBe(`# Reliability\n\nHow to run it.\n\n${markers.start}\nnew figures\n${markers.end}\n\n## Notes\n`);
  });

  it("leaves another report's markers alone", () => {
    const bench = figureReports.bench.markers;
    const both = `${doc}\n${bench.start}\nold bench\n${bench.end}\n`;
    expect(replaceFigures(both, 'new bench', bench)).toBe(`${doc}\n${bench.start}\nnew bench\n${bench.end}\n`);
  });

  it('appends the figures when the markers are missing', () => {
    expect(replaceFigures('# Reliability\n', 'figures', markers)).toBe(`# Reliability\n\n${markers.start}\nfigures\n${markers.end}\n`);
  });
});
