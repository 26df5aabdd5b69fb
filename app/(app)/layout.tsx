import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';

import { AppShell } from '@/components/app-shell';
import { getPageContext } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Metadata');
  return { description: t('description') };
}

/** Every page rendered per request: in the request's language, the header naming who is signed in. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const context = await getPageContext();
  const session = context.ok ? context.session : undefined;
  const person = session?.state === 'signed-in' ? { label: session.email ?? session.claims.sub } : undefined;
  return <AppShell person={person}>{children}</AppShell>;
}
