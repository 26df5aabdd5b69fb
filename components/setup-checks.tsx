import type { Check } from '@/lib/logto-management/checks';

const badge: Record<Check['status'], { label: string; style: string }> = {
  pass: { label: 'Pass', style: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' },
  fail: { label: 'Fail', style: 'bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-100' },
  'not-checked': { label: 'Not checked', style: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100' },
};

/** One row per doctor check: its verdict, what was found, and the fix or how to enable it. */
export function SetupChecks({ checks }: { checks: Check[] }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {checks.map((check) => (
        <li key={check.id} data-testid={`check-${check.id}`} data-status={check.status} className="flex flex-col gap-1 px-5 py-4 sm:flex-row sm:gap-4">
          <span className={`h-fit w-fit shrink-0 rounded-full px-2.5 py-0.5 text-center text-xs font-semibold sm:w-24 ${badge[check.status].style}`}>{badge[check.status].label}</span>
          <div className="min-w-0 text-sm">
            <p className="font-semibold">{check.title}</p>
            <p className="mt-1 break-words text-slate-700 dark:text-slate-300">{check.detail}</p>
            {check.fix && (
              <p className="mt-1 break-words text-slate-700 dark:text-slate-300">
                <span className="font-medium">{check.status === 'fail' ? 'Fix: ' : 'To check it: '}</span>
                {check.fix}
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
