import { getTranslations } from '@/lib/i18n/server';

import { primaryButton } from '@/components/button-styles';

/**
 * Any address the app does not have (`[...missing]/page.tsx` sends them all here), in the app's
 * shell and the request's language. Next puts a layout's not-found element into every page under
 * it, so it stays this small.
 */
export default async function NotFound() {
  const t = await getTranslations('NotFound');
  return (
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
  );
}
