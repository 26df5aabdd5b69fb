import type { Metadata } from 'next';
import { connection } from 'next/server';

import { primaryButton } from '@/components/button-styles';

export const metadata: Metadata = { title: 'Page not found' };

/**
 * Any address the app does not have. Rendered per request, not prerendered: only then does it
 * carry the CSP nonce that proxy.ts sets, which Next's scripts on the page need.
 */
export default async function NotFound() {
  await connection();
  return (
    <section aria-labelledby="not-found" className="rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <p className="text-sm font-medium text-slate-600 dark:text-slate-400">Error 404</p>
      <h1 id="not-found" className="mt-1 text-2xl font-bold tracking-tight">
        This page does not exist
      </h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">The address may be mistyped, or the page may have moved.</p>
      <a href="/" className={`${primaryButton} mt-6`}>
        Back to the app
      </a>
    </section>
  );
}
