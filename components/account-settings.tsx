import type { LogtoSession } from '@/lib/account/account-api';
import type { AccountFlow } from '@/lib/account/account-flow';
import type { AccountPageState } from '@/lib/account/account-request';
import {
  cancelAccountStepAction,
  endOtherSessionsAction,
  endSessionAction,
  sendIdentityCodeAction,
  sendNewAddressCodeAction,
  verifyIdentityCodeAction,
  verifyNewAddressCodeAction,
} from '@/lib/account/actions';
import { deviceLabel, utcMinute } from '@/lib/account/device-label';
import type { Failure } from '@/lib/failure/failure';

import { primaryButton, secondaryButton } from './button-styles';

/**
 * The account page's "Change your email" and "Your sessions": plain forms posting to server
 * actions, which answer with a redirect back here, so they work without JavaScript. What to
 * show comes from the flow the actions keep (lib/account/account-flow.ts).
 */

const fieldStyle =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 aria-[invalid=true]:border-rose-500 dark:border-slate-700 dark:bg-slate-950';

const sectionStyle = 'mt-8 border-t border-slate-200 pt-6 dark:border-slate-800';

type Enabled = Extract<AccountPageState, { enabled: true }>;

export function AccountSettings({ state, email }: { state: Enabled; email?: string }) {
  const { flow } = state;
  return (
    <>
      {flow.notice && (
        <p role="status" className="mt-6 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          {flow.notice}
        </p>
      )}
      <section id="change-email" aria-labelledby="change-email-title" className={sectionStyle}>
        <h2 id="change-email-title" className="text-lg font-semibold">
          Change your email address
        </h2>
        <EmailSteps state={state} email={email} />
      </section>
      <section id="sessions" aria-labelledby="sessions-title" className={sectionStyle}>
        <h2 id="sessions-title" className="text-lg font-semibold">
          Where you are signed in
        </h2>
        <Sessions state={state} />
      </section>
      <p className="mt-8 text-sm text-slate-600 dark:text-slate-300">
        Password, passkeys and two-step verification are managed in{' '}
        <a className="font-medium text-indigo-700 underline dark:text-indigo-300" href={state.accountCenterUrl}>
          Logto&apos;s Account Center
        </a>
        .
      </p>
    </>
  );
}

function EmailSteps({ state, email }: { state: Enabled; email?: string }) {
  const { flow, step } = state;
  const failure = flow.failure;
  switch (step) {
    case 'confirm-identity':
      return (
        <div id="confirm">
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            To change your address or end your other sessions, first confirm it is you: we email a code to <strong className="break-all">{email ?? 'your address'}</strong>.
          </p>
          <GeneralFailure failure={failure} />
          <form action={sendIdentityCodeAction} className="mt-4">
            <button type="submit" className={primaryButton}>
              Email me a code
            </button>
          </form>
        </div>
      );
    case 'enter-identity-code':
      return (
        <div id="confirm">
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            We emailed a 6-digit code to <strong className="break-all">{flow.identity?.email}</strong>. It works for 10 minutes.
          </p>
          <GeneralFailure failure={failure} onForm={['code']} />
          <CodeForm action={verifyIdentityCodeAction} id="identity-code" label="Code from the email" submit="Confirm it is me" failure={failure} />
          <OtherChoices resend={sendIdentityCodeAction} />
        </div>
      );
    case 'new-address':
      return (
        <div>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            We will email a code to the new address to check that it is yours. Your address stays <strong className="break-all">{email}</strong> until you enter it.
          </p>
          <GeneralFailure failure={failure} onForm={['email']} />
          <form action={sendNewAddressCodeAction} className="mt-4 space-y-3" noValidate>
            <div>
              <label htmlFor="new-email" className="block text-sm font-medium">
                New email address
              </label>
              <input
                id="new-email"
                name="email"
                type="email"
                required
                autoComplete="email"
                spellCheck={false}
                defaultValue={flow.typedEmail ?? ''}
                {...fieldErrorProps(failure, 'email', 'new-email-error')}
                className={fieldStyle}
              />
              <FieldError failure={failure} field="email" id="new-email-error" />
            </div>
            <button type="submit" className={primaryButton}>
              Email a code to the new address
            </button>
          </form>
        </div>
      );
    case 'enter-new-address-code':
      return (
        <div>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            We emailed a 6-digit code to <strong className="break-all">{flow.newAddress?.email}</strong>. Enter it to make it your address.
          </p>
          <GeneralFailure failure={failure} onForm={['code']} />
          <CodeForm action={verifyNewAddressCodeAction} id="new-address-code" label="Code sent to the new address" submit="Change my address" failure={failure} />
          <OtherChoices cancelLabel="Use another address" />
        </div>
      );
  }
}

