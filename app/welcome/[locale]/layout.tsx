import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';

import { AppShell } from '@/components/app-shell';
import { asLocale, locales } from '@/lib/i18n/locales';

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: asLocale((await params).locale), namespace: 'Metadata' });
  return { description: t('description') };
}

/** The prerendered signed-out home's document: its language is the page's, not the request's. */
export default async function WelcomeLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  setRequestLocale(asLocale((await params).locale));
  return <AppShell>{children}</AppShell>;
}
