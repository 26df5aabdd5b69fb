import type { ReactNode } from 'react';

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="mb-6 rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
      {children}
    </p>
  );
}
