import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { copyLatestFiguresIntoDoc, figureReports, replaceFigures, writeLatestFigures } from './figures';

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

describe('the latest figures, from a run into the doc', () => {
  let root: string;
  const report = figureReports.reliability;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'figures-test-'));
    await mkdir(path.join(root, 'docs'));
    await writeFile(path.join(root, report.doc), `# Reliability\n\n${markers.start}\nold\n${markers.end}\n`);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('a run writes only under test-results; copying puts them into the doc', async () => {
    await writeLatestFigures(report, 'run 1\n', root);
    expect(await readFile(path.join(root, report.doc), 'utf8')).toContain('\nold\n');
    expect(await copyLatestFiguresIntoDoc(report, root)).toBe(true);
    expect(await readFile(path.join(root, report.doc), 'utf8')).toBe(`# Reliability\n\n${markers.start}\nrun 1\n${markers.end}\n`);
  });

  it('copies nothing when no run left figures', async () => {
    expect(await copyLatestFiguresIntoDoc(report, root)).toBe(false);
    expect(await readFile(path.join(root, report.doc), 'utf8')).toContain('\nold\n');
  });
});
