import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';

import { AccountSettings } from '@/components/account-settings';
import { ConfigProblems } from '@/components/config-problems';
import { SignInRequired } from '@/components/sign-in-required';
import { loadAccountPage } from '@/lib/account/account-request';
import { getPageContext } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Account');
  return { title: t('title') };
}

/** A protected page: a signed-out visitor learns what it is and signs in from here, coming back to it. */
export default async function AccountPage() {
  const [context, t] = await Promise.all([getPageContext(), getTranslations('Account')]);
  if (!context.ok) return <ConfigProblems problems={context.problems} />;
  const { session, config } = context;
  if (session.state !== 'signed-in') return <SignInRequired page="account" returnTo="/account" />;
  const settings = await loadAccountPage(config, session.claims.sub);

  const { claims } = session;
  // The test ids stay English whatever the language: tests and scripts find the rows by them.
  const rows = [
    { id: 'email', label: t('rows.email'), value: session.email ?? '—' },
    { id: 'email-verified', label: t('rows.emailVerified'), value: claims.email_verified === true ? t('yes') : t('no') },
    { id: 'user-id', label: t('rows.userId'), value: claims.sub },
    { id: 'issuer', label: t('rows.issuer'), value: String(claims.iss ?? '—') },
  ];
  return (
    <section aria-labelledby="account-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900">
      <h1 id="account-title" className="text-2xl font-bold tracking-tight">
        {t('title')}
      </h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">{t('lead')}</p>
      <dl className="mt-6 divide-y divide-slate-200 text-sm dark:divide-slate-800">
        {rows.map((row) => (
          <div key={row.id} className="grid gap-1 py-3 sm:grid-cols-3">
            <dt className="font-medium text-slate-700 dark:text-slate-300">{row.label}</dt>
            <dd className="[overflow-wrap:anywhere] sm:col-span-2" data-testid={`account-${row.id}`}>
              {row.value}
            </dd>
          </div>
        ))}
      </dl>
      {settings.enabled && <AccountSettings state={settings} email={session.email} />}
    </section>
  );
}
