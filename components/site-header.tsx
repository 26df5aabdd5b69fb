import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';

import { SignOutForm } from './auth-forms';
import { LanguageSwitch } from './language-switch';
import { productName } from './product-name';

/** Who is signed in, as the header names them; none on the signed-out pages. */
export type HeaderPerson = { label: string };

/**
 * Plain links, not next/link: its client component would put JavaScript on every page, for a
 * client-side navigation these few server-rendered pages do not need.
 */
export async function SiteHeader({ person }: { person?: HeaderPerson }) {
  const [t, locale] = await Promise.all([getTranslations('Header'), getLocale()]);
  const links = [
    { href: '/', label: t('home') },
    { href: '/account', label: t('account') },
    { href: '/connector', label: t('connector') },
    { href: '/setup', label: t('setup') },
  ];
  // One row on a desktop: the name, the navigation, the language switch at the right edge. At a
  // phone's width the navigation takes a row of its own, spread evenly, under the name and the
  // switch (order-*); everything there is a little tighter, so that the name and the switch share
  // a row down to 360 px in both languages. Who is signed in always gets the last row, Sign out at its end.
  return (
    <header className="border-b border-slate-200 bg-white/80 dark:border-slate-800 dark:bg-slate-900/80">
      <div className="mx-auto flex w-full max-w-3xl flex-wrap items-center gap-x-2 gap-y-2 px-4 py-3 sm:px-6">
        <a
          href="/"
          className="flex items-center gap-2 whitespace-nowrap rounded-md text-[0.9375rem] font-semibold tracking-tight sm:text-base focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        >
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-lg bg-indigo-600 text-sm text-white">@</span>
          {productName}
        </a>
        <nav aria-label={t('navigation')} className="order-1 w-full sm:order-none sm:w-auto">
          <ul className="-mx-1.5 flex flex-wrap justify-between text-sm sm:mx-0 sm:justify-start">
            {links.map((link) => (
              <li key={link.href}>
                <a
                  href={link.href}
                  className="block whitespace-nowrap rounded-md px-1.5 py-2 text-slate-700 sm:px-2 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
                >
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitch locale={locale} label={t('language')} />
        {person && (
          <div className="order-2 flex w-full min-w-0 items-center justify-between gap-3 border-t border-slate-200 pt-2 dark:border-slate-800" data-testid="header-person">
            <p className="min-w-0 text-sm text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
              {t.rich('signedInAs', { person: () => <span className="font-medium text-slate-900 dark:text-slate-100">{person.label}</span> })}
            </p>
            <div className="shrink-0">
              <SignOutForm compact />
            </div>
          </div>
        )}
      </div>
    </header>
  );
}
