import { createTranslator } from 'next-intl';

import type { Locale } from '@/lib/i18n/locales';
import { messagesFor, type Messages } from '@/lib/i18n/messages';

/**
 * What the doctor says, as a message of the catalogue's `Doctor` namespace and its values, so
 * that /setup says it in the page's language while the CLIs and the logs keep the English
 * (the same catalogue, read in English: one wording, not two). A value is a plain string or
 * number (a URI, a status, an ID), another message, or a list of messages joined the way the
 * language joins them. Pure.
 */

export type DoctorKey = Exclude<keyof Messages['Doctor'], 'titles' | 'separators'>;

export type Said = { key: DoctorKey; values?: Record<string, SaidValue> };
/** Names (a field, an identifier) are the same in every language; only the joining differs. */
export type SaidList = { items: (Said | string)[]; by: keyof Messages['Doctor']['separators'] };
export type SaidValue = string | number | Said | SaidList;

export const said = (key: DoctorKey, values?: Said['values']): Said => (values ? { key, values } : { key });
export const list = (items: (Said | string)[], by: SaidList['by'] = 'semicolon'): SaidList => ({ items, by });

const isList = (value: SaidValue): value is SaidList => typeof value === 'object' && 'items' in value;

type Translate = (key: string, values?: Record<string, string | number>) => string;

function render(t: Translate, value: SaidValue): string | number {
  if (typeof value !== 'object') return value;
  if (isList(value)) return value.items.map((item) => render(t, item)).join(t(`separators.${value.by}`));
  const values = Object.fromEntries(Object.entries(value.values ?? {}).map(([name, inner]) => [name, render(t, inner)]));
  return t(value.key, values);
}

const translatorFor = (locale: Locale) => createTranslator({ locale, messages: messagesFor(locale), namespace: 'Doctor' }) as unknown as Translate;

/** The message in `locale`; `sayIn('en', …)` is what the CLIs print. */
export const sayIn = (locale: Locale, message: Said): string => String(render(translatorFor(locale), message));

/** A message, a list of them or a plain value, in `locale`. */
export const sayValueIn = (locale: Locale, value: SaidValue): string => String(render(translatorFor(locale), value));

export const english = (message: Said) => sayIn('en', message);
