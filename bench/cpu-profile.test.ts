import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { breakdown, shortSource, type CpuProfile, type ProfileNode } from './cpu-profile';

/** A minified chunk whose one mapping points at `source`, as the build writes them. */
function chunkMappedTo(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cpu-profile-test-'));
  const file = path.join(dir, 'chunk.js');
  writeFileSync(file, 'a()');
  writeFileSync(`${file}.map`, JSON.stringify({ version: 3, sources: [source], names: [], mappings: 'AAAA' }));
  return file;
}

const node = (id: number, functionName: string, url = ''): ProfileNode => ({ id, callFrame: { functionName, url, lineNumber: 0, columnNumber: 0 } });

describe('breakdown', () => {
  it('sums the time until the next sample by category, through source maps, within the window and without idle time', () => {
    const nodes = [
      node(1, '(garbage collector)'),
      node(2, 'onParserExecute', 'node:_http_server'),
      node(3, 'a', `file://${chunkMappedTo('turbopack:///[project]/lib/auth/session.ts')}`),
      node(4, 'b', chunkMappedTo('turbopack:///[project]/components/claims-table.tsx')),
      node(5, '(idle)'),
      node(6, 'resolveRoutes', chunkMappedTo('../../src/server/lib/router-utils/resolve-routes.ts')),
      node(7, 'runMicrotasks'),
    ];
    // Samples at 10, 20, …, 80 and 1000 µs; each stands for the time until the next one.
    const profile: CpuProfile = { nodes, startTime: 0, samples: [1, 2, 3, 4, 5, 6, 7, 3, 2], timeDeltas: [10, 10, 10, 10, 10, 10, 10, 10, 920] };
    const parts = breakdown(profile, 10, 100).map(({ category, ms, sources }) => [category, ms.toFixed(2), sources.map((one) => one.source)]);
    expect(parts).toEqual([
      ['session read: lib/auth and the Logto SDK', '0.93', ['lib/auth/session.ts']],
      ['garbage collection', '0.01', ['(garbage collector)']],
      ['Node: HTTP, streams, async hooks, crypto', '0.01', ['node:_http_server']],
      ["the app's pages, components and lib", '0.01', ['components/claims-table.tsx']],
      ['Next: request handling, routing, metadata', '0.01', ['src/server/lib/router-utils/resolve-routes.ts']],
      ['V8 built-ins (the microtask queue, JSON, regular expressions)', '0.01', ['runMicrotasks']],
    ]);
    // The last sample, at 1000 µs, is outside a window ending at 100 µs.
    expect(breakdown(profile, 0, 15).map((part) => part.category)).toEqual(['garbage collection']);
  });
});

describe('shortSource', () => {
  it('decodes, and drops the bundler scheme, the checkout path and leading ../', () => {
    expect(shortSource('turbopack:///[project]/node_modules/@logto/node/lib/src/client.js')).toBe('node_modules/@logto/node/lib/src/client.js');
    expect(shortSource('/work/x/.next/server/chunks/a.js', '/work/x')).toBe('.next/server/chunks/a.js');
    expect(shortSource('../../../src/server/app-render/app-render.tsx')).toBe('src/server/app-render/app-render.tsx');
    expect(shortSource('turbopack:///[project]/node_modules/%40logto/client/lib/client.js')).toBe('node_modules/@logto/client/lib/client.js');
  });
});
