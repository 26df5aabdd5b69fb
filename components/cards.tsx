import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';

import { Notice } from '@/components/notice';
import type { Failure } from '@/lib/failure/failure';
import { failureText } from '@/lib/i18n/failure-text';

export const cardClass = 'rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900';

/** A page's title and why this signed-in person may not see the rest (who may, and how to ask). */
export async function NotAllowedCard({ titleId, title, who, refusal, testId }: { titleId: string; title: ReactNode; who: string; refusal: Failure; testId: string }) {
  const { message, hint } = failureText(await getLocale(), refusal);
  return (
    <section aria-labelledby={titleId} className={cardClass}>
      {title}
      <div className="mt-4 -mb-6">
        <Notice>
          <span data-testid={testId}>{who}</span> <span className="[overflow-wrap:anywhere]">{message}</span> {hint}
        </Notice>
      </div>
    </section>
  );
}

/** A card with a title, a line saying what it does, and its form (or whatever it holds). */
export function FormCard({ id, title, description, children }: { id: string; title: ReactNode; description: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={cardClass}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-300">{description}</p>
      {children}
    </section>
  );
}
