import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { inlineScriptHashes, prerenderedHomeFile } from './signed-out-home-scripts';

/**
 * What `npm run build` does after `next build` for the signed-out home (scripts/ship-signed-out-home.ts):
 * the proxy reads the prerendered page at run time for its script hashes
 * (signed-out-home-scripts.ts). `next start` and the standalone server have the file; a Vercel
 * function ships only the files its trace lists, and Next's trace of the proxy
 * (`middleware.js.nft.json`) lists none written after compiling. So the page is added to that
 * trace, and a build whose page or scripts cannot be found is refused.
 */

export type ShipResult = { ok: true; hashes: string[]; added: boolean } | { ok: false; message: string };

/** `distDir`: the build's folder, relative to `root` (next.config.ts's NEXT_DIST_DIR, else .next). */
export function shipSignedOutHome(root: string, distDir: string): ShipResult {
  const page = prerenderedHomeFile(root, distDir);
  let html: string;
  try {
    html = readFileSync(page, 'utf8');
  } catch (error) {
    return { ok: false, message: `the prerendered signed-out home (${path.relative(root, page)}) is missing: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}. Was /welcome still prerendered?` };
  }
  const hashes = inlineScriptHashes(html);
  if (hashes.length === 0) return { ok: false, message: `${path.relative(root, page)} has no inline script to hash: Next's bootstrap is missing, so the page would never hydrate.` };

  const traceFile = path.join(root, distDir, 'server', 'middleware.js.nft.json');
  let trace: { version?: number; files?: string[] };
  try {
    trace = JSON.parse(readFileSync(traceFile, 'utf8')) as typeof trace;
  } catch (error) {
    return { ok: false, message: `the proxy's trace (${path.relative(root, traceFile)}) cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const entry = path.relative(path.dirname(traceFile), page).split(path.sep).join('/');
  const files = trace.files ?? [];
  if (files.includes(entry)) return { ok: true, hashes, added: false };
  writeFileSync(traceFile, JSON.stringify({ ...trace, files: [...files, entry] }));
  return { ok: true, hashes, added: true };
}
