import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { AccountSettings } from '@/components/account-settings';
import { SignOutForm } from '@/components/auth-forms';
import { ConfigProblems } from '@/components/config-problems';
import { loadAccountPage } from '@/lib/account/account-request';
import { getPageContext } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Your account' };

/** A protected page: signed-out visitors go through sign-in and come back here. */
export default async function AccountPage() {
  const context = await getPageContext();
  if (!context.ok) return <ConfigProblems problems={context.problems} />;
  const { session, config } = context;
  if (session.state !== 'signed-in') redirect('/sign-in?returnTo=/account');
  const settings = await loadAccountPage(config, session.claims.sub);

  const { claims } = session;
  const rows = [
    { label: 'Email', value: session.email ?? '—' },
    { label: 'Email verified', value: claims.email_verified === true ? 'Yes' : 'No' },
    { label: 'User ID', value: claims.sub },
    { label: 'Issuer', value: String(claims.iss ?? '—') },
  ];
  return (
    <section aria-labelledby="account-title" className="rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 id="account-title" className="text-2xl font-bold tracking-tight">
        Your account
      </h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">Only signed-in people can see this page.</p>
      <dl className="mt-6 divide-y divide-slate-200 text-sm dark:divide-slate-800">
        {rows.map((row) => (
          <div key={row.label} className="grid gap-1 py-3 sm:grid-cols-3">
            <dt className="font-medium text-slate-700 dark:text-slate-300">{row.label}</dt>
            <dd className="break-all sm:col-span-2" data-testid={`account-${row.label.toLowerCase().replace(/\s+/g, '-')}`}>
              {row.value}
            </dd>
          </div>
        ))}
      </dl>
      {settings.enabled && <AccountSettings state={settings} email={session.email} />}
      <div className="mt-6">
        <SignOutForm />
      </div>
    </section>
  );
}
