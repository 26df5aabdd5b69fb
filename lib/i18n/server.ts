import { createFormatter, createTranslator } from 'next-intl';
import { getFormatter as requestFormatter, getLocale, getTranslations as requestTranslations } from 'next-intl/server';

import { processWide } from '@/lib/process/process-wide';

import { asLocale, type Locale } from './locales';
import { messagesFor } from './messages';

/**
 * next-intl's `getTranslations` and `getFormatter` for server components, with the same types
 * and answers, but kept per language for the life of the process instead of made per request:
 * next-intl's own compile every message and build every Intl formatter again on each request,
 * which cost the signed-in home a sixth of its throughput (docs/PERFORMANCE.md). A translator
 * depends on nothing but its language and catalogue, both fixed for the process. The language
 * is still the request's (`getLocale`), or the prerendered page's.
 */

type Cache = { translators: Map<string, unknown>; formatters: Map<Locale, ReturnType<typeof createFormatter>> };
const cache = () => processWide<Cache>('i18n-translators', () => ({ translators: new Map(), formatters: new Map() }));

function translator(locale: Locale, namespace: string | undefined) {
  const key = `${locale}\u0000${namespace ?? ''}`;
  const { translators } = cache();
  let made = translators.get(key);
  if (!made) {
    made = createTranslator({ locale, messages: messagesFor(locale), namespace: namespace as never, timeZone: 'UTC' });
    translators.set(key, made);
  }
  return made;
}

export const getTranslations = (async (options?: string | { locale: string; namespace?: string }) => {
  if (typeof options === 'object') return translator(asLocale(options.locale), options.namespace);
  return translator(asLocale(await getLocale()), options);
}) as typeof requestTranslations;

export const getFormatter = (async () => {
  const locale = asLocale(await getLocale());
  const { formatters } = cache();
  let made = formatters.get(locale);
  if (!made) {
    made = createFormatter({ locale, timeZone: 'UTC' });
    formatters.set(locale, made);
  }
  return made;
}) as typeof requestFormatter;
