'use client';

import { useActionState } from 'react';

import type { UsageType } from '@/lib/ses';
import type { Failure } from '@/lib/failure/failure';
import { sendTestEmailAction, type TestSendFormState } from '@/lib/test-send/actions';
import type { TestSendSuccess } from '@/lib/test-send/test-send-service';
import { describeUsedTemplate } from '@/lib/test-send/used-template';

import { primaryButton } from './button-styles';
import { TestSendOutcomeStatus } from './test-send-outcome';

const fieldStyle =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 dark:border-slate-700 dark:bg-slate-950';

const initialState: TestSendFormState = {};

/**
 * Posts to a server action, so it works before (or without) JavaScript: the browser submits the
 * form and the page comes back with the result. With JavaScript the result appears in place.
 */
export function ConnectorTestSendForm({
  usageTypes,
  defaultTo,
  eventsConfigured,
  tenantKnown,
}: {
  usageTypes: readonly UsageType[];
  defaultTo?: string;
  eventsConfigured: boolean;
  /** Whether the Management API settings let the test read the tenant's own email templates. */
  tenantKnown: boolean;
}) {
  const [state, formAction, pending] = useActionState(sendTestEmailAction, initialState);
  const templates = state.submitted?.templates || 'tenant';
  return (
    <form action={formAction} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <label htmlFor="test-send-to" className="block text-sm font-medium">
            Recipient email
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
            Usage type
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
            Locale <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
          </label>
          <input
            id="test-send-locale"
            name="locale"
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="en, zh-CN"
            aria-describedby="test-send-locale-help"
            defaultValue={state.submitted?.locale ?? ''}
            className={fieldStyle}
          />
          <p id="test-send-locale-help" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            Matched exactly, as Logto&apos;s connector test does: <code>zh-cn</code> is not <code>zh-CN</code>.
          </p>
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="test-send-templates" className="block text-sm font-medium">
            Template source
          </label>
          <select key={templates} id="test-send-templates" name="templates" defaultValue={templates} className={fieldStyle}>
            <option value="tenant">{tenantKnown ? "What Logto would send: the tenant's, then AWS_SES_CONFIG's" : "What Logto would send: AWS_SES_CONFIG's (the tenant's are not known)"}</option>
            <option value="repository">Preview email-templates/ of this repository (as after sync)</option>
          </select>
        </div>
      </div>
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? 'Sending…' : 'Send test email'}
      </button>
      {/* Always present, so screen readers announce the result when it changes. */}
      <div aria-live="polite">
        {state.result && (state.result.ok ? <SentMessage result={state.result} eventsConfigured={eventsConfigured} /> : <FailedMessage failure={state.result} />)}
      </div>
    </form>
  );
}

function SentMessage({ result, eventsConfigured }: { result: TestSendSuccess; eventsConfigured: boolean }) {
  return (
    <div data-testid="test-send-result" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
      <p className="font-semibold">
        Sent: Amazon SES accepted the {result.usageType} test for <span className="break-all">{result.to}</span>.
      </p>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">Message ID</dt>
        <dd>
          <code className="break-all" data-testid="test-send-message-id">
            {result.messageId}
          </code>
        </dd>
        <dt className="font-medium">Subject</dt>
        <dd className="break-words">{result.subject}</dd>
        <dt className="font-medium">Template</dt>
        <dd data-testid="test-send-template">{describeUsedTemplate(result.template)}</dd>
        <dt className="font-medium">Outcome</dt>
        <dd>
          {/* Keyed by the message: a new send starts its own polling. */}
          <TestSendOutcomeStatus key={result.messageId} messageId={result.messageId} eventsConfigured={eventsConfigured} />
        </dd>
      </dl>
      {result.note && <p className="mt-2">{result.note}</p>}
    </div>
  );
}

function FailedMessage({ failure }: { failure: Failure }) {
  return (
    <div data-testid="test-send-error" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-950 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100">
      <p className="font-semibold">Not sent: {failure.message}</p>
      {failure.fields && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {failure.fields.map((field) => (
            <li key={`${field.field}:${field.message}`}>
              <code>{field.field}</code>: {field.message}
            </li>
          ))}
        </ul>
      )}
      {failure.hint && <p className="mt-2">{failure.hint}</p>}
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">Error</dt>
        <dd>
          <code data-testid="test-send-error-code">{failure.code}</code> (HTTP {failure.status})
        </dd>
        {failure.awsErrorName && (
          <>
            <dt className="font-medium">AWS error</dt>
            <dd>
              <code>{failure.awsErrorName}</code>
            </dd>
          </>
        )}
        {failure.retryAfterSeconds !== undefined && (
          <>
            <dt className="font-medium">Retry after</dt>
            <dd>{failure.retryAfterSeconds} s</dd>
          </>
        )}
      </dl>
    </div>
  );
}
