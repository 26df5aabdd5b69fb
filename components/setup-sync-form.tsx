'use client';

import { useActionState } from 'react';

import { applySyncAction, type SyncFormState } from '@/lib/logto-management/actions';

import { primaryButton } from './button-styles';
import { SetupChangeList } from './setup-change-list';

const initialState: SyncFormState = {};

const fieldStyle =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 dark:border-slate-700 dark:bg-slate-950';

/** "No difference", or the difference line by line: what Apply would change. */
export function SetupSyncChanges({ changes, noDifference }: { changes: string[]; noDifference: string }) {
  return changes.length === 0 ? (
    <p data-testid="setup-sync-changes" className="text-sm">
      {noDifference}
    </p>
  ) : (
    <SetupChangeList changes={changes} testId="setup-sync-changes" />
  );
}

/**
 * "Apply to Logto": the difference is shown above it (server-rendered), the sync runs on a click.
 * A server action, so it works without JavaScript; the page re-renders once something changed.
 * The form carries `digest`, the plan it shows, which is all Apply may carry out; every template
 * it would remove, and another kind of email connector it would replace (`mustReplace`), is
 * confirmed by name. Its words come translated from the page (no catalogue in the browser's
 * JavaScript).
 */
export function SetupSyncForm({
  changes,
  digest,
  removals,
  mustReplace,
  labels,
}: {
  changes: string[];
  digest: string;
  removals: { name: string; label: string }[];
  mustReplace?: { connectorId: string; label: string };
  labels: Record<'noDifference' | 'testTo' | 'testToHint' | 'submit' | 'pending' | 'applied' | 'notApplied', string>;
}) {
  const [state, formAction, pending] = useActionState(applySyncAction, initialState);
  const { result } = state;
  return (
    <form action={formAction} className="space-y-4">
      <SetupSyncChanges changes={changes} noDifference={labels.noDifference} />
      <input type="hidden" name="planDigest" value={digest} />
      {removals.map(({ name, label }) => (
        <label key={name} className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="confirmRemovals" value={name} className="mt-0.5" aria-invalid={result?.field === 'confirmRemovals' || undefined} />
          <span className="[overflow-wrap:anywhere]">{label}</span>
        </label>
      ))}
      {mustReplace && (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="replace" value={mustReplace.connectorId} className="mt-0.5" />
          <span className="[overflow-wrap:anywhere]">{mustReplace.label}</span>
        </label>
      )}
      <div>
        <label htmlFor="sync-test-to" className="block text-sm font-medium">
          {labels.testTo}
        </label>
        <input
          id="sync-test-to"
          name="testTo"
          type="email"
          autoComplete="email"
          spellCheck={false}
          aria-invalid={result?.field === 'testTo' || undefined}
          aria-describedby={result?.field === 'testTo' ? 'setup-sync-result' : undefined}
          className={fieldStyle}
        />
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{labels.testToHint}</p>
      </div>
      <button type="submit" className={primaryButton} disabled={pending || changes.length === 0}>
        {pending ? labels.pending : labels.submit}
      </button>
      <div aria-live="polite">
        {result && (
          <div id="setup-sync-result" data-testid="setup-sync-result" data-ok={result.ok} className={`text-sm [overflow-wrap:anywhere] ${result.ok ? 'text-emerald-800 dark:text-emerald-200' : 'text-rose-800 dark:text-rose-200'}`}>
            <p className="font-medium">{result.ok ? labels.applied : labels.notApplied}</p>
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
