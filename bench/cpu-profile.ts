import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * A V8 CPU profile (`node --cpu-prof`) of the server, summed by what each sample ran: the
 * frames of the build and of Next's compiled runtime are minified, so each is looked up in its
 * source map (next to the file) to find the original source, and that decides its category.
 */

export type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

/**
 * What each part of a request is, by the source a sample ran (`shortSource`, first match wins).
 * The app's own sources are the only ones at the top of the project (`lib/…`); Next's come
 * as `src/…` or under `next/`.
 */
const categories: [name: string, matches: (source: string, functionName: string) => boolean][] = [
  ['garbage collection', (_, name) => name === '(garbage collector)'],
  ['V8 and native code (no JavaScript frame)', (_, name) => name === '(program)'],
  ['V8 built-ins (the microtask queue, JSON, regular expressions)', (source) => source === ''],
  ['React: RSC payload (Flight)', (source) => /react-server-dom/.test(source)],
  ['React: HTML (Fizz)', (source) => /react-dom/.test(source)],
  ['React: other', (source) => /(^|\/)react\//.test(source)],
  ["proxy: proxy.ts, lib/http and Next's proxy adapter", (source) => /^proxy\.ts$|^lib\/http\/|server\/web\/|templates\/middleware/.test(source)],
  ['session read: lib/auth and the Logto SDK', (source) => /@logto\/|^lib\/auth\//.test(source)],
  ["the app's pages, components and lib", (source) => /^(app|components|lib)\//.test(source)],
  ['Next: app render', (source) => /app-render/.test(source)],
  ['Next: request handling, routing, metadata', (source) => /^src\/|(^|\/)next\//.test(source)],
  ['Node: HTTP, streams, async hooks, crypto', (source) => source.startsWith('node:')],
];

const sourceMaps = new Map<string, SourceMap | undefined>();

/** The original source of a frame of the build or of Next's compiled runtime, else its URL. */
function originalSource({ url, lineNumber, columnNumber }: ProfileNode['callFrame']): string {
  if (!url.startsWith('file://') && !url.startsWith('/')) return url;
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (!sourceMaps.has(file)) {
    const mapFile = `${file}.map`;
    sourceMaps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : undefined);
  }
  const entry: { originalSource?: string } | undefined = sourceMaps.get(file)?.findEntry(lineNumber, columnNumber);
  return entry?.originalSource ?? file;
}

function decodedOrAsIs(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A source as a reader knows it: percent-decoded, without the bundler's scheme, the checkout's path or `../`. */
export function shortSource(source: string, root = process.cwd()): string {
  // Source maps give `node_modules/%40logto/…` for a scoped package.
  return decodedOrAsIs(source)
    .replace(/^(turbopack|webpack):\/\/\/?(\[project\]\/)?/, '')
    .replace(`${root}/`, '')
    .replace(/^(\.\.\/)+/, '');
}

export type Breakdown = { category: string; ms: number; sources: { source: string; ms: number }[] }[];

/**
 * Self time per category of the samples taken between `fromUs` and `toUs` (V8's monotonic
 * clock), with the sources that took it, most first.
 */
export function breakdown(profile: CpuProfile, fromUs: number, toUs: number): Breakdown {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const placeOf = new Map<number, { category: string; source: string }>();
  const totals = new Map<string, Map<string, number>>();
  let time = profile.startTime;
  for (const [index, id] of profile.samples.entries()) {
    time += profile.timeDeltas[index] ?? 0;
    if (time < fromUs || time > toUs) continue;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    let place = placeOf.get(id);
    if (place === undefined) {
      const source = shortSource(originalSource(node.callFrame));
      const category = categories.find(([, matches]) => matches(source, node.callFrame.functionName))?.[0] ?? 'other';
      place = { category, source: source || node.callFrame.functionName };
      placeOf.set(id, place);
    }
    // The interval until the next sample is the time this one stands for.
    const interval = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const sources = totals.get(place.category) ?? new Map<string, number>();
    sources.set(place.source, (sources.get(place.source) ?? 0) + interval);
    totals.set(place.category, sources);
  }
  return [...totals]
    .map(([category, sources]) => ({
      category,
      ms: [...sources.values()].reduce((sum, ms) => sum + ms, 0),
      sources: [...sources].map(([source, ms]) => ({ source, ms })).sort((a, b) => b.ms - a.ms),
    }))
    .sort((a, b) => b.ms - a.ms);
}
