import type { SesSettings } from '@/lib/ses';
import { getSesReadiness, type CheckVerdict } from '@/lib/ses/readiness';

const verdictStyle: Record<CheckVerdict, { label: string; className: string }> = {
  pass: { label: 'Pass', className: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' },
  warn: { label: 'Note', className: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100' },
  fail: { label: 'Fail', className: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100' },
  'not-checked': { label: 'Not checked', className: 'bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-100' },
};

const groupTitle = { account: 'Account', sender: 'Sender', 'configuration-set': 'Configuration set' } as const;

/** Whether SES will deliver a code now, as SES itself answers (lib/ses/readiness.ts). */
export async function SesReadinessPanel({ settings, eventTopicArns }: { settings: SesSettings; eventTopicArns: readonly string[] }) {
  const readiness = await getSesReadiness(settings, { eventTopicArns });
  const groups = (['account', 'sender', 'configuration-set'] as const).map((group) => ({ group, checks: readiness.checks.filter((check) => check.group === group) }));
  return (
    <section aria-labelledby="readiness-title" data-testid="ses-readiness" data-ready={readiness.ready}>
      <h2 id="readiness-title" className="text-lg font-semibold">
        SES readiness
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-300">
        {readiness.ready ? 'Ready: ' : 'Not ready: '}
        what Amazon SES says of this account in {readiness.region}, checked at {readiness.checkedAt.slice(11, 19)} UTC (kept for a minute).
      </p>
      <div className="space-y-4">
        {groups.map(({ group, checks }) => (
          <div key={group} className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <table className="w-full text-left text-sm">
              <caption className="px-4 pt-3 text-left font-medium">{groupTitle[group]}</caption>
              <tbody>
                {checks.map((check) => (
                  <tr key={check.id} data-testid={`readiness-${check.id}`} data-verdict={check.verdict} className="border-t border-slate-100 align-top dark:border-slate-800">
                    <th scope="row" className="w-44 px-4 py-2 font-medium">
                      {check.title}
                    </th>
                    <td className="w-28 px-2 py-2">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${verdictStyle[check.verdict].className}`}>{verdictStyle[check.verdict].label}</span>
                    </td>
                    <td className="px-4 py-2">
                      {check.detail}
                      {check.fix && <span className="mt-1 block text-slate-600 dark:text-slate-300">Fix: {check.fix}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </section>
  );
}
