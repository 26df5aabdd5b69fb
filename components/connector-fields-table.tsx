import type { ConnectorFieldReport, FieldStatus } from '@/lib/ses';

const badgeStyles: Record<FieldStatus, string> = {
  valid: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  missing: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  invalid: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
};

// An optional field left out is normal, not a warning.
const unsetOptionalBadge = 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300';

function StatusBadge({ field }: { field: ConnectorFieldReport }) {
  const optionalUnset = field.status === 'missing' && !field.required;
  return (
    <span
      data-testid={`field-status-${field.field}`}
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${optionalUnset ? unsetOptionalBadge : badgeStyles[field.status]}`}
    >
      {optionalUnset ? 'not set' : field.status}
    </span>
  );
}

/**
 * The connector's fields as Logto's console lists them. Values come from
 * `describeConnectorFields`, which masks the access key ID and never includes the secret.
 */
export function ConnectorFieldsTable({ fields }: { fields: ConnectorFieldReport[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Fields of the AWS SES connector configuration, with their status</caption>
        <thead className="bg-slate-100 text-slate-700 dark:bg-slate-900 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-semibold">Field and status</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Value</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-950">
          {fields.map((field) => (
            <tr key={field.field} data-field={field.field}>
              <th scope="row" className="w-2/5 px-4 py-2.5 align-top font-normal">
                <code className="block font-semibold text-slate-900 [overflow-wrap:anywhere] dark:text-slate-100">{field.field}</code>
                <span className="mt-1 flex flex-wrap items-center gap-2">
                  <StatusBadge field={field} />
                  <span className="text-xs text-slate-600 dark:text-slate-400">{field.required ? 'required' : 'optional'}</span>
                </span>
              </th>
              <td className="px-4 py-2.5 align-top">
                {field.display && (
                  <code className="block break-all font-mono text-xs text-slate-900 dark:text-slate-100" data-testid={`field-value-${field.field}`}>
                    {field.display}
                  </code>
                )}
                <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{field.reason}</p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
