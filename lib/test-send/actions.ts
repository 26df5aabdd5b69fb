'use server';

import { getSession } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { formField } from '@/lib/http/form-field';

import { authorizeTestSend } from './authorize';
import { limitedTestSend } from './limited-test-send';
import { getTestSendLimiter } from './rate-limits';
import { appNotConfigured, type TestSendFormState, type TestSendResult } from './result';
import { parseTestSendRequest } from './test-send-request';

/**
 * The connector page's test-send form (for `useActionState`). Same checks and same send as
 * `POST /api/ses/test-send`, minus the origin check: Next already refuses server action
 * calls from other origins. Posted without JavaScript, the page renders the returned state.
 */
export async function sendTestEmailAction(_previous: TestSendFormState, formData: unknown): Promise<TestSendFormState> {
  const to = formField(formData, 'to');
  const usageType = formField(formData, 'usageType');
  return {
    submitted: { to: typeof to === 'string' ? to : '', usageType: typeof usageType === 'string' ? usageType : '' },
    // An unselected usage type means the default, as when the JSON body leaves it out.
    result: await sendFromForm({ to, usageType: usageType || undefined }),
  };
}

async function sendFromForm(input: Record<string, unknown>): Promise<TestSendResult> {
  const configResult = getConfig();
  if (!configResult.ok) return appNotConfigured(configResult.problems);
  const { config } = configResult;

  const authorization = authorizeTestSend(config, await getSession(config));
  if (!authorization.ok) return authorization;
  const request = parseTestSendRequest(input);
  if (!request.ok) return request;
  return limitedTestSend(config, authorization.caller, request.value, getTestSendLimiter(config));
}
