import { getTranslations } from '@/lib/i18n/server';

import { SignInForms } from './auth-forms';

/** What a signed-out visitor sees on the home page: one line on the app, and the two buttons. */
export async function Welcome() {
  const t = await getTranslations('Welcome');
  return (
    <section aria-labelledby="welcome" className="rounded-2xl border border-slate-200 bg-white p-8 shadow-sm sm:p-10 dark:border-slate-800 dark:bg-slate-900">
      <h1 id="welcome" className="text-3xl font-bold tracking-tight sm:text-4xl">
        {t('title')}
      </h1>
      <p className="mt-4 max-w-prose text-lg text-slate-600 dark:text-slate-300">{t('lead')}</p>
      <div className="mt-8">
        <SignInForms />
      </div>
    </section>
  );
}
