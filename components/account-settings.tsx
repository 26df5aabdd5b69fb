import { getLocale } from 'next-intl/server';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';

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
import { deviceOf } from '@/lib/account/device-label';
import type { Failure } from '@/lib/failure/failure';
import { failureText } from '@/lib/i18n/failure-text';
import type { Locale } from '@/lib/i18n/locales';

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

/** What the parts below say with: the page's messages, its language and its date format. */
type Words = { t: Awaited<ReturnType<typeof getTranslations<'Account'>>>; locale: Locale; format: Awaited<ReturnType<typeof getFormatter>> };

const address = (text: string | undefined) => ({ strong: (chunks: ReactNode) => <strong className="[overflow-wrap:anywhere]">{chunks}</strong>, email: text ?? '' });

export async function AccountSettings({ state, email }: { state: Enabled; email?: string }) {
  const [t, locale, format] = await Promise.all([getTranslations('Account'), getLocale(), getFormatter()]);
  const words: Words = { t, locale: locale as Locale, format };
  const { flow } = state;
  return (
    <>
      {flow.notice && (
        <p role="status" className="mt-6 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950 [overflow-wrap:anywhere] dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          {t(`notices.${flow.notice.key}`, flow.notice.values as never)}
        </p>
      )}
      <section id="change-email" aria-labelledby="change-email-title" className={sectionStyle}>
        <h2 id="change-email-title" className="text-lg font-semibold">
          {t('changeEmailTitle')}
        </h2>
        <EmailSteps state={state} email={email} words={words} />
      </section>
      <section id="sessions" aria-labelledby="sessions-title" className={sectionStyle}>
        <h2 id="sessions-title" className="text-lg font-semibold">
          {t('sessionsTitle')}
        </h2>
        <Sessions state={state} words={words} />
      </section>
      <p className="mt-8 text-sm text-slate-600 dark:text-slate-300">
        {t.rich('accountCenter', {
          link: (chunks) => (
            <a className="font-medium text-indigo-700 underline dark:text-indigo-300" href={state.accountCenterUrl}>
              {chunks}
            </a>
          ),
        })}
      </p>
    </>
  );
}

function EmailSteps({ state, email, words }: { state: Enabled; email?: string; words: Words }) {
  const { flow, step } = state;
  const { t } = words;
  const failure = flow.failure;
  switch (step) {
    case 'confirm-identity':
      return (
        <div id="confirm">
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t.rich('confirmLead', address(email ?? t('yourAddress')))}</p>
          <GeneralFailure failure={failure} words={words} />
          <form action={sendIdentityCodeAction} className="mt-4">
            <button type="submit" className={primaryButton}>
              {t('emailMeCode')}
            </button>
          </form>
        </div>
      );
    case 'enter-identity-code':
      return (
        <div id="confirm">
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t.rich('identityCodeSent', address(flow.identity?.email))}</p>
          <GeneralFailure failure={failure} onForm={['code']} words={words} />
          <CodeForm action={verifyIdentityCodeAction} id="identity-code" label={t('identityCodeLabel')} submit={t('confirmItIsMe')} failure={failure} words={words} />
          <OtherChoices resend={sendIdentityCodeAction} words={words} />
        </div>
      );
    case 'new-address':
      return (
        <div>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t.rich('newAddressLead', address(email))}</p>
          <GeneralFailure failure={failure} onForm={['email']} words={words} />
          <form action={sendNewAddressCodeAction} className="mt-4 space-y-3" noValidate>
            <div>
              <label htmlFor="new-email" className="block text-sm font-medium">
                {t('newEmailLabel')}
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
              <FieldError failure={failure} field="email" id="new-email-error" words={words} />
            </div>
            <button type="submit" className={primaryButton}>
              {t('sendNewAddressCode')}
            </button>
          </form>
        </div>
      );
    case 'enter-new-address-code':
      return (
        <div>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t.rich('newAddressCodeSent', address(flow.newAddress?.email))}</p>
          <GeneralFailure failure={failure} onForm={['code']} words={words} />
          <CodeForm action={verifyNewAddressCodeAction} id="new-address-code" label={t('newAddressCodeLabel')} submit={t('changeMyAddress')} failure={failure} words={words} />
          <OtherChoices cancelLabel={t('useAnotherAddress')} words={words} />
        </div>
      );
  }
}

function CodeForm({
  action,
  id,
  label,
  submit,
  failure,
  words,
}: {
  action: (formData: FormData) => Promise<void>;
  id: string;
  label: string;
  submit: string;
  failure?: AccountFlow['failure'];
  words: Words;
}) {
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
        <FieldError failure={failure} field="code" id={`${id}-error`} words={words} />
      </div>
      <button type="submit" className={primaryButton}>
        {submit}
      </button>
    </form>
  );
}

