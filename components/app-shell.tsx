import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';

import { SiteFooter } from './site-footer';
import { SiteHeader, type HeaderPerson } from './site-header';

/**
 * The document every page is drawn in: `<html lang>` in the page's language, the skip link,
 * header, main and footer. The app's two root layouts (pages rendered per request, and the
 * prerendered signed-out home) and the not-found page all use it.
 */
export async function AppShell({ person, children }: { person?: HeaderPerson; children: ReactNode }) {
  const [t, locale] = await Promise.all([getTranslations('Shell'), getLocale()]);
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-10 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900 focus:shadow"
        >
          {t('skipToContent')}
        </a>
        <SiteHeader person={person} />
        <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-10 sm:px-6 sm:py-16">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
