import { matchExactLanguageTag, matchSupportedLanguageTag } from '@logto/language-kit';
import { builtInLanguages } from '@logto/phrases-experience';

/**
 * The language of a sign-in, picked as Logto 1.42 picks it for its sign-in experience and its
 * code mails (core's `getExperienceLanguage`, used by the experience's phrases and by
 * `koa-email-i18n`): the candidates are every tag of `ui_locales` in order, then, with the
 * sign-in experience's language auto-detection on, the browser's `Accept-Language` tags by
 * q-value, then the tenant's fallback language. The first candidate that names one of Logto's
 * built-in languages wins: exactly after canonicalising (`zh-cn`, `zh_CN` → `zh-CN`), else by its
 * base language (`zh`, `zh-SG` → `zh-CN`, `en-GB` → `en`). None: `en`.
 */

/** The sign-in experience's `languageInfo` (Management API), as far as the choice needs it. */
export type LanguageInfo = { autoDetect: boolean; fallbackLanguage: string };

/** Logto's default for a new tenant. */
export const defaultLanguageInfo: LanguageInfo = { autoDetect: true, fallbackLanguage: 'en' };

export function languageInfoOf(value: unknown): LanguageInfo {
  const info = (value ?? {}) as Partial<Record<keyof LanguageInfo, unknown>>;
  return {
    autoDetect: typeof info.autoDetect === 'boolean' ? info.autoDetect : defaultLanguageInfo.autoDetect,
    fallbackLanguage: typeof info.fallbackLanguage === 'string' ? info.fallbackLanguage : defaultLanguageInfo.fallbackLanguage,
  };
}

/**
 * `fr-CH, fr;q=0.9, *;q=0.5` → `['fr-CH', 'fr', '*']`: most preferred first, ties in header
 * order. As in Logto, a tag without a readable q counts as q=1 and q=0 is only ranked last.
 */
export function browserLanguages(header: string | string[] | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  return joined
    .split(',')
    .map((part) => {
      const [tag = '', ...parameters] = part.split(';').map((piece) => piece.trim());
      const q = parameters.map((parameter) => parameter.split('=')).find(([key, value]) => key === 'q' && !Number.isNaN(Number(value)));
      return { tag, q: q ? Number(q[1]) : 1 };
    })
    .filter(({ tag }) => tag !== '')
    .sort((a, b) => b.q - a.q)
    .map(({ tag }) => tag);
}

export type LanguageRequest = {
  /** The authorization request's `ui_locales`, space-separated, most preferred first. */
  uiLocales?: unknown;
  acceptLanguage?: string | string[];
  languageInfo?: LanguageInfo;
};

export function experienceLanguage({ uiLocales, acceptLanguage, languageInfo = defaultLanguageInfo }: LanguageRequest): string {
  const requested = typeof uiLocales === 'string' ? uiLocales.split(/\s+/).filter(Boolean) : [];
  const candidates = [...requested, ...(languageInfo.autoDetect ? browserLanguages(acceptLanguage) : []), languageInfo.fallbackLanguage];
  for (const candidate of candidates) {
    const exact = matchExactLanguageTag([candidate], builtInLanguages);
    if (exact) return exact;
    const { match, matchType } = matchSupportedLanguageTag([candidate], builtInLanguages);
    if (matchType === 'base' && match) return match;
  }
  return 'en';
}
