import { getLocale, getTranslations } from 'next-intl/server';

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
  return (
    <header className="border-b border-slate-200 bg-white/80 dark:border-slate-800 dark:bg-slate-900/80">
      <div className="mx-auto flex w-full max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <a href="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm text-white">@</span>
          {productName}
        </a>
        <LanguageSwitch locale={locale} label={t('language')} />
        <nav aria-label={t('navigation')} className="w-full sm:w-auto">
          <ul className="-mx-3 flex flex-wrap gap-x-1 text-sm">
            {links.map((link) => (
              <li key={link.href}>
                <a
                  href={link.href}
                  className="block rounded-md px-3 py-2 text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
                >
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {person && (
          <div className="flex w-full min-w-0 flex-wrap items-center gap-x-3 gap-y-2 sm:w-auto" data-testid="header-person">
            <p className="min-w-0 text-sm text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
              {t.rich('signedInAs', { person: () => <span className="font-medium text-slate-900 dark:text-slate-100">{person.label}</span> })}
            </p>
            <SignOutForm compact />
          </div>
        )}
      </div>
    </header>
  );
}
