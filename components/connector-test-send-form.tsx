'use client';

import { useTranslations } from 'next-intl';
import { useActionState, type ReactNode } from 'react';

import type { UsageType } from '@/lib/ses';
import type { Failure } from '@/lib/failure/failure';
import type { FailureText } from '@/lib/i18n/failure-text';
import { sendTestEmailAction, type TestSendFormState } from '@/lib/test-send/actions';
import type { TestSendSuccess } from '@/lib/test-send/test-send-service';
import type { UsedTemplate } from '@/lib/test-send/used-template';

import { primaryButton } from './button-styles';
import { TestSendOutcomeStatus } from './test-send-outcome';

const fieldStyle =
  'mt-1 block w-full min-w-0 max-w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 dark:border-slate-700 dark:bg-slate-950';

const initialState: TestSendFormState = {};

const code = (chunks: ReactNode) => <code>{chunks}</code>;

/**
 * Posts to a server action, so it works before (or without) JavaScript: the browser submits the
 * form and the page comes back with the result. With JavaScript the result appears in place.
 * Its words come from the page's NextIntlClientProvider (TestSend only); a failure comes back
 * from the action already in the page's language.
 */
export function ConnectorTestSendForm({
  usageTypes,
  defaultTo,
  defaultLocale,
  eventsConfigured,
  tenantKnown,
}: {
  usageTypes: readonly UsageType[];
  defaultTo?: string;
  /** The page's language: the mail a person tests first is the one they would get. */
  defaultLocale?: string;
  eventsConfigured: boolean;
  /** Whether the Management API settings let the test read the tenant's own email templates. */
  tenantKnown: boolean;
}) {
  const t = useTranslations('TestSend');
  const [state, formAction, pending] = useActionState(sendTestEmailAction, initialState);
  const templates = state.submitted?.templates || 'tenant';
  return (
    <form action={formAction} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <label htmlFor="test-send-to" className="block text-sm font-medium">
            {t('to')}
          </label>
          <input
            id="test-send-to"
            name="to"
            type="email"
            required
            autoComplete="email"
            spellCheck={false}
            defaultValue={state.submitted?.to ?? defaultTo ?? ''}
            className={fieldStyle}
          />
        </div>
        <div>
          <label htmlFor="test-send-usage-type" className="block text-sm font-medium">
            {t('usageType')}
          </label>
          {/* React resets the form after the action and a select keeps its first default: a new key
              remounts it on the usage type just sent, so the form shows what the result is about. */}
          <select
            key={state.submitted?.usageType || 'Generic'}
            id="test-send-usage-type"
            name="usageType"
            defaultValue={state.submitted?.usageType || 'Generic'}
            className={fieldStyle}
          >
            {usageTypes.map((usageType) => (
              <option key={usageType} value={usageType}>
                {usageType}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="test-send-locale" className="block text-sm font-medium">
            {t.rich('locale', { hint: (chunks) => <span className="font-normal text-slate-500 dark:text-slate-400">{chunks}</span> })}
          </label>
          <input
            id="test-send-locale"
            name="locale"
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="en, zh-CN"
            aria-describedby="test-send-locale-help"
            defaultValue={state.submitted?.locale ?? defaultLocale ?? ''}
            className={fieldStyle}
          />
          <p id="test-send-locale-help" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {t.rich('localeHelp', { code })}
          </p>
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="test-send-templates" className="block text-sm font-medium">
            {t('templates')}
          </label>
          {/* Short options, so that a phone shows them whole; what each means is said below. */}
          <select key={templates} id="test-send-templates" name="templates" defaultValue={templates} aria-describedby="test-send-templates-help" className={fieldStyle}>
            <option value="tenant">{t('tenantOption')}</option>
            <option value="repository">{t('repositoryOption')}</option>
          </select>
          <p id="test-send-templates-help" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {tenantKnown ? t('templatesHelp') : t('templatesHelpUnknown')}
          </p>
        </div>
      </div>
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? t('sending') : t('send')}
      </button>
      {/* Always present, so screen readers announce the result when it changes. */}
      <div aria-live="polite">
        {state.result &&
          (state.result.ok ? (
            <SentMessage result={state.result} eventsConfigured={eventsConfigured} repositoryPreview={state.submitted?.templates === 'repository'} />
          ) : (
            <FailedMessage failure={state.result} text={state.failureText} />
          ))}
      </div>
    </form>
  );
}

function UsedTemplateText({ template }: { template: UsedTemplate }) {
  const t = useTranslations('TestSend');
  const { source, language, usageType } = template;
  if (source === 'connector config') return t('usedConnector', { usageType });
  return source === 'tenant' ? t('usedTenant', { language: language ?? '', usageType }) : t('usedRepository', { language: language ?? '', usageType });
}

function SentMessage({ result, eventsConfigured, repositoryPreview }: { result: TestSendSuccess; eventsConfigured: boolean; repositoryPreview: boolean }) {
  const t = useTranslations('TestSend');
  return (
    <div data-testid="test-send-result" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
      <p className="font-semibold">{t.rich('sent', { usageType: result.usageType, to: result.to, address: (chunks) => <span className="[overflow-wrap:anywhere]">{chunks}</span> })}</p>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">{t('messageId')}</dt>
        <dd>
          <code className="[overflow-wrap:anywhere]" data-testid="test-send-message-id">
            {result.messageId}
          </code>
        </dd>
        <dt className="font-medium">{t('subject')}</dt>
        <dd className="[overflow-wrap:anywhere]">{result.subject}</dd>
        <dt className="font-medium">{t('template')}</dt>
        <dd data-testid="test-send-template">
          <UsedTemplateText template={result.template} />
        </dd>
        <dt className="font-medium">{t('outcome')}</dt>
        <dd>
          {/* Keyed by the message: a new send starts its own polling. */}
          <TestSendOutcomeStatus key={result.messageId} messageId={result.messageId} eventsConfigured={eventsConfigured} />
        </dd>
      </dl>
      {/* The service notes why this mail may differ from Logto's: a repository preview, or a tenant it cannot read. */}
      {result.note && <p className="mt-2">{repositoryPreview ? t.rich('repositoryPreview', { code }) : t('tenantUnknown')}</p>}
    </div>
  );
}

function FailedMessage({ failure, text }: { failure: Failure; text?: FailureText }) {
  const t = useTranslations('TestSend');
  const { message, hint } = text ?? failure;
  return (
    <div data-testid="test-send-error" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-950 [overflow-wrap:anywhere] dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100">
      <p className="font-semibold">{t('notSent', { message })}</p>
      {failure.fields && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {failure.fields.map((field) => (
            <li key={`${field.field}:${field.message}`}>
              <code>{field.field}</code>: {field.message}
            </li>
          ))}
        </ul>
      )}
      {hint && <p className="mt-2">{hint}</p>}
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">{t('error')}</dt>
        <dd>
          {t.rich('errorCode', { code: failure.code, status: failure.status, tag: (chunks) => <code data-testid="test-send-error-code">{chunks}</code> })}
        </dd>
        {failure.awsErrorName && (
          <>
            <dt className="font-medium">{t('awsError')}</dt>
            <dd>
              <code>{failure.awsErrorName}</code>
            </dd>
          </>
        )}
        {failure.retryAfterSeconds !== undefined && (
          <>
            <dt className="font-medium">{t('retryAfter')}</dt>
            <dd>{t('seconds', { seconds: failure.retryAfterSeconds })}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
