import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';

import { asLocale } from '@/lib/i18n/locales';
import type { Check } from '@/lib/logto-management/checks';
import { sayIn } from '@/lib/logto-management/doctor-text';
import { messagesFor } from '@/lib/i18n/messages';

const badge: Record<Check['status'], { label: 'pass' | 'fail' | 'notChecked'; style: string }> = {
  pass: { label: 'pass', style: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' },
  fail: { label: 'fail', style: 'bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-100' },
  'not-checked': { label: 'notChecked', style: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100' },
};

/** One row per doctor check: its verdict, what was found, and the fix or how to enable it, in the page's language. */
export async function SetupChecks({ checks }: { checks: Check[] }) {
  const [t, locale] = await Promise.all([getTranslations('Setup'), getLocale().then(asLocale)]);
  const titles = messagesFor(locale).Doctor.titles;
  return (
    <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {checks.map((check) => (
        <li key={check.id} data-testid={`check-${check.id}`} data-status={check.status} className="flex flex-col gap-1 px-5 py-4 sm:flex-row sm:gap-4">
          <span className={`h-fit w-fit shrink-0 rounded-full px-2.5 py-0.5 text-center text-xs font-semibold sm:w-24 ${badge[check.status].style}`}>{t(badge[check.status].label)}</span>
          <div className="min-w-0 text-sm">
            <p className="font-semibold">{titles[check.id]}</p>
            <p className="mt-1 text-slate-700 [overflow-wrap:anywhere] dark:text-slate-300">{sayIn(locale, check.said.detail)}</p>
            {check.said.fix && (
              <p className="mt-1 text-slate-700 [overflow-wrap:anywhere] dark:text-slate-300">
                <span className="font-medium">{check.status === 'fail' ? t('fixLabel') : t('enableLabel')} </span>
                {sayIn(locale, check.said.fix)}
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
