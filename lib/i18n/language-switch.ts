import { safeReturnTo } from '@/lib/auth/return-to';
import { failure, type Failure } from '@/lib/failure/failure';

import { isLocale, localeCookieName, type Locale } from './locales';

/** A year: the choice is a preference, kept until the person changes it. */
const cookieMaxAgeSeconds = 365 * 24 * 60 * 60;

export type LanguageSwitch = { ok: true; locale: Locale; location: string; cookie: string };

/**
 * The header's language switch, a plain form (it works without JavaScript): remember the choice
 * in a cookie and go back to the page it was made on. That page is the form's `returnTo`, else
 * the Referer when it is a page of this app, else the home page.
 */
export function switchLanguage({ locale, returnTo, referer, origin }: { locale: unknown; returnTo: unknown; referer: string | null; origin: string }): LanguageSwitch | Failure {
  if (!isLocale(locale)) return failure(400, 'invalid_locale', 'Choose one of the languages the switch offers.', { field: 'locale' });
  const back = typeof returnTo === 'string' && returnTo !== '' ? returnTo : refererPath(referer, origin);
  const secure = origin.startsWith('https:') ? '; Secure' : '';
  return {
    ok: true,
    locale,
    location: new URL(safeReturnTo(back, origin), origin).toString(),
    cookie: `${localeCookieName}=${locale}; Path=/; Max-Age=${cookieMaxAgeSeconds}; SameSite=Lax${secure}`,
  };
}

function refererPath(referer: string | null, origin: string): string {
  if (!referer || !URL.canParse(referer)) return '/';
  const url = new URL(referer);
  return url.origin === origin ? `${url.pathname}${url.search}` : '/';
}
