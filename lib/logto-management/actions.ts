'use server';

import { revalidatePath } from 'next/cache';

import { getSession } from '@/lib/auth/session';
import { getConfig, type AppConfig } from '@/lib/config';
import { appNotConfigured, type Failure } from '@/lib/failure/failure';
import { formField } from '@/lib/http/form-field';
import { failureText } from '@/lib/i18n/failure-text';
import { localeOfRequest } from '@/lib/i18n/request';
import { admitTestRecipient, parseTestSendRequest } from '@/lib/test-send/test-send-service';

import { fixRedirectUris, type FixResult } from './doctor';
import { sayIn, type Said } from './doctor-text';
import { authorizeSetupAdmin } from './setup-admin';
import { runSync, type SyncResult } from './sync';

/** What the form shows, in the page's language. */
export type FixFormState = { result?: { ok: boolean; message: string } };

/** What the form shows, in the page's language: the service's result without the plan (the page shows that itself). */
export type SyncFormState = { result?: { ok: boolean; message: string; done: string[]; field?: string } };

/**
 * The caller, when they may change the tenant (LOGTO_SETUP_ADMINS): checked here on every post,
 * since anyone can post to an action whatever the page showed them.
 */
async function authorizeAdmin(): Promise<{ ok: true; config: AppConfig; userId: string } | Failure> {
  const result = getConfig();
  if (!result.ok) return appNotConfigured(result.problems);
  const admin = authorizeSetupAdmin(result.config, await getSession(result.config));
  return admin.ok ? { ok: true, config: result.config, userId: admin.userId } : admin;
}

/**
 * /setup's "Register the missing URIs" (for `useActionState`): the same fix as
 * `npm run logto -- doctor --fix`, for the setup admins. Next refuses server action calls from
 * other origins.
 */
export async function fixRedirectUrisAction(): Promise<FixFormState> {
  const [admin, locale] = await Promise.all([authorizeAdmin(), localeOfRequest()]);
  if (!admin.ok) return { result: { ok: false, message: failureText(locale, admin).message } };

  const result: FixResult = await fixRedirectUris(admin.config);
  // The checks above the button run again with the new URIs.
  if (result.ok && result.changed) revalidatePath('/setup');
  return { result: { ok: result.ok, message: result.said ? sayIn(locale, result.said) : result.message } };
}

const formText = (formData: unknown, name: string) => {
  const value = formField(formData, name);
  return typeof value === 'string' ? value.trim() : '';
};

/**
 * /setup's "Apply to Logto": the same sync as `npm run logto -- sync`, for the setup admins,
 * bound to the plan the page showed (`planDigest`) with its removals (`confirmRemovals`, one
 * field per template) and replacement (`replace`, the connector's ID) confirmed by name.
 * `testTo` (optional) is a test send like any other: the same address rules, recipient checks
 * and limits, counted for this caller.
 */
export async function applySyncAction(_previous: SyncFormState, formData: unknown): Promise<SyncFormState> {
  const [admin, locale] = await Promise.all([authorizeAdmin(), localeOfRequest()]);
  if (!admin.ok) return { result: { ok: false, done: [], message: failureText(locale, admin).message } };
  const { config, userId } = admin;

  const testTo = formText(formData, 'testTo');
  if (testTo !== '') {
    const parsed = parseTestSendRequest({ to: testTo });
    if (!parsed.ok) return { result: { ok: false, done: [], message: parsed.message.replaceAll('"to"', 'The test address'), field: 'testTo' } };
  }
  const removals = formData instanceof FormData ? formData.getAll('confirmRemovals').filter((value): value is string => typeof value === 'string') : [];
  const replaces = formText(formData, 'replace');
  const result: SyncResult = await runSync(config, {
    shown: { digest: formText(formData, 'planDigest'), removals, ...(replaces !== '' && { replaces }) },
    ...(testTo !== '' && { testTo, admitTestMail: (to: string) => admitTestRecipient({ config, userId, to }) }),
  });
  // The checks and the difference above the button are read again (also when the tenant changed).
  if (result.done.length > 0 || (!result.ok && result.field === 'planDigest')) revalidatePath('/setup');
  const said = (message: Said) => sayIn(locale, message);
  return { result: { ok: result.ok, message: said(result.said.message), done: result.said.done.map(said), ...(!result.ok && result.field && { field: result.field }) } };
}
