import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { ConfigProblems } from '@/components/config-problems';
import { Notice } from '@/components/notice';
import { SetupChecks } from '@/components/setup-checks';
import { SetupFixForm } from '@/components/setup-fix-form';
import { getPageContext } from '@/lib/auth/session';
import { describeUriChange } from '@/lib/logto-management/checks';
import { runDoctor } from '@/lib/logto-management/doctor';
import { authorizeTestSend } from '@/lib/test-send/test-send-service';

export const metadata: Metadata = { title: 'Logto setup' };

const card = 'rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900';

const title = (
  <h1 id="setup-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
    Logto setup
  </h1>
);

/**
 * The doctor's checks of the Logto side (`npm run logto -- doctor` in a browser), for the
 * people allowed to test-send; anyone else signed in learns who may, and nothing of the setup.
 */
export default async function SetupPage() {
  const context = await getPageContext();
  if (!context.ok) return <ConfigProblems problems={context.problems} />;
  const { config, session } = context;
  if (session.state !== 'signed-in') redirect('/sign-in?returnTo=/setup');

  const authorization = authorizeTestSend(config, session);
  if (!authorization.ok) {
    return (
      <section aria-labelledby="setup-title" className={card}>
        {title}
        <div className="mt-4 -mb-6">
          <Notice>
            <span data-testid="setup-not-allowed">Only the people allowed to test-send may see the Logto setup checks.</span> {authorization.message}{' '}
            {authorization.hint}
          </Notice>
        </div>
      </section>
    );
  }

  const report = await runDoctor({ ok: true, config });
  return (
    <div className="space-y-8">
      <section aria-labelledby="setup-title" className={card}>
        {title}
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          What this app needs from Logto, checked now against <code className="break-all">{config.logto.endpoint}</code>. The same checks run in a
          terminal with <code>npm run logto -- doctor</code>.
        </p>
      </section>
      <section aria-labelledby="checks-title">
        <h2 id="checks-title" className="mb-3 text-lg font-semibold">
          Checks
        </h2>
        <SetupChecks checks={report.checks} />
      </section>
      {report.uriFix && (
        <section aria-labelledby="fix-title" className={card}>
          <h2 id="fix-title" className="text-lg font-semibold">
            Register the missing URIs
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-300">
            Through the Management API, on the application {config.logto.appId}; the URIs already registered stay.
          </p>
          <SetupFixForm changes={describeUriChange(report.uriFix).split('; ')} />
        </section>
      )}
    </div>
  );
}
