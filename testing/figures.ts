/** The figures the reliability suite and the bench measure, and the docs that keep them between markers. */

export type FigureMarkers = { start: string; end: string };

export type FigureReport = {
  /** The doc that publishes them, and how it starts when it does not exist yet. */
  doc: string;
  docTitle: string;
  /** The docs already hold these markers: changing their text would orphan the old ones. */
  markers: FigureMarkers;
};

export const figureReports = {
  reliability: {
    doc: 'docs/RELIABILITY.md',
    docTitle: '# Reliability\n',
    markers: { start: '<!-- reliability figures: start (written by npm run test:reliability) -->', end: '<!-- reliability figures: end -->' },
  },
  bench: {
    doc: 'docs/PERFORMANCE.md',
    docTitle: '# Performance\n',
    markers: { start: '<!-- bench figures: start (written by npm run bench) -->', end: '<!-- bench figures: end -->' },
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
