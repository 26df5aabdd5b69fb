import { localeNames, locales, type Locale } from '@/lib/i18n/locales';

/**
 * One button per language, in a plain form posting to `/language` (app/language/route.ts), which
 * keeps the choice in a cookie and comes back to this page: it works without JavaScript, and on
 * the prerendered home page. Each name is written in its own language, and marked so. It sits at
 * the header's right edge (`ml-auto`), on the name's row.
 */
export function LanguageSwitch({ locale, label }: { locale: Locale; label: string }) {
  return (
    <form method="post" action="/language" aria-label={label} className="ml-auto flex items-center gap-0.5 text-sm">
      {locales.map((candidate) => (
        <button
          key={candidate}
          type="submit"
          name="locale"
          value={candidate}
          lang={candidate}
          aria-pressed={candidate === locale}
          className="whitespace-nowrap rounded-md px-1.5 py-1.5 font-medium sm:px-2 text-slate-700 hover:bg-slate-100 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-800 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-200"
        >
          {localeNames[candidate]}
        </button>
      ))}
    </form>
  );
}
