import { getTranslations } from '@/lib/i18n/server';

import { ClaimsTable } from '@/components/claims-table';
import { ConfigProblems } from '@/components/config-problems';
import { Notice } from '@/components/notice';
import { Welcome } from '@/components/welcome';
import { getPageContext } from '@/lib/auth/session';

/** The notices other steps send here in `?notice=`; anything else is ignored. */
const notices = ['signed-out-locally'] as const;
const isNotice = (value: unknown): value is (typeof notices)[number] => notices.includes(value as (typeof notices)[number]);

export default async function HomePage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const [context, t, { notice }] = await Promise.all([getPageContext(), getTranslations('Home'), searchParams]);
  if (!context.ok) return <ConfigProblems problems={context.problems} />;
  const { session } = context;

  if (session.state !== 'signed-in') {
    return (
      <>
        {isNotice(notice) && <Notice>{t(`notices.${notice}`)}</Notice>}
        {session.state === 'expired' && <Notice>{t('expired')}</Notice>}
        <Welcome />
      </>
    );
  }

  return (
    <section aria-labelledby="signed-in" className="space-y-8">
      <div className="rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <p className="text-sm font-medium text-indigo-700 dark:text-indigo-300">{t('signedIn')}</p>
        <h1 id="signed-in" className="mt-1 text-2xl font-bold tracking-tight [overflow-wrap:anywhere] sm:text-3xl" data-testid="signed-in-email">
          {session.email ?? session.claims.sub}
        </h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">{t('identityLead')}</p>
        <div className="mt-6">
          <a href="/account" className="rounded-md px-2 py-1 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-3 focus-visible:outline-indigo-500 dark:text-indigo-300">
            {t('yourAccount')}
          </a>
        </div>
      </div>
      <div>
        <h2 className="mb-3 text-lg font-semibold">{t('claimsHeading')}</h2>
        <ClaimsTable claims={session.claims} />
      </div>
    </section>
  );
}
