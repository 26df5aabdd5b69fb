import { getTranslations } from '@/lib/i18n/server';

import { SignInForms } from './auth-forms';
import { cardClass } from './cards';

/** The pages that are only for signed-in people, each with its own words for why. */
export type ProtectedPage = 'account' | 'connector' | 'setup';

/**
 * What a signed-out visitor sees on a page for signed-in people: what the page is and why they
 * have to sign in, with the buttons that bring them back here; not a silent jump to Logto.
 */
export async function SignInRequired({ page, returnTo }: { page: ProtectedPage; returnTo: string }) {
  const t = await getTranslations('SignInRequired');
  return (
    <section aria-labelledby="sign-in-required" className={cardClass} data-testid="sign-in-required">
      <h1 id="sign-in-required" className="text-2xl font-bold tracking-tight">
        {t(`${page}.title`)}
      </h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">{t(`${page}.why`)}</p>
      <div className="mt-6">
        <SignInForms returnTo={returnTo} />
      </div>
    </section>
  );
}
