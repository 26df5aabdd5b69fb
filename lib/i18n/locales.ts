import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';

/**
 * The languages the app speaks. Adding one is a catalogue (`messages/<tag>.json`, the same keys
 * as `messages/en.json`) and the code mails' folder (`email-templates/<tag>/`), then its tag here.
 * The tags are Logto's (`zh-CN`, not `zh-cn` or `zh-Hans`): the app sends them to Logto as
 * `ui_locales` and Logto looks its templates up by them.
 */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** What each language is called in itself, for the switch in the header. */
export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** The cookie the header's switch sets; the name next-intl uses for it. */
export const localeCookieName = 'NEXT_LOCALE';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** A language the app speaks, or the default: for values that can only be one (a built page's segment). */
export const asLocale = (value: unknown): Locale => (isLocale(value) ? value : defaultLocale);

/**
 * The language a request gets: the switch's cookie, else the best match for the browser's
 * `Accept-Language` (`zh`, `zh-Hans-CN` and `zh-cn` all find `zh-CN`), else English. The proxy
 * chooses the prerendered home page with it, the pages render with it: one function for both.
 */
export function pickLocale({ cookie, acceptLanguage }: { cookie?: string; acceptLanguage?: string | null }): Locale {
  if (isLocale(cookie)) return cookie;
  if (!acceptLanguage) return defaultLocale;
  const requested = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages().filter((tag) => tag !== '*');
  try {
    const chosen = match(requested, [...locales], defaultLocale);
    return isLocale(chosen) ? chosen : defaultLocale;
  } catch {
    // A malformed tag in the header (RangeError from Intl): the browser gets the default.
    return defaultLocale;
  }
}

/**
 * `pickLocale` for a request read from its headers alone, where Next's `cookies()` is not at hand
 * (the proxy's refusals, a plain `Request`).
 */
export function localeOfHeaders(headers: Headers): Locale {
  const cookie = headers
    .get('cookie')
    ?.split(';')
    .map((pair) => pair.trim().split('='))
    .find(([name]) => name === localeCookieName)?.[1];
  return pickLocale({ cookie, acceptLanguage: headers.get('accept-language') });
}
