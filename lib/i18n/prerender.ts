import { headers } from 'next/headers';

/**
 * Whether this render is the build's prerender of a static page (the signed-out home, one per
 * language), not an answer to a request: a prerender has no request headers at all, while every
 * request Next serves carries at least the `x-forwarded-*` headers its server adds.
 *
 * The root not-found page (app/not-found.tsx) needs it. Next renders a layout's not-found
 * element along with every page under it, the prerendered home included, and renders it before
 * the home's layout names the page's language (`setRequestLocale`). Its first question to
 * next-intl would fix the language of the whole render, once, from the (absent) request: English
 * in the Chinese page. In a prerender it draws nothing instead; nobody sees the not-found page of
 * a page whose every address was built.
 */
export async function isStaticPrerender(): Promise<boolean> {
  return [...(await headers()).keys()].length === 0;
}