function OtherChoices({ resend, cancelLabel, words: { t } }: { resend?: () => Promise<void>; cancelLabel?: string; words: Words }) {
  return (
    <div className="mt-4 flex flex-wrap gap-3">
      {resend && (
        <form action={resend}>
          <button type="submit" className={secondaryButton}>
            {t('resend')}
          </button>
        </form>
      )}
      <form action={cancelAccountStepAction}>
        <button type="submit" className={secondaryButton}>
          {cancelLabel ?? t('cancel')}
        </button>
      </form>
    </div>
  );
}

function Sessions({ state, words }: { state: Enabled; words: Words }) {
  const { sessions, flow } = state;
  const { t } = words;
  if (!sessions) {
    return <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t('sessionsLocked')}</p>;
  }
  if (!sessions.ok) return <FailureBox failure={sessions} words={words} />;
  const others = sessions.sessions.filter((session) => !session.isCurrent);
  return (
    <div>
      <FieldError failure={flow.failure} field="session" id="session-error" words={words} />
      <ul className="mt-3 divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-describedby={flow.failure?.field === 'session' ? 'session-error' : undefined}>
        {sessions.sessions.map((session) => (
          <SessionRow key={session.uid} session={session} words={words} />
        ))}
      </ul>
      {others.length > 0 && (
        <form action={endOtherSessionsAction} className="mt-4">
          <button type="submit" className={secondaryButton}>
            {t('signOutOthers')}
          </button>
        </form>
      )}
    </div>
  );
}

/** "Chrome on Linux" in the page's language; the names themselves are the same in every language. */
function deviceName({ browser, system }: ReturnType<typeof deviceOf>, t: Words['t']): string {
  if (browser && system) return t('device.browserOnSystem', { browser, system });
  if (browser) return browser;
  return system ? t('device.system', { system }) : t('device.unknown');
}

/** When, to the minute, in the page's language; in UTC, named, since the server does not know the person's time zone. */
const signedInWhen = (milliseconds: number, format: Words['format']) =>
  format.dateTime(new Date(milliseconds), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

function SessionRow({ session, words }: { session: LogtoSession; words: Words }) {
  const { t, format } = words;
  const device = deviceName(deviceOf(session.userAgent), t);
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="account-session">
      <div className="min-w-0">
        <p className="font-medium">
          {device}
          {session.isCurrent && <span className="ml-2 rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-semibold text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100">{t('thisDevice')}</span>}
        </p>
        <p className="text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
          {session.ip ? t('fromAddress', { ip: session.ip }) : t('fromUnknown')}
          {session.signedInAt !== undefined && ` · ${t('signedInAt', { time: signedInWhen(session.signedInAt, format) })}`}
        </p>
      </div>
      {!session.isCurrent && (
        <form action={endSessionAction}>
          <input type="hidden" name="session" value={session.uid} />
          <button type="submit" className={secondaryButton} aria-label={session.ip ? t('signOutDeviceFrom', { device, ip: session.ip }) : t('signOutDevice', { device })}>
            {t('signOut')}
          </button>
        </form>
      )}
    </li>
  );
}

const fieldErrorProps = (failure: AccountFlow['failure'], field: string, id: string) =>
  failure?.field === field ? { 'aria-invalid': true, 'aria-describedby': id } : {};

function FieldError({ failure, field, id, words }: { failure?: AccountFlow['failure']; field: string; id: string; words: Words }) {
  if (failure?.field !== field) return null;
  const text = failureText(words.locale, failure);
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-rose-700 [overflow-wrap:anywhere] dark:text-rose-300" data-testid="account-field-error">
      {text.message}
      {text.hint && <span className="block">{text.hint}</span>}
    </p>
  );
}

/** A refusal that is not about a field of the form on screen (the account center is off, Logto is down). */
function GeneralFailure({ failure, onForm = [], words }: { failure?: AccountFlow['failure']; onForm?: string[]; words: Words }) {
  // A session's refusal shows beside the sessions.
  if (!failure || failure.field === 'session' || (failure.field !== undefined && onForm.includes(failure.field))) return null;
  return <FailureBox failure={failure} words={words} />;
}

function FailureBox({ failure, words }: { failure: Pick<Failure, 'message' | 'hint' | 'code' | 'params'>; words: Words }) {
  const text = failureText(words.locale, failure);
  return (
    <div role="alert" className="mt-3 rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-950 [overflow-wrap:anywhere] dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100" data-testid="account-error">
      <p className="font-semibold">{text.message}</p>
      {text.hint && <p className="mt-1">{text.hint}</p>}
    </div>
  );
}
