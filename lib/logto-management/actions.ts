'use server';

import { revalidatePath } from 'next/cache';

import { getSession } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { authorizeTestSend } from '@/lib/test-send/test-send-service';

import { fixRedirectUris, type FixResult } from './doctor';

export type FixFormState = { result?: FixResult };

/**
 * /setup's "Register the missing URIs" (for `useActionState`): the same fix as
 * `npm run logto -- doctor --fix`, for the same people who may see /setup (those allowed to
 * test-send), checked again here since anyone can post to an action. Next refuses server action
 * calls from other origins.
 */
export async function fixRedirectUrisAction(): Promise<FixFormState> {
  const configResult = getConfig();
  if (!configResult.ok) return { result: { ok: false, message: 'The app is not configured: the server log says what to fix.' } };
  const { config } = configResult;
  const authorization = authorizeTestSend(config, await getSession(config));
  if (!authorization.ok) return { result: { ok: false, message: authorization.message } };

  const result = await fixRedirectUris(config);
  // The checks above the button run again with the new URIs.
  if (result.ok && result.changed) revalidatePath('/setup');
  return { result };
}
