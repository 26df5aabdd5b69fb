import { createTranslator } from 'next-intl';
import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';

import type { ConfigProblem } from '@/lib/config';
import { asLocale, type Locale } from '@/lib/i18n/locales';
import { messagesFor } from '@/lib/i18n/messages';

type SummaryId = keyof ReturnType<typeof messagesFor>['ConfigProblems']['summaries'];

/**
 * A problem's summary in the page's language: the configuration says it in English
 * (`ConfigProblem.summary`, also in the server log), the catalogue has the same words under an
 * id; a summary it does not know (one that names a value) stays English.
 */
export function summaryIdOf(summary: string): SummaryId | undefined {
  const english = messagesFor('en').ConfigProblems.summaries;
  return (Object.keys(english) as SummaryId[]).find((id) => english[id] === summary);
}

const code = (chunks: ReactNode) => <code>{chunks}</code>;

/** Shown instead of a page when the app's settings are missing or invalid, in the page's language. */
export async function ConfigProblems({ problems }: { problems: ConfigProblem[] }) {
  return <ConfigProblemsCard problems={problems} locale={asLocale(await getLocale())} />;
}

export function ConfigProblemsCard({ problems, locale }: { problems: ConfigProblem[]; locale: Locale }) {
  const messages = messagesFor(locale);
  const t = createTranslator({ locale, messages, namespace: 'ConfigProblems' });
  const summaries = messages.ConfigProblems.summaries;
  return (
    <section role="alert" aria-labelledby="config-title" className="rounded-2xl border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <h1 id="config-title" className="text-xl font-semibold">
        {t('title')}
      </h1>
      <p className="mt-2 text-sm">{t.rich('lead', { count: problems.length, code })}</p>
      <ul className="mt-4 space-y-2 text-sm">
        {problems.map((problem, index) => {
          const id = summaryIdOf(problem.summary);
          return (
            // The key travels in the RSC data inside the HTML: the variable's name only, never the message.
            <li key={problems.findIndex((other) => other.variable === problem.variable) === index ? problem.variable : `${problem.variable}-${index}`} className="rounded-lg bg-white/70 px-3 py-2 [overflow-wrap:anywhere] dark:bg-black/30">
              {/* Anyone can see this page: the detailed message, which may quote the value, is in the server log. */}
              {t('line', { variable: problem.variable, summary: id ? summaries[id] : problem.summary })}
            </li>
          );
        })}
      </ul>
      <p className="mt-4 text-sm">{t.rich('local', { code })}</p>
    </section>
  );
}
