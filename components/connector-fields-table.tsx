import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';

import { messageTextIn } from '@/lib/i18n/message';
import type { ConnectorFieldReport, FieldStatus } from '@/lib/ses';

const badgeStyles: Record<FieldStatus, string> = {
  valid: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  missing: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  invalid: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
};

// An optional field left out is normal, not a warning.
const unsetOptionalBadge = 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300';

function StatusBadge({ field, label }: { field: ConnectorFieldReport; label: (status: FieldStatus | 'notSet') => string }) {
  const optionalUnset = field.status === 'missing' && !field.required;
  return (
    <span
      data-testid={`field-status-${field.field}`}
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${optionalUnset ? unsetOptionalBadge : badgeStyles[field.status]}`}
    >
      {label(optionalUnset ? 'notSet' : field.status)}
    </span>
  );
}

/**
 * The connector's fields as Logto's console lists them. Values come from
 * `describeConnectorFields`, which masks the access key ID and never includes the secret.
 */
export async function ConnectorFieldsTable({ fields }: { fields: ConnectorFieldReport[] }) {
  const [t, locale] = await Promise.all([getTranslations('ConnectorFields'), getLocale()]);
  const text = messageTextIn(locale);
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 dark:border-slate-800">
      <table className="block w-full text-left text-sm sm:table">
        <caption className="sr-only">{t('caption')}</caption>
        <thead className="hidden bg-slate-100 sm:table-header-group text-slate-700 dark:bg-slate-900 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-semibold">{t('fieldColumn')}</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">{t('valueColumn')}</th>
          </tr>
        </thead>
        <tbody className="block divide-y sm:table-row-group divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-950">
          {fields.map((field) => (
            <tr key={field.field} data-field={field.field} className="block sm:table-row">
              <th scope="row" className="block px-4 pb-1 pt-2.5 align-top font-normal sm:table-cell sm:w-2/5 sm:pb-2.5">
                <code className="block font-semibold text-slate-900 [overflow-wrap:anywhere] dark:text-slate-100">{field.field}</code>
                <span className="mt-1 flex flex-wrap items-center gap-2">
                  <StatusBadge field={field} label={(status) => t(`status.${status}`)} />
                  <span className="text-xs text-slate-600 dark:text-slate-400">{field.required ? t('required') : t('optional')}</span>
                </span>
              </th>
              <td className="block px-4 pb-2.5 pt-1 align-top sm:table-cell sm:pt-2.5">
                {field.display && (
                  <code className="block font-mono text-xs text-slate-900 [overflow-wrap:anywhere] dark:text-slate-100" data-testid={`field-value-${field.field}`}>
                    {field.displayText ? text(field.displayText) : field.display}
                  </code>
                )}
                <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{field.text.map(text).join(' ')}</p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
