'use server';

import { revalidatePath } from 'next/cache';

import { formField } from '@/lib/http/form-field';
import { parseTestSendRequest } from '@/lib/test-send/test-send-service';
import { authorizeTestSender } from '@/lib/test-send/test-sender';

import { fixRedirectUris, type FixResult } from './doctor';
import { runSync, type SyncResult } from './sync';

export type FixFormState = { result?: FixResult };

/** What the form shows: the service's result without the plan (the page shows that itself). */
export type SyncFormState = { result?: { ok: boolean; message: string; done: string[]; field?: string } };

/**
 * /setup's "Register the missing URIs" (for `useActionState`): the same fix as
 * `npm run logto -- doctor --fix`, for the same people who may see /setup (those allowed to
 * test-send), checked again here since anyone can post to an action. Next refuses server action
 * calls from other origins.
 */
export async function fixRedirectUrisAction(): Promise<FixFormState> {
  const sender = await authorizeTestSender();
  if (!sender.ok) return { result: { ok: false, message: sender.message } };
  const { config } = sender;

  const result = await fixRedirectUris(config);
  // The checks above the button run again with the new URIs.
  if (result.ok && result.changed) revalidatePath('/setup');
  return { result };
}

const formText = (formData: unknown, name: string) => {
  const value = formField(formData, name);
  return typeof value === 'string' ? value.trim() : '';
};

/**
 * /setup's "Apply to Logto": the same sync as `npm run logto -- sync`, for the people allowed
 * to test-send, checked again here. `testTo` (optional) is checked as the test send checks an
 * address; `replace` allows replacing another kind of email connector.
 */
export async function applySyncAction(_previous: SyncFormState, formData: unknown): Promise<SyncFormState> {
  const sender = await authorizeTestSender();
  if (!sender.ok) return { result: { ok: false, done: [], message: sender.message } };
  const { config } = sender;

  const testTo = formText(formData, 'testTo');
  if (testTo !== '') {
    const parsed = parseTestSendRequest({ to: testTo });
    if (!parsed.ok) return { result: { ok: false, done: [], message: parsed.message.replaceAll('"to"', 'The test address'), field: 'testTo' } };
  }
  const result: SyncResult = await runSync(config, { replace: formText(formData, 'replace') === 'yes', ...(testTo !== '' && { testTo }) });
  // The checks and the difference above the button are read again.
  if (result.done.length > 0) revalidatePath('/setup');
  return { result: { ok: result.ok, message: result.message, done: result.done, ...(!result.ok && result.field && { field: result.field }) } };
}
