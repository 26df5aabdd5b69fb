import type { Failure } from '@/lib/failure/failure';
import { failureText, type FailureText } from '@/lib/i18n/failure-text';
import type { Locale } from '@/lib/i18n/locales';
import { messageText } from '@/lib/i18n/message';

/**
 * A test-send failure as the connector page's form shows it, in the page's language. A bad field
 * (a 400 naming it) is told by what is wrong with it (`TestSendInput.<field>.<problem>`): its code
 * alone would not say, and `invalid_locale` means something else on the language switch. Any
 * other failure is its `Failures.<code>` text. Whatever the catalogue lacks keeps its English.
 */
export function formFailureText(locale: Locale, failure: Failure): FailureText {
  const problem = failure.params?.problem;
  if (failure.status === 400 && failure.field && typeof problem === 'string') {
    return { message: messageText(locale, { key: `TestSendInput.${failure.field}.${problem}`, values: failure.params, fallback: failure.message }) };
  }
  return failureText(locale, failure);
}
