'use server';

import { redirect } from 'next/navigation';

import { getSession } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { formField } from '@/lib/http/form-field';

import { accountTarget, readAccountFlow, refreshAccountSession, writeAccountFlow } from './account-request';
import { runAccountStep, type AccountAction } from './account-service';

/**
 * The /account forms: each turns its fields into an `AccountAction`, runs it, keeps the flow
 * (with the refusal or the notice to show) in its sealed cookie, and sends the browser back to
 * the page with a 303, so every form works the same with and without JavaScript and a reload
 * never posts twice. Anyone can post to an action: who it is for comes from the session alone.
 */

async function run(action: AccountAction, anchor: string): Promise<never> {
  const result = getConfig();
  if (!result.ok || !result.config.logto.accountFeatures) redirect('/account');
  const { config } = result;
  const session = await getSession(config);
  // Signed out (the session ended meanwhile): the page says so and offers the sign-in.
  if (session.state !== 'signed-in') redirect('/account');

  const person = { sub: session.claims.sub, email: session.email };
  const outcome = await runAccountStep({
    flow: await readAccountFlow(config, person.sub),
    person,
    action,
    target: () => accountTarget(config, { inAction: true }),
    refreshSession: () => refreshAccountSession(config),
  });
  const { flow } = outcome;
  await writeAccountFlow(
    config,
    outcome.ok
      ? { ...flow, notice: outcome.notice }
      : { ...flow, failure: { status: outcome.status, code: outcome.code, message: outcome.message, field: outcome.field, hint: outcome.hint, params: outcome.params } },
  );
  redirect(`/account#${anchor}`);
}

export async function sendIdentityCodeAction() {
  await run({ kind: 'send-identity-code' }, 'confirm');
}

export async function verifyIdentityCodeAction(formData: unknown) {
  await run({ kind: 'verify-identity-code', code: formField(formData, 'code') }, 'confirm');
}

export async function sendNewAddressCodeAction(formData: unknown) {
  await run({ kind: 'send-new-address-code', email: formField(formData, 'email') }, 'change-email');
}

export async function verifyNewAddressCodeAction(formData: unknown) {
  await run({ kind: 'verify-new-address-code', code: formField(formData, 'code') }, 'change-email');
}

export async function endSessionAction(formData: unknown) {
  await run({ kind: 'end-session', session: formField(formData, 'session') }, 'sessions');
}

export async function endOtherSessionsAction() {
  await run({ kind: 'end-other-sessions' }, 'sessions');
}

export async function cancelAccountStepAction() {
  await run({ kind: 'cancel' }, 'confirm');
}
