'use client';

import { useActionState } from 'react';

import { fixRedirectUrisAction, type FixFormState } from '@/lib/logto-management/actions';

import { primaryButton } from './button-styles';
import { SetupChangeList } from './setup-change-list';

const initialState: FixFormState = {};

/**
 * Shows the change, then makes it on a click. Posts to a server action, so it works without
 * JavaScript too; the checks above re-render once the URIs are registered. Its words come
 * translated from the page (no catalogue in the browser's JavaScript).
 */
export function SetupFixForm({ changes, labels }: { changes: string[]; labels: { submit: string; pending: string } }) {
  const [state, formAction, pending] = useActionState(fixRedirectUrisAction, initialState);
  return (
    <form action={formAction} className="space-y-4">
      <SetupChangeList changes={changes} testId="setup-fix-changes" />
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? labels.pending : labels.submit}
      </button>
      <div aria-live="polite">
        {state.result && (
          <p data-testid="setup-fix-result" className={`text-sm font-medium [overflow-wrap:anywhere] ${state.result.ok ? 'text-emerald-800 dark:text-emerald-200' : 'text-rose-800 dark:text-rose-200'}`}>
            {state.result.message}
          </p>
        )}
      </div>
    </form>
  );
}
