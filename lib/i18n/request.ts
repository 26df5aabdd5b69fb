import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';

import { isLocale, localeCookieName, pickLocale, type Locale } from './locales';
import { messagesFor } from './messages';

/**
 * next-intl's per-request configuration (next.config.ts names this file): the language of a page.
 * The prerendered signed-out home names its own (`setRequestLocale`, one page per language);
 * every other page, rendered per request, takes the one `pickLocale` chooses from the request.
 */
export default getRequestConfig(async ({ requestLocale }) => {
  const named = await requestLocale;
  const locale: Locale = isLocale(named) ? named : await localeOfRequest();
  return { locale, messages: messagesFor(locale), timeZone: 'UTC' };
});

/** The language of the request being rendered: its cookie, else its Accept-Language. */
export async function localeOfRequest(): Promise<Locale> {
  const [store, requestHeaders] = await Promise.all([cookies(), headers()]);
  return pickLocale({ cookie: store.get(localeCookieName)?.value, acceptLanguage: requestHeaders.get('accept-language') });
}
