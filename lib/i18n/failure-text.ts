import { createTranslator } from 'next-intl';

import type { Failure } from '@/lib/failure/failure';

import type { Locale } from './locales';
import { messagesFor } from './messages';

export type FailureText = { title?: string; message: string; hint?: string };

/**
 * A failure in a person's language: the catalogue's `Failures.<code>` (its `message`, and `title`
 * and `hint` where it has them), filled in with the failure's `params`. A code the catalogue does
 * not know keeps the failure's own English text, so nothing is ever lost; the catalogue test
 * lists the codes each page can show, so none is left out by accident. Pages (with
 * `getLocale()`), error pages and forms all use this one function.
 */
export function failureText(locale: Locale, failure: Pick<Failure, 'code' | 'message' | 'hint' | 'title' | 'params'>): FailureText {
  // Keys built from a code at run time: checked with `has`, not by the compiler.
  const t = createTranslator({ locale, messages: messagesFor(locale) }) as unknown as LooseTranslator;
  const key = (part: string) => `Failures.${failure.code}.${part}`;
  const text = (part: string, fallback: string | undefined) => (t.has(key(part)) ? t(key(part), failure.params ?? {}) : fallback);
  return {
    message: text('message', failure.message) ?? failure.message,
    ...optional('title', text('title', failure.title)),
    ...optional('hint', text('hint', failure.hint)),
  };
}

type LooseTranslator = { (key: string, values: Record<string, string | number>): string; has(key: string): boolean };

const optional = <K extends string>(name: K, value: string | undefined) => (value === undefined ? {} : ({ [name]: value } as Record<K, string>));
