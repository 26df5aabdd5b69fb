import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';

import type { SesStatus } from '@/lib/config';

const code = (chunks: ReactNode) => <code>{chunks}</code>;

/** Shown at the top of the connector page while SES cannot send: what is wrong and what to set. */
export async function ConnectorSetupAlert({ ses }: { ses: Exclude<SesStatus, { state: 'configured' }> }) {
  const t = await getTranslations('Connector.setup');
  return (
    <section role="alert" aria-labelledby="ses-setup-title" className="rounded-2xl border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <h2 id="ses-setup-title" className="text-lg font-semibold">
        {ses.state === 'missing' ? t('missingTitle') : t('invalidTitle')}
      </h2>
      {ses.state === 'missing' ? (
        <p className="mt-2 text-sm">{t.rich('missing', { code })}</p>
      ) : (
        <>
          <p className="mt-2 text-sm">{t.rich('invalid', { code, count: ses.issues.length })}</p>
          <ul className="mt-3 space-y-2 text-sm">
            {ses.issues.map((issue) => (
              <li key={`${issue.field}:${issue.message}`} className="rounded-lg bg-white/70 px-3 py-2 [overflow-wrap:anywhere] dark:bg-black/30">
                <code className="font-semibold">{issue.field}</code>: {issue.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
