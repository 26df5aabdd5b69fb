'use server';

import { getSession } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { appNotConfigured } from '@/lib/failure/failure';
import { formField } from '@/lib/http/form-field';
import type { FailureText } from '@/lib/i18n/failure-text';
import { localeOfRequest } from '@/lib/i18n/request';

import { formFailureText } from './form-failure-text';
import { sendTestEmail, type TestSendResult } from './test-send-service';

/** What the connector page's form shows: the last result, and what was typed so it stays filled in. */
export type TestSendFormState = {
  submitted?: { to: string; usageType: string; locale: string; templates: string };
  result?: TestSendResult;
  /** A failed result in the language of the page that posted the form (`Failures.<code>`). */
  failureText?: FailureText;
};

/**
 * The connector page's test-send form (for `useActionState`). Same checks and same send as
 * `POST /api/ses/test-send`, minus the origin check: Next already refuses server action
 * calls from other origins. Posted without JavaScript, the page renders the returned state.
 */
export async function sendTestEmailAction(_previous: TestSendFormState, formData: unknown): Promise<TestSendFormState> {
  const text = (name: string) => {
    const value = formField(formData, name);
    return typeof value === 'string' ? value : '';
  };
  const submitted = { to: text('to'), usageType: text('usageType'), locale: text('locale').trim(), templates: text('templates') };
  // An unselected or empty field means the default, as when the JSON body leaves it out.
  const result = await sendFromForm({
    to: formField(formData, 'to'),
    usageType: submitted.usageType || undefined,
    locale: submitted.locale || undefined,
    templates: submitted.templates || undefined,
  });
  return { submitted, result, ...(result.ok ? {} : { failureText: formFailureText(await localeOfRequest(), result) }) };
}

async function sendFromForm(formFields: Record<string, unknown>): Promise<TestSendResult> {
  const configResult = getConfig();
  if (!configResult.ok) return appNotConfigured(configResult.problems);
  const { config } = configResult;
  return sendTestEmail({ config, session: await getSession(config), input: { formFields } });
}
