import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';

import { ConfigProblems } from '@/components/config-problems';
import { ConnectorFieldsTable } from '@/components/connector-fields-table';
import { ConnectorSetupAlert } from '@/components/connector-setup-alert';
import { ConnectorTemplates } from '@/components/connector-templates';
import { ConnectorTestSendForm } from '@/components/connector-test-send-form';
import { cardClass as card, FormCard, NotAllowedCard } from '@/components/cards';
import { Notice } from '@/components/notice';
import { SesDeliveryEvents } from '@/components/ses-delivery-events';
import { SesReadinessPanel } from '@/components/ses-readiness-panel';
import { SignInRequired } from '@/components/sign-in-required';
import type { SesStatus } from '@/lib/config';
import { styleNonceOf } from '@/lib/http/email-preview';
import { messagesFor } from '@/lib/i18n/messages';
import { describeConnectorFields, templatePreviewLanguages, usageTypes } from '@/lib/ses';
import { getTestSenderPage } from '@/lib/test-send/test-sender';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Connector');
  return { title: t('metaTitle') };
}

const code = (chunks: ReactNode) => <code>{chunks}</code>;

function fieldReports(ses: SesStatus) {
  if (ses.state === 'configured') return describeConnectorFields(ses.settings.connector);
  // Nothing set: every field reads as missing, with what to put in it.
  return ses.state === 'invalid' ? ses.fields : describeConnectorFields({});
}

const Title = ({ children }: { children: ReactNode }) => (
  <h1 id="connector-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
    {children}
  </h1>
);

/**
 * The counterpart of the connector form in Logto's console: what is configured, what each
 * template looks like, and a test send to prove the setup works. Only those allowed to
 * test-send see any of it; anyone else signed in learns who may, and nothing of the setup.
 */
export default async function ConnectorPage({ searchParams }: { searchParams: Promise<{ lang?: string | string[] }> }) {
  const page = await getTestSenderPage();
  if (page.state === 'signed-out') return <SignInRequired page="connector" returnTo="/connector" />;
  if (page.state === 'not-configured') return <ConfigProblems problems={page.problems} />;
  const [t, tt, ts, locale] = await Promise.all([getTranslations('Connector'), getTranslations('Templates'), getTranslations('TestSend'), getLocale()]);
  const title = <Title>{t('title')}</Title>;
  if (page.state === 'not-allowed') {
    return <NotAllowedCard titleId="connector-title" title={title} who={t('whoMay')} refusal={page.refusal} testId="connector-not-allowed" />;
  }
  const { config, session } = page;
  const messages = messagesFor(locale);

  const { ses } = config;
  // The previews' style blocks need the style nonce of this page's policy (lib/http/email-preview.ts).
  const styleNonce = styleNonceOf((await headers()).get('content-security-policy'));
  const sending =
    ses.state === 'configured'
      ? { via: ses.settings.endpoint ?? t('sesInRegion', { region: ses.settings.connector.region }), timeoutSeconds: ses.settings.timeoutMs / 1000 }
      : undefined;

  return (
    <div className="space-y-8">
      <section aria-labelledby="connector-title" className={card}>
        {title}
        <p className="mt-2 text-slate-600 dark:text-slate-300">{t.rich('intro', { code })}</p>
        {sending && (
          <p className="mt-4 text-sm">
            {t.rich('sendsThrough', {
              via: sending.via,
              seconds: sending.timeoutSeconds,
              code: (chunks) => <code className="[overflow-wrap:anywhere]">{chunks}</code>,
            })}
          </p>
        )}
        {config.localInboxUrl && (
          <p className="mt-4 text-sm">
            {t('localMode')}{' '}
            <a
              href={config.localInboxUrl}
              className="rounded font-medium text-indigo-700 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-indigo-500 dark:text-indigo-300"
            >
              {t('openInbox')}
            </a>
          </p>
        )}
      </section>

      {config.onVercel && !config.testSend.redisUrl && (
        <div data-testid="per-instance-notice">
          <Notice>{t.rich('perInstance', { code })}</Notice>
        </div>
      )}

      {ses.state !== 'configured' && <ConnectorSetupAlert ses={ses} />}

      {ses.state === 'configured' && <SesReadinessPanel settings={ses.settings} eventTopicArns={config.sesEvents.topicArns} />}

      <section aria-labelledby="fields-title">
        <h2 id="fields-title" className="mb-3 text-lg font-semibold">
          {t('fieldsHeading')}
        </h2>
        <ConnectorFieldsTable fields={fieldReports(ses)} />
      </section>

      {ses.state === 'configured' && (
        <section aria-labelledby="templates-title">
          <h2 id="templates-title" className="text-lg font-semibold">
            {tt('heading')}
          </h2>
          <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-300">{tt.rich('intro', { code })}</p>
          <ConnectorTemplates
            templates={ses.settings.connector.templates}
            usageTypes={usageTypes}
            languages={templatePreviewLanguages((await searchParams).lang ?? locale)}
            styleNonce={styleNonce}
          />
        </section>
      )}

      <FormCard
        id="test-send-title"
        title={ts('title')}
        description={
          // The second sentence follows as each language separates sentences (a space in English, none in Chinese).
          ts.rich('description', {
            tenant: () => (config.managementApi ? ts('tenantKnown') : <span data-testid="tenant-templates-unknown">{ts('tenantUnknown')}</span>),
          })
        }
      >
        {/* Only this form's messages go to the browser, and only on this page (common.md: no provider in a layout). */}
        <NextIntlClientProvider messages={{ TestSend: messages.TestSend, DeliveryEvents: { types: messages.DeliveryEvents.types } }}>
          <ConnectorTestSendForm
            usageTypes={usageTypes}
            defaultTo={session.email}
            defaultLocale={locale}
            eventsConfigured={config.sesEvents.topicArns.length > 0}
            tenantKnown={config.managementApi !== undefined}
          />
        </NextIntlClientProvider>
      </FormCard>

      <SesDeliveryEvents redisUrl={config.testSend.redisUrl} topicsConfigured={config.sesEvents.topicArns.length > 0} userId={session.claims.sub} />
    </div>
  );
}