function CodeForm({ action, id, label, submit, failure }: { action: (formData: FormData) => Promise<void>; id: string; label: string; submit: string; failure?: AccountFlow['failure'] }) {
  return (
    <form action={action} className="mt-4 space-y-3" noValidate>
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <input
          id={id}
          name="code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          maxLength={12}
          {...fieldErrorProps(failure, 'code', `${id}-error`)}
          className={`${fieldStyle} max-w-48 tracking-widest`}
        />
        <FieldError failure={failure} field="code" id={`${id}-error`} />
      </div>
      <button type="submit" className={primaryButton}>
        {submit}
      </button>
    </form>
  );
}

function OtherChoices({ resend, cancelLabel = 'Cancel' }: { resend?: () => Promise<void>; cancelLabel?: string }) {
  return (
    <div className="mt-4 flex flex-wrap gap-3">
      {resend && (
        <form action={resend}>
          <button type="submit" className={secondaryButton}>
            Email a new code
          </button>
        </form>
      )}
      <form action={cancelAccountStepAction}>
        <button type="submit" className={secondaryButton}>
          {cancelLabel}
        </button>
      </form>
    </div>
  );
}

function Sessions({ state }: { state: Enabled }) {
  const { sessions, flow } = state;
  if (!sessions) {
    return <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">Confirm it is you above to see the devices where you are signed in and sign them out.</p>;
  }
  if (!sessions.ok) return <FailureBox failure={sessions} />;
  const others = sessions.sessions.filter((session) => !session.isCurrent);
  return (
    <div>
      <FieldError failure={flow.failure} field="session" id="session-error" />
      <ul className="mt-3 divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-describedby={flow.failure?.field === 'session' ? 'session-error' : undefined}>
        {sessions.sessions.map((session) => (
          <SessionRow key={session.uid} session={session} />
        ))}
      </ul>
      {others.length > 0 && (
        <form action={endOtherSessionsAction} className="mt-4">
          <button type="submit" className={secondaryButton}>
            Sign out all other sessions
          </button>
        </form>
      )}
    </div>
  );
}

function SessionRow({ session }: { session: LogtoSession }) {
  const device = deviceLabel(session.userAgent);
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="account-session">
      <div>
        <p className="font-medium">
          {device}
          {session.isCurrent && <span className="ml-2 rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-semibold text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100">This device</span>}
        </p>
        <p className="text-slate-600 dark:text-slate-300">
          {session.ip ? `From ${session.ip}` : 'From an unknown address'}
          {session.signedInAt !== undefined && ` · signed in ${utcMinute(session.signedInAt)}`}
        </p>
      </div>
      {!session.isCurrent && (
        <form action={endSessionAction}>
          <input type="hidden" name="session" value={session.uid} />
          <button type="submit" className={secondaryButton} aria-label={`Sign out ${device}${session.ip ? ` from ${session.ip}` : ''}`}>
            Sign out
          </button>
        </form>
      )}
    </li>
  );
}

const fieldErrorProps = (failure: AccountFlow['failure'], field: string, id: string) =>
  failure?.field === field ? { 'aria-invalid': true, 'aria-describedby': id } : {};

function FieldError({ failure, field, id }: { failure?: AccountFlow['failure']; field: string; id: string }) {
  if (failure?.field !== field) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-rose-700 dark:text-rose-300" data-testid="account-field-error">
      {failure.message}
      {failure.hint && <span className="block">{failure.hint}</span>}
    </p>
  );
}

/** A refusal that is not about a field of the form on screen (the account center is off, Logto is down). */
function GeneralFailure({ failure, onForm = [] }: { failure?: AccountFlow['failure']; onForm?: string[] }) {
  // A session's refusal shows beside the sessions.
  if (!failure || failure.field === 'session' || (failure.field !== undefined && onForm.includes(failure.field))) return null;
  return <FailureBox failure={failure} />;
}

function FailureBox({ failure }: { failure: Pick<Failure, 'message' | 'hint' | 'code'> }) {
  return (
    <div role="alert" className="mt-3 rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-950 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100" data-testid="account-error">
      <p className="font-semibold">{failure.message}</p>
      {failure.hint && <p className="mt-1">{failure.hint}</p>}
    </div>
  );
}
