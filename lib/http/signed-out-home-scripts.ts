import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Parser } from 'htmlparser2';

import { buildDistDir } from '@/lib/config';
import type { Locale } from '@/lib/i18n/locales';
import { processWide } from '@/lib/process/process-wide';

import { cspHash } from './csp-hash';
import { welcomePath } from './signed-out-home';

/**
 * The prerendered signed-out home cannot carry a per-request nonce, so its policy allows its
 * inline scripts by hash. They are Next's own (the Turbopack bootstrap and the RSC payload, which
 * holds the page's words) and change with every build and language, so they are read from the
 * build output: each language's HTML file, once per process. `next start` and
 * `node .next/standalone/server.js` both run with the app's folder as the working directory (the
 * standalone server changes to its own), and both keep the files at
 * `<distDir>/server/app/welcome/<locale>.html`.
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

/** Where `next build` writes the page of a language. */
export function prerenderedHomeFile(locale: Locale, root = process.cwd(), distDir = buildDistDir): string {
  return path.join(root, distDir, 'server', 'app', welcomePath.slice(1), `${locale}.html`);
}

type Cached = { hashes: Map<Locale, string[] | null> };

const cache = () => processWide<Cached>('signed-out-home-script-hashes', () => ({ hashes: new Map() }));

/**
 * The script hashes of the signed-out home in a language (each page has its own RSC payload, so
 * its own hashes), or null when the build output is not there (then the page gets the policy
 * that allows no script, and the server log says so once per language).
 */
export function signedOutHomeScriptHashes(locale: Locale, file = prerenderedHomeFile(locale)): string[] | null {
  const { hashes } = cache();
  const known = hashes.get(locale);
  if (known !== undefined) return known;
  let read: string[] | null;
  try {
    // The build's own output, read at run time: not a file for the bundler to trace (it would
    // copy the whole project into .next/standalone).
    read = inlineScriptHashes(readFileSync(/* turbopackIgnore: true */ file, 'utf8'));
  } catch (error) {
    console.warn(
      `The signed-out home's scripts are blocked in ${locale}: its HTML (${file}) could not be read, so their hashes are unknown. ` +
        `The page still works as plain HTML. ${error instanceof Error ? error.message : String(error)}`,
    );
    read = null;
  }
  hashes.set(locale, read);
  return read;
}

/** For tests: forget what was read. */
export function forgetSignedOutHomeScriptHashes(): void {
  cache().hashes.clear();
}
