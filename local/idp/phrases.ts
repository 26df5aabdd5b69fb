import logtoPhrases from '@logto/phrases-experience';

import { ownPhrases, type OwnPhrases } from './own-phrases';
import { experienceLanguage, type LanguageRequest } from './sign-in-language';

/**
 * Every word of the sign-in screens in one language: Logto's own phrases where its sign-in
 * experience has one (so the screens read as Logto's do: "Sign in to your account", "登录你的账号"),
 * the stand-in's catalogue (own-phrases.ts) for the rest.
 */

export type ScreenLanguage = keyof typeof ownPhrases;

export const screenLanguages = Object.keys(ownPhrases) as ScreenLanguage[];

/** The language Logto picked (sign-in-language.ts), if the screens exist in it; else English. */
export function screenLanguageOf(language: string): ScreenLanguage {
  return screenLanguages.find((candidate) => candidate === language) ?? 'en';
}

function logtoWords(language: ScreenLanguage) {
  const { input, action, description, error } = logtoPhrases[language].translation;
  return {
    signInTitle: description.sign_in_to_your_account,
    registerTitle: description.create_your_account,
    emailLabel: input.email,
    /** `email` in a sentence ("sent to your email …"). */
    emailWord: description.email,
    continue: action.continue,
    signIn: action.sign_in,
    createAccount: action.create_account,
    cancel: action.cancel,
    /** `{{method}}`: `emailWord`. */
    change: action.change,
    noAccount: description.no_account.trim(),
    haveAccount: description.have_account.trim(),
    /** `{{value}}`: the address. */
    unknownEmail: description.sign_in_id_does_not_exist,
    /** `{{value}}`: the address. */
    emailExists: description.create_account_id_exists,
    verifyEmailTitle: description.verify_email,
    /** `{{address}}`: `emailWord`; `{{target}}`: the address. */
    codeSent: description.enter_passcode,
    codeResent: description.passcode_sent,
    /** `<a>` is the resend button. */
    resendCode: description.resend_passcode,
    /** `{{types}}`: the field's name. */
    required: error.general_required,
    invalidEmail: error.invalid_email,
    invalidCode: error.invalid_passcode,
    sessionNotFound: error.invalid_session,
    sendFailed: error.send_verification_code_failed,
    somethingWentWrong: error.something_went_wrong,
    notFound: description.not_found,
  };
}

export type Phrases = ReturnType<typeof logtoWords> & OwnPhrases & { language: ScreenLanguage };

const cache = new Map<ScreenLanguage, Phrases>();

export function phrasesFor(language: ScreenLanguage): Phrases {
  let phrases = cache.get(language);
  if (!phrases) {
    phrases = { ...logtoWords(language), ...ownPhrases[language], language };
    cache.set(language, phrases);
  }
  return phrases;
}

/** Sentences one after another: a space between them, except in Chinese, which sets none. */
export function sentences(t: Phrases, ...parts: string[]): string {
  return parts.join(t.language.startsWith('zh') ? '' : ' ');
}

/** `{{name}}` (also `{{ name }}` and i18next's `{{name, format}}`) filled from `values`, as plain text. */
export function fill(phrase: string, values: Record<string, string | number>): string {
  return phrase.replace(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A request's language as Logto picks it (for the code mail too) and the screens' words for it. */
export function requestPhrases(request: LanguageRequest): { language: string; t: Phrases } {
  const language = experienceLanguage(request);
  return { language, t: phrasesFor(screenLanguageOf(language)) };
}
