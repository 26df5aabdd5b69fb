import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';

import type { Locale } from './locales';

/**
 * The catalogues, imported rather than read from disk so that every bundle (pages, route
 * handlers, the proxy) carries them on every deployment shape. English is the reference: the
 * catalogue parity test holds every other one to its keys and placeholders.
 */
export type Messages = typeof en;

const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}
