import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';

import { signInAction, signOutAction, signUpAction } from '@/lib/auth/actions';

import { primaryButton, secondaryButton } from './button-styles';

/**
 * Plain forms posting to server actions: they work with JavaScript turned off. Each sends the
 * page's language, which Logto gets as `ui_locales`: its screens and the code mail follow it.
 */
export async function SignInForms({ returnTo = '/' }: { returnTo?: string }) {
  const [t, locale] = await Promise.all([getTranslations('AuthForms'), getLocale()]);
  return (
    <div className="flex flex-wrap gap-3">
      <form action={signInAction}>
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="lang" value={locale} />
        <button type="submit" className={primaryButton}>
          {t('signIn')}
        </button>
      </form>
      <form action={signUpAction}>
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="lang" value={locale} />
        <button type="submit" className={secondaryButton}>
          {t('createAccount')}
        </button>
      </form>
    </div>
  );
}

const compactButton =
  'rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800';

/** `compact`: the header's small form of it. */
export async function SignOutForm({ compact = false }: { compact?: boolean }) {
  const t = await getTranslations('AuthForms');
  return (
    <form action={signOutAction}>
      <button type="submit" className={compact ? compactButton : secondaryButton}>
        {t('signOut')}
      </button>
    </form>
  );
}
