import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { locales, type Locale } from '../i18n/locales';
import { inlineScriptHashes, prerenderedHomeFile } from './signed-out-home-scripts';

/**
 * What `npm run build` does after `next build` for the signed-out home (scripts/ship-signed-out-home.ts):
 * the proxy reads the prerendered page of each language at run time for its script hashes
 * (signed-out-home-scripts.ts). `next start` and the standalone server have the files; a Vercel
 * function ships only the files its trace lists, and Next's trace of the proxy
 * (`middleware.js.nft.json`) lists none written after compiling. So every language's page is
 * added to that trace, and a build where any of them, or its scripts, cannot be found, or whose
 * page came out in another language, is refused.
 */

export type ShipResult = { ok: true; hashes: Record<Locale, string[]>; added: string[] } | { ok: false; message: string };

/** `distDir`: the build's folder, relative to `root` (next.config.ts's NEXT_DIST_DIR, else .next). */
export function shipSignedOutHome(root: string, distDir: string): ShipResult {
  const hashes = {} as Record<Locale, string[]>;
  for (const locale of locales) {
    const page = prerenderedHomeFile(locale, root, distDir);
    let html: string;
    try {
      html = readFileSync(page, 'utf8');
    } catch (error) {
      return {
        ok: false,
        message: `the prerendered signed-out home in ${locale} (${path.relative(root, page)}) is missing: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}. Is app/welcome/[locale] still prerendered for every language (generateStaticParams)?`,
      };
    }
    const lang = /<html[^>]*\slang="([^"]*)"/.exec(html)?.[1];
    if (lang !== locale) {
      return {
        ok: false,
        message: `${path.relative(root, page)} was prerendered in ${lang ?? 'no language'}, not ${locale}: something on the page asked next-intl for the language before its layout named it (setRequestLocale), as app/not-found.tsx would without lib/i18n/prerender.ts.`,
      };
    }
    hashes[locale] = inlineScriptHashes(html);
    if (hashes[locale].length === 0) return { ok: false, message: `${path.relative(root, page)} has no inline script to hash: Next's bootstrap is missing, so the page would never hydrate.` };
  }

  const traceFile = path.join(root, distDir, 'server', 'middleware.js.nft.json');
  let trace: { version?: number; files?: string[] };
  try {
    trace = JSON.parse(readFileSync(traceFile, 'utf8')) as typeof trace;
  } catch (error) {
    return { ok: false, message: `the proxy's trace (${path.relative(root, traceFile)}) cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const files = trace.files ?? [];
  const entries = locales.map((locale) => path.relative(path.dirname(traceFile), prerenderedHomeFile(locale, root, distDir)).split(path.sep).join('/'));
  const added = entries.filter((entry) => !files.includes(entry));
  if (added.length > 0) writeFileSync(traceFile, JSON.stringify({ ...trace, files: [...files, ...added] }));
  return { ok: true, hashes, added };
}
