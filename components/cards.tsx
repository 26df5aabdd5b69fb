import type { ReactNode } from 'react';

import { Notice } from '@/components/notice';
import type { Failure } from '@/lib/failure/failure';

export const cardClass = 'rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900';

/** A page's title and why this signed-in person may not see the rest (who may, and how to ask). */
export function NotAllowedCard({ titleId, title, who, refusal, testId }: { titleId: string; title: ReactNode; who: string; refusal: Failure; testId: string }) {
  return (
    <section aria-labelledby={titleId} className={cardClass}>
      {title}
      <div className="mt-4 -mb-6">
        <Notice>
          <span data-testid={testId}>{who}</span> {refusal.message} {refusal.hint}
        </Notice>
      </div>
    </section>
  );
}
