import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Parser } from 'htmlparser2';

import { buildDistDir } from '@/lib/config';
import { processWide } from '@/lib/process/process-wide';

import { cspHash } from './csp-hash';
import { welcomePath } from './signed-out-home';

/**
 * The prerendered signed-out home cannot carry a per-request nonce, so its policy allows its
 * inline scripts by hash. They are Next's own (the Turbopack bootstrap and the RSC payload) and
 * change with every build, so they are read from the build output: the page's HTML file, once
 * per process. `next start` and `node .next/standalone/server.js` both run with the app's
 * folder as the working directory (the standalone server changes to its own), and both keep the
 * file at `<distDir>/server/app/welcome.html`.
 */

/** The hashes of the page's inline scripts; a script with `src` is external and not hashed. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  let inline: string | undefined;
  // htmlparser2 hands a script's text over raw, as the browser hashes it (no entity decoding).
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'script' && attributes.src === undefined) inline = '';
    },
    ontext(text) {
      if (inline !== undefined) inline += text;
    },
    onclosetag(name) {
      if (name === 'script' && inline !== undefined) {
        hashes.push(cspHash(inline));
        inline = undefined;
      }
    },
  });
  parser.end(html);
  return [...new Set(hashes)];
}

/** Where `next build` writes the page. */
export function prerenderedHomeFile(root = process.cwd(), distDir = buildDistDir): string {
  return path.join(root, distDir, 'server', 'app', `${welcomePath.slice(1)}.html`);
}

type Cached = { hashes?: string[] | null };

/**
 * The script hashes of the signed-out home, or null when the build output is not there (then
 * the page gets the policy that allows no script, and the server log says so once).
 */
export function signedOutHomeScriptHashes(file = prerenderedHomeFile()): string[] | null {
  const cached = processWide<Cached>('signed-out-home-script-hashes', () => ({}));
  if (cached.hashes !== undefined) return cached.hashes;
  try {
    // The build's own output, read at run time: not a file for the bundler to trace (it would
    // copy the whole project into .next/standalone).
    cached.hashes = inlineScriptHashes(readFileSync(/* turbopackIgnore: true */ file, 'utf8'));
  } catch (error) {
    console.warn(
      `The signed-out home's scripts are blocked: its HTML (${file}) could not be read, so their hashes are unknown. ` +
        `The page still works as plain HTML. ${error instanceof Error ? error.message : String(error)}`,
    );
    cached.hashes = null;
  }
  return cached.hashes;
}

/** For tests: forget what was read. */
export function forgetSignedOutHomeScriptHashes(): void {
  processWide<Cached>('signed-out-home-script-hashes', () => ({})).hashes = undefined;
}
