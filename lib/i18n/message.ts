import { createTranslator } from 'next-intl';

import type { Failure } from '@/lib/failure/failure';

import type { Locale } from './locales';
import { messagesFor } from './messages';

/**
 * A sentence that code outside React decides (a readiness verdict, a field's description) but a
 * page shows in its reader's language: the catalogue key and the values it fills in. A value may
 * itself be a message (translated in the same language), or a list of them (joined by a space),
 * so that a verdict can quote a failure or list several problems. The English text for logs, the
 * JSON API and the CLIs is the same message in `en`, so each sentence is written once.
 */
export type Message = { key: string; values?: Record<string, MessageValue>; fallback?: string };
export type MessageValue = string | number | Message | Message[];

export const message = (key: string, values?: Record<string, MessageValue>): Message => (values ? { key, values } : { key });

/** A failure's message (or hint) as a message: `Failures.<code>.<part>`, its English text when the catalogue lacks it. */
export function failureMessage(failure: Pick<Failure, 'code' | 'message' | 'hint' | 'params'>, part: 'message' | 'hint' = 'message'): Message | undefined {
  const fallback = part === 'message' ? failure.message : failure.hint;
  if (fallback === undefined) return undefined;
  return { key: `Failures.${failure.code}.${part}`, values: failure.params ?? {}, fallback };
}

type LooseTranslator = { (key: string, values: Record<string, string | number>): string; has(key: string): boolean };

const translators = new Map<Locale, LooseTranslator>();

function translatorFor(locale: Locale): LooseTranslator {
  let t = translators.get(locale);
  if (!t) {
    // Keys chosen at run time: checked with `has` (and by the tests that render every verdict), not by the compiler.
    t = createTranslator({ locale, messages: messagesFor(locale), timeZone: 'UTC' }) as unknown as LooseTranslator;
    translators.set(locale, t);
  }
  return t;
}

const isMessage = (value: MessageValue): value is Message => typeof value === 'object' && !Array.isArray(value);

/** The message in `locale`; a key the catalogue lacks gives the message's fallback (or the key, which the tests catch). */
export function messageText(locale: Locale, { key, values = {}, fallback }: Message): string {
  const t = translatorFor(locale);
  if (!t.has(key)) return fallback ?? key;
  const filled = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map((item) => messageText(locale, item)).join(' ') : isMessage(value) ? messageText(locale, value) : value,
    ]),
  );
  return t(key, filled);
}

/** `messageText` bound to a language, for a component that shows many. */
export const messageTextIn = (locale: Locale) => (text: Message) => messageText(locale, text);
