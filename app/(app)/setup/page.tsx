import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';

import { ConfigProblems } from '@/components/config-problems';
import { cardClass as card, FormCard, NotAllowedCard } from '@/components/cards';
import { SetupChecks } from '@/components/setup-checks';
import { SetupFixForm } from '@/components/setup-fix-form';
import { SetupSyncChanges, SetupSyncForm } from '@/components/setup-sync-form';
import { SetupChangeList } from '@/components/setup-change-list';
import { failureText } from '@/lib/i18n/failure-text';
import { asLocale } from '@/lib/i18n/locales';
import { uriChangeSaids } from '@/lib/logto-management/checks';
import { runDoctor } from '@/lib/logto-management/doctor';
import { sayIn } from '@/lib/logto-management/doctor-text';
import { authorizeSetupAdmin } from '@/lib/logto-management/setup-admin';
import { planDigest, removalNames, runSync } from '@/lib/logto-management/sync';
import { SignInRequired } from '@/components/sign-in-required';
import { getTestSenderPage } from '@/lib/test-send/test-sender';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Setup');
  return { title: t('title') };
}

const code = (chunks: ReactNode) => <code className="[overflow-wrap:anywhere]">{chunks}</code>;

/**
 * The doctor's checks of the Logto side (`npm run logto -- doctor` in a browser), for the
 * people allowed to test-send; anyone else signed in learns who may, and nothing of the setup.
 * The buttons that change the tenant are for the setup admins only (LOGTO_SETUP_ADMINS); the
 * other testers see what they would change, and why they have no button. Everything the doctor
 * and sync say comes as catalogue messages, said here in the page's language.
 */
export default async function SetupPage() {
  const [page, t, locale] = await Promise.all([getTestSenderPage(), getTranslations('Setup'), getLocale().then(asLocale)]);
  const title = (
    <h1 id="setup-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
      {t('title')}
    </h1>
  );
  if (page.state === 'signed-out') return <SignInRequired page="setup" returnTo="/setup" />;
  if (page.state === 'not-configured') return <ConfigProblems problems={page.problems} />;
  if (page.state === 'not-allowed') {
    const refusal = { ...page.refusal, ...failureText(locale, page.refusal) };
    return <NotAllowedCard titleId="setup-title" title={title} who={t('notAllowed')} refusal={refusal} testId="setup-not-allowed" />;
  }
  const { config, session } = page;
  const admin = authorizeSetupAdmin(config, session);
  const refusal = admin.ok ? undefined : failureText(locale, admin);
  const notAdmin = refusal && (
    <p data-testid="setup-not-admin" className="text-sm text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
      {refusal.message} {refusal.hint}
    </p>
  );

  const [report, plan] = await Promise.all([runDoctor({ ok: true, config }), runSync(config, { dryRun: true })]);
  const uriChanges = report.uriFix && uriChangeSaids(report.uriFix).map((change) => sayIn(locale, change));
  const syncChanges = plan.plan?.said.map((change) => sayIn(locale, change));
  return (
    <div className="space-y-8">
      <section aria-labelledby="setup-title" className={card}>
        {title}
        <p className="mt-2 text-slate-600 dark:text-slate-300">{t.rich('lead', { endpoint: config.logto.endpoint, code })}</p>
      </section>
      <section aria-labelledby="checks-title">
        <h2 id="checks-title" className="mb-3 text-lg font-semibold">
          {t('checksTitle')}
        </h2>
        <SetupChecks checks={report.checks} />
      </section>
      {uriChanges && (
        <FormCard id="fix-title" title={t('fixTitle')} description={t('fixDescription', { appId: config.logto.appId })}>
          {admin.ok ? (
            <SetupFixForm changes={uriChanges} labels={{ submit: t('fixButton'), pending: t('fixPending') }} />
          ) : (
            <div className="space-y-3">
              <SetupChangeList changes={uriChanges} testId="setup-fix-changes" />
              {notAdmin}
            </div>
          )}
        </FormCard>
      )}
      <FormCard id="sync-title" title={t('syncTitle')} description={t.rich('syncDescription', { code })}>
        {plan.plan && syncChanges && admin.ok ? (
          <SetupSyncForm
            changes={syncChanges}
            digest={planDigest(plan.plan)}
            removals={removalNames(plan.plan).map((name) => ({ name, label: t('confirmRemoval', { name }) }))}
            mustReplace={
              plan.plan.connector.action === 'replace'
                ? { connectorId: plan.plan.connector.replaces.connectorId, label: t('confirmReplace', { connectorId: plan.plan.connector.replaces.connectorId }) }
                : undefined
            }
            labels={{
              noDifference: t('noDifference'),
              testTo: t('testToLabel'),
              testToHint: t('testToHint'),
              submit: t('apply'),
              pending: t('applying'),
              applied: t('applied'),
              notApplied: t('notApplied'),
            }}
          />
        ) : plan.plan && syncChanges ? (
          <div className="space-y-3">
            <SetupSyncChanges changes={syncChanges} noDifference={t('noDifference')} />
            {notAdmin}
          </div>
        ) : (
          <p data-testid="setup-sync-unavailable" className="text-sm [overflow-wrap:anywhere]">
            {plan.ok ? '' : plan.message}
          </p>
        )}
      </FormCard>
    </div>
  );
}
