import type { Metadata } from 'next';
import { connection } from 'next/server';

import { AppShell } from '@/components/app-shell';
import { primaryButton } from '@/components/button-styles';
import { isStaticPrerender } from '@/lib/i18n/prerender';
import { getTranslations } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('NotFound');
  return { title: t('title') };
}

/**
 * Any address the app does not have, in the request's language and the app's shell. Rendered per
 * request, not prerendered: only then does it carry the CSP nonce that proxy.ts sets, which
 * Next's scripts on the page need.
 */
export default async function NotFound() {
  await connection();
  // Else the prerendered Chinese home would come out in English (lib/i18n/prerender.ts).
  if (await isStaticPrerender()) return null;
  const t = await getTranslations('NotFound');
  return (
    <AppShell>
      <section aria-labelledby="not-found" className="rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <p className="text-sm font-medium text-slate-600 dark:text-slate-400">{t('status')}</p>
        <h1 id="not-found" className="mt-1 text-2xl font-bold tracking-tight">
          {t('heading')}
        </h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">{t('message')}</p>
        <a href="/" className={`${primaryButton} mt-6`}>
          {t('back')}
        </a>
      </section>
    </AppShell>
  );
}
