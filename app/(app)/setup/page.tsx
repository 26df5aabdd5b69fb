import type { Metadata } from 'next';

import { ConfigProblems } from '@/components/config-problems';
import { cardClass as card, FormCard, NotAllowedCard } from '@/components/cards';
import { SetupChecks } from '@/components/setup-checks';
import { SetupFixForm } from '@/components/setup-fix-form';
import { SetupSyncChanges, SetupSyncForm } from '@/components/setup-sync-form';
import { SetupChangeList } from '@/components/setup-change-list';
import { describeUriChange } from '@/lib/logto-management/checks';
import { runDoctor } from '@/lib/logto-management/doctor';
import { authorizeSetupAdmin } from '@/lib/logto-management/setup-admin';
import { planDigest, removalNames, runSync } from '@/lib/logto-management/sync';
import { SignInRequired } from '@/components/sign-in-required';
import { getTestSenderPage } from '@/lib/test-send/test-sender';

export const metadata: Metadata = { title: 'Logto setup' };

const title = (
  <h1 id="setup-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
    Logto setup
  </h1>
);

/**
 * The doctor's checks of the Logto side (`npm run logto -- doctor` in a browser), for the
 * people allowed to test-send; anyone else signed in learns who may, and nothing of the setup.
 * The buttons that change the tenant are for the setup admins only (LOGTO_SETUP_ADMINS); the
 * other testers see what they would change, and why they have no button.
 */
export default async function SetupPage() {
  const page = await getTestSenderPage();
  if (page.state === 'signed-out') return <SignInRequired page="setup" returnTo="/setup" />;
  if (page.state === 'not-configured') return <ConfigProblems problems={page.problems} />;
  if (page.state === 'not-allowed') {
    const who = 'Only the people allowed to test-send may see the Logto setup checks.';
    return <NotAllowedCard titleId="setup-title" title={title} who={who} refusal={page.refusal} testId="setup-not-allowed" />;
  }
  const { config, session } = page;
  const admin = authorizeSetupAdmin(config, session);
  const notAdmin = !admin.ok && (
    <p data-testid="setup-not-admin" className="text-sm text-slate-600 dark:text-slate-300">
      {admin.message} {admin.hint}
    </p>
  );

  const [report, plan] = await Promise.all([runDoctor({ ok: true, config }), runSync(config, { dryRun: true })]);
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
        <FormCard
          id="fix-title"
          title="Register the missing URIs"
          description={<>Through the Management API, on the application {config.logto.appId}; the URIs already registered stay.</>}
        >
          {admin.ok ? (
            <SetupFixForm changes={describeUriChange(report.uriFix).split('; ')} />
          ) : (
            <div className="space-y-3">
              <SetupChangeList changes={describeUriChange(report.uriFix).split('; ')} testId="setup-fix-changes" />
              {notAdmin}
            </div>
          )}
        </FormCard>
      )}
      <FormCard
        id="sync-title"
        title="Connector and email templates"
        description={
          <>
            What applying would change in the tenant, from <code>AWS_SES_CONFIG</code> and <code>email-templates/</code> (secrets only as
            &quot;differs&quot;). The same as <code>npm run logto -- sync</code>.
          </>
        }
      >
        {plan.plan && admin.ok ? (
          <SetupSyncForm
            changes={plan.plan.changes}
            digest={planDigest(plan.plan)}
            removals={removalNames(plan.plan)}
            mustReplace={plan.plan.connector.action === 'replace' ? plan.plan.connector.replaces.connectorId : undefined}
          />
        ) : plan.plan ? (
          <div className="space-y-3">
            <SetupSyncChanges changes={plan.plan.changes} />
            {notAdmin}
          </div>
        ) : (
          <p data-testid="setup-sync-unavailable" className="text-sm">
            {plan.ok ? '' : plan.message}
          </p>
        )}
      </FormCard>
    </div>
  );
}
