import type { Metadata } from 'next';
import { headers } from 'next/headers';

import { ConfigProblems } from '@/components/config-problems';
import { ConnectorFieldsTable } from '@/components/connector-fields-table';
import { ConnectorSetupAlert } from '@/components/connector-setup-alert';
import { ConnectorTemplates } from '@/components/connector-templates';
import { ConnectorTestSendForm } from '@/components/connector-test-send-form';
import { cardClass as card, FormCard, NotAllowedCard } from '@/components/cards';
import { Notice } from '@/components/notice';
import { SesDeliveryEvents } from '@/components/ses-delivery-events';
import { SesReadinessPanel } from '@/components/ses-readiness-panel';
import type { SesStatus } from '@/lib/config';
import { styleNonceOf } from '@/lib/http/email-preview';
import { describeConnectorFields, templatePreviewLanguages, usageTypes } from '@/lib/ses';
import { getTestSenderPage } from '@/lib/test-send/test-sender';
import { tenantTemplatesUnknown } from '@/lib/test-send/template-source';
import { whoMayTestSend } from '@/lib/test-send/test-send-service';

export const metadata: Metadata = { title: 'SES connector' };

function fieldReports(ses: SesStatus) {
  if (ses.state === 'configured') return describeConnectorFields(ses.settings.connector);
  // Nothing set: every field reads as missing, with what to put in it.
  return ses.state === 'invalid' ? ses.fields : describeConnectorFields({});
}

const title = (
  <h1 id="connector-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
    AWS SES connector
  </h1>
);

/**
 * The counterpart of the connector form in Logto's console: what is configured, what each
 * template looks like, and a test send to prove the setup works. Only those allowed to
 * test-send see any of it; anyone else signed in learns who may, and nothing of the setup.
 */
export default async function ConnectorPage({ searchParams }: { searchParams: Promise<{ lang?: string | string[] }> }) {
  const page = await getTestSenderPage('/connector');
  if (page.state === 'not-configured') return <ConfigProblems problems={page.problems} />;
  if (page.state === 'not-allowed') {
    return <NotAllowedCard titleId="connector-title" title={title} who={whoMayTestSend} refusal={page.refusal} testId="connector-not-allowed" />;
  }
  const { config, session } = page;

  const { ses } = config;
  // The previews' style blocks need the style nonce of this page's policy (lib/http/email-preview.ts).
  const styleNonce = styleNonceOf((await headers()).get('content-security-policy'));
  const sending =
    ses.state === 'configured'
      ? { via: ses.settings.endpoint ?? `Amazon SES in ${ses.settings.connector.region}`, timeoutSeconds: ses.settings.timeoutMs / 1000 }
      : undefined;

  return (
    <div className="space-y-8">
      <section aria-labelledby="connector-title" className={card}>
        {title}
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          The connector Logto uses to email verification codes, read from <code>AWS_SES_CONFIG</code>. Check it here and send
          yourself a test before relying on it.
        </p>
        {sending && (
          <p className="mt-4 text-sm">
            Sends through <code className="break-all">{sending.via}</code>, giving up after {sending.timeoutSeconds} s.
          </p>
        )}
        {config.localInboxUrl && (
          <p className="mt-4 text-sm">
            Local mode: mail goes to the local SES inbox, not to real addresses.{' '}
            <a
              href={config.localInboxUrl}
              className="rounded font-medium text-indigo-700 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-indigo-500 dark:text-indigo-300"
            >
              Open the local inbox
            </a>
          </p>
        )}
      </section>

      {config.onVercel && !config.testSend.redisUrl && (
        <div data-testid="per-instance-notice">
          <Notice>
            On Vercel every function instance is its own process, and <code>REDIS_URL</code> is not set: the test-send limits count per
            instance, and an SES event one instance received is not seen by the page another instance serves. Set <code>REDIS_URL</code>{' '}
            to a Redis that serverless functions reach well, such as Upstash (a <code>rediss://</code> URL, over TLS).
          </Notice>
        </div>
      )}

      {ses.state !== 'configured' && <ConnectorSetupAlert ses={ses} />}

      {ses.state === 'configured' && <SesReadinessPanel settings={ses.settings} eventTopicArns={config.sesEvents.topicArns} />}

      <section aria-labelledby="fields-title">
        <h2 id="fields-title" className="mb-3 text-lg font-semibold">
          Configuration
        </h2>
        <ConnectorFieldsTable fields={fieldReports(ses)} />
      </section>

      {ses.state === 'configured' && (
        <section aria-labelledby="templates-title">
          <h2 id="templates-title" className="text-lg font-semibold">
            Templates
          </h2>
          <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-300">
            The repository&apos;s templates, as the tenant will have them after <code>npm run logto -- sync</code>: one per usage type and
            language, shown with the test code 000000, picked as Logto picks them: <code>email-templates/</code> for the language, then its{' '}
            <code>en</code>, then the connector&apos;s own template (Generic for a usage type without one).
          </p>
          <ConnectorTemplates
            templates={ses.settings.connector.templates}
            usageTypes={usageTypes}
            languages={templatePreviewLanguages((await searchParams).lang)}
            styleNonce={styleNonce}
          />
        </section>
      )}

      <FormCard
        id="test-send-title"
        title="Send a test email"
        description={
          <>
            Sends the template Logto would mail, with the code 000000 as Logto&apos;s console does, so nobody mistakes it for a real code.
            While your AWS account is in the SES sandbox, the recipient must be a verified identity too.
            {config.managementApi ? (
              <> The tenant&apos;s own email templates and fallback language are read through the Management API.</>
            ) : (
              <span data-testid="tenant-templates-unknown"> {tenantTemplatesUnknown}</span>
            )}
          </>
        }
      >
        <ConnectorTestSendForm
          usageTypes={usageTypes}
          defaultTo={session.email}
          eventsConfigured={config.sesEvents.topicArns.length > 0}
          tenantKnown={config.managementApi !== undefined}
        />
      </FormCard>

      <SesDeliveryEvents redisUrl={config.testSend.redisUrl} topicsConfigured={config.sesEvents.topicArns.length > 0} userId={session.claims.sub} />
    </div>
  );
}
