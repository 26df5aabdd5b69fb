import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a browser downloads to show a page for the first time, as it would receive it:
 * every same-origin `/_next/` script the HTML names (each once), gzipped one by one with zlib's
 * default level, as a server compresses them. Inline scripts (Next's RSC payload, the bootstrap)
 * travel inside the HTML; they are counted apart.
 */

export type FirstLoadJs = {
  scripts: { src: string; bytes: number; gzipBytes: number }[];
  /** The sum of the scripts' gzipped sizes. */
  gzipBytes: number;
  inline: { count: number; bytes: number; gzipBytes: number };
};

const scriptTags = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** The same-origin `/_next/` script URLs of a page, deduplicated, in document order. */
export function scriptSources(html: string, pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  const sources = new Set<string>();
  for (const [, attributes = ''] of html.matchAll(scriptTags)) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(attributes)?.[1];
    if (!src) continue;
    const url = new URL(src.replaceAll('&amp;', '&'), pageUrl);
    if (url.origin === origin && url.pathname.startsWith('/_next/')) sources.add(url.href);
  }
  return [...sources];
}

/** The bodies of the scripts without `src`. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(scriptTags)].filter(([, attributes = '']) => !/\bsrc\s*=/i.test(attributes)).map(([, , body = '']) => body);
}

const gzipSize = (bytes: Uint8Array) => gzipSync(bytes).byteLength;

export async function firstLoadJs(pageUrl: string, cookie?: string): Promise<FirstLoadJs> {
  const response = await fetch(pageUrl, { headers: cookie ? { cookie } : {} });
  if (response.status !== 200) throw new Error(`${pageUrl} answered ${response.status}, not 200.`);
  const html = await response.text();
  const scripts = await Promise.all(
    scriptSources(html, pageUrl).map(async (src) => {
      const script = await fetch(src);
      if (script.status !== 200) throw new Error(`${src} answered ${script.status}, not 200.`);
      const bytes = new Uint8Array(await script.arrayBuffer());
      return { src: new URL(src).pathname, bytes: bytes.byteLength, gzipBytes: gzipSize(bytes) };
    }),
  );
  const inline = Buffer.from(inlineScripts(html).join(''), 'utf8');
  return {
    scripts,
    gzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
    inline: { count: inlineScripts(html).length, bytes: inline.byteLength, gzipBytes: inline.byteLength === 0 ? 0 : gzipSize(inline) },
  };
}
