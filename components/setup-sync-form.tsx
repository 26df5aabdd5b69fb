'use client';

import { useActionState } from 'react';

import { applySyncAction, type SyncFormState } from '@/lib/logto-management/actions';

import { primaryButton } from './button-styles';
import { SetupChangeList } from './setup-change-list';

const initialState: SyncFormState = {};

const fieldStyle =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 dark:border-slate-700 dark:bg-slate-950';

/**
 * "Apply to Logto": the difference is shown above it (server-rendered), the sync runs on a click.
 * A server action, so it works without JavaScript; the page re-renders once something changed.
 * `mustReplace`: the tenant has another kind of email connector, which sync only replaces when asked.
 */
export function SetupSyncForm({ changes, mustReplace, defaultTestTo }: { changes: string[]; mustReplace?: string; defaultTestTo?: string }) {
  const [state, formAction, pending] = useActionState(applySyncAction, initialState);
  const { result } = state;
  return (
    <form action={formAction} className="space-y-4">
      {changes.length === 0 ? (
        <p data-testid="setup-sync-changes" className="text-sm">
          No difference: the tenant&apos;s connector and email templates equal the repository&apos;s.
        </p>
      ) : (
        <SetupChangeList changes={changes} testId="setup-sync-changes" />
      )}
      {mustReplace && (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="replace" value="yes" className="mt-0.5" />
          <span>Replace the tenant&apos;s {mustReplace} email connector (Logto keeps one email connector: it is removed).</span>
        </label>
      )}
      <div>
        <label htmlFor="sync-test-to" className="block text-sm font-medium">
          Then have Logto send its test mail to (optional)
        </label>
        <input
          id="sync-test-to"
          name="testTo"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={defaultTestTo ?? ''}
          aria-invalid={result?.field === 'testTo' || undefined}
          aria-describedby={result?.field === 'testTo' ? 'setup-sync-result' : undefined}
          className={fieldStyle}
        />
      </div>
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? 'Applying…' : 'Apply to Logto'}
      </button>
      <div aria-live="polite">
        {result && (
          <div id="setup-sync-result" data-testid="setup-sync-result" data-ok={result.ok} className={`text-sm ${result.ok ? 'text-emerald-800 dark:text-emerald-200' : 'text-rose-800 dark:text-rose-200'}`}>
            <p className="font-medium">{result.ok ? 'Applied.' : 'Not applied.'}</p>
            <ul className="mt-1 list-disc pl-5">
              {result.done.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {!result.ok && <p className="mt-1">{result.message}</p>}
          </div>
        )}
      </div>
    </form>
  );
}
