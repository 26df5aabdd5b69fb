import type { Locale } from './locales';
import type { Messages } from './messages';

// Message keys and locales are checked at compile time: a key missing from the English
// catalogue is a type error.
declare module 'use-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
