import { getLocale } from 'next-intl/server';
import { getFormatter, getTranslations } from '@/lib/i18n/server';

import { messageTextIn } from '@/lib/i18n/message';
import type { SesSettings } from '@/lib/ses';
import { getSesReadiness, type CheckVerdict } from '@/lib/ses/readiness';

const verdictStyle: Record<CheckVerdict, string> = {
  pass: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  warn: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  fail: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
  'not-checked': 'bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-100',
};

/**
 * Whether SES will deliver a code now, as SES itself answers (lib/ses/readiness.ts). Each check is
 * a row of three columns where there is room, and a card (title and verdict, then what SES says)
 * on a phone, so no sentence or ARN is cut off at the right edge.
 */
export async function SesReadinessPanel({ settings, eventTopicArns }: { settings: SesSettings; eventTopicArns: readonly string[] }) {
  const [readiness, t, format, locale] = await Promise.all([getSesReadiness(settings, { eventTopicArns }), getTranslations('Readiness'), getFormatter(), getLocale()]);
  const text = messageTextIn(locale);
  const groups = (['account', 'sender', 'configuration-set'] as const).map((group) => ({ group, checks: readiness.checks.filter((check) => check.group === group) }));
  const time = format.dateTime(new Date(readiness.checkedAt), { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  return (
    <section aria-labelledby="readiness-title" data-testid="ses-readiness" data-ready={readiness.ready}>
      <h2 id="readiness-title" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-300">{t('summary', { ready: readiness.ready ? 'yes' : 'no', region: readiness.region, time })}</p>
      <div className="space-y-4">
        {groups.map(({ group, checks }) => (
          <div key={group} role="group" aria-labelledby={`readiness-group-${group}`} className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <p id={`readiness-group-${group}`} className="px-4 pt-3 text-sm font-medium">
              {t(`groups.${group}`)}
            </p>
            <ul className="mt-2 text-sm">
              {checks.map((check) => (
                <li
                  key={check.id}
                  data-testid={`readiness-${check.id}`}
                  data-verdict={check.verdict}
                  className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 border-t border-slate-100 px-4 py-2 sm:grid-cols-[11rem_7rem_minmax(0,1fr)] dark:border-slate-800"
                >
                  <span className="font-medium">{t(`titles.${check.id}`)}</span>
                  <span>
                    <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${verdictStyle[check.verdict]}`}>{t(`verdicts.${check.verdict}`)}</span>
                  </span>
                  <span className="col-span-2 [overflow-wrap:anywhere] sm:col-span-1">
                    {text(check.text.detail)}
                    {check.text.fix && (
                      <span className="mt-1 block text-slate-600 dark:text-slate-300">
                        {t('fixLabel', { fix: text(check.text.fix) })}
                      </span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
