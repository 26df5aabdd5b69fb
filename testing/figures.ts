import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The figures the reliability suite and the bench measure. A run writes them under
 * test-results/ (gitignored), so that running the tests never changes tracked files;
 * `npm run docs:figures` copies the latest into the docs, between each doc's markers, when
 * someone means to publish them.
 */

export type FigureMarkers = { start: string; end: string };

export type FigureReport = {
  /** Where a run leaves its latest figures, as markdown. */
  figuresFile: string;
  /** The doc that publishes them, and how it starts when it does not exist yet. */
  doc: string;
  docTitle: string;
  /** The docs already hold these markers: changing their text would orphan the old ones. */
  markers: FigureMarkers;
};

/** Where the three bench commands publish their figures, each between its own markers. */
const performanceDoc = { doc: 'docs/PERFORMANCE.md', docTitle: '# Performance\n' } as const;

export const figureReports = {
  reliability: {
    figuresFile: 'test-results/figures/reliability.md',
    doc: 'docs/RELIABILITY.md',
    docTitle: '# Reliability\n',
    markers: { start: '<!-- reliability figures: start (written by npm run test:reliability) -->', end: '<!-- reliability figures: end -->' },
  },
  bench: {
    figuresFile: 'test-results/figures/bench.md',
    ...performanceDoc,
    markers: { start: '<!-- bench figures: start (written by npm run bench) -->', end: '<!-- bench figures: end -->' },
  },
  instructions: {
    figuresFile: 'test-results/figures/instructions.md',
    ...performanceDoc,
    markers: { start: '<!-- instruction counts: start (written by npm run bench:instructions) -->', end: '<!-- instruction counts: end -->' },
  },
  profile: {
    figuresFile: 'test-results/figures/profile.md',
    ...performanceDoc,
    markers: { start: '<!-- signed-in profile: start (written by npm run bench:profile) -->', end: '<!-- signed-in profile: end -->' },
  },
} as const satisfies Record<string, FigureReport>;

/** `doc` with the text between the markers replaced; the markers are added at the end if missing. */
export function replaceFigures(doc: string, figures: string, markers: FigureMarkers): string {
  const block = `${markers.start}\n${figures}\n${markers.end}`;
  const start = doc.indexOf(markers.start);
  const end = doc.indexOf(markers.end);
  if (start === -1 || end < start) return `${doc.trimEnd()}\n\n${block}\n`;
  return `${doc.slice(0, start)}${block}${doc.slice(end + markers.end.length)}`;
}

/** Keeps a run's figures as the latest of `report`; returns the file written. */
export async function writeLatestFigures(report: FigureReport, figures: string, root = process.cwd()): Promise<string> {
  const file = path.join(root, report.figuresFile);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${figures.trimEnd()}\n`);
  return file;
}

/** Puts the latest figures of `report` into its doc; false when no run has left any. */
export async function copyLatestFiguresIntoDoc(report: FigureReport, root = process.cwd()): Promise<boolean> {
  const figures = await readFile(path.join(root, report.figuresFile), 'utf8').catch(() => undefined);
  if (figures === undefined) return false;
  const doc = path.join(root, report.doc);
  const current = await readFile(doc, 'utf8').catch(() => report.docTitle);
  await writeFile(doc, replaceFigures(current, figures.trimEnd(), report.markers));
  return true;
}
