'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';

import type { DeliveryEventType } from '@/lib/ses/delivery-events';
import type { TestSendOutcome } from '@/lib/test-send/test-send-outcome';

/** Every 1.5 s for 30 s: SES reports a delivery within seconds, a bounce within a minute at most. */
const pollMs = 1_500;
const giveUpMs = 30_000;

/** The outcomes that end the wait, each with its sentence (`TestSend.outcomes.<type>`). */
const finalTypes = ['Delivery', 'Bounce', 'Complaint', 'Reject'] as const;
const isFinal = (type: DeliveryEventType): type is (typeof finalTypes)[number] => (finalTypes as readonly string[]).includes(type);

const outcomeStyle: Partial<Record<DeliveryEventType, string>> = {
  Delivery: 'text-emerald-800 dark:text-emerald-200',
  Bounce: 'text-red-800 dark:text-red-200',
  Complaint: 'text-red-800 dark:text-red-200',
  Reject: 'text-red-800 dark:text-red-200',
};

type Phase = 'waiting' | 'done' | 'gave-up';

const noSubscription = () => () => {};

/**
 * A test send's outcome as SES reports it (GET /api/ses/events?messageId=…, fed by the SNS
 * events), polled for half a minute after the send. Without JavaScript (or once polling stops)
 * it offers the reload that shows the page's list of delivery events.
 */
export function TestSendOutcomeStatus({ messageId, eventsConfigured }: { messageId: string; eventsConfigured: boolean }) {
  // False on the server (so in a browser without JavaScript), true once hydrated: React's own way
  // of telling them apart without a hydration mismatch.
  const t = useTranslations('TestSend');
  const types = useTranslations('DeliveryEvents.types');
  const live = useSyncExternalStore(noSubscription, () => true, () => false);
  const [phase, setPhase] = useState<Phase>('waiting');
  const [outcome, setOutcome] = useState<TestSendOutcome | undefined>();

  useEffect(() => {
    if (!eventsConfigured) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const started = Date.now();
    const poll = async () => {
      try {
        const response = await fetch(`/api/ses/events?messageId=${encodeURIComponent(messageId)}`, { cache: 'no-store', credentials: 'same-origin' });
        if (response.ok) {
          const body = (await response.json()) as TestSendOutcome;
          if (stopped) return;
          setOutcome(body);
          if (body.outcome) return setPhase('done');
        }
      } catch {
        // Offline for a moment: the next poll tries again.
      }
      if (stopped) return;
      if (Date.now() - started >= giveUpMs) return setPhase('gave-up');
      timer = setTimeout(() => void poll(), pollMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [messageId, eventsConfigured]);

  if (!eventsConfigured) {
    return (
      <span data-testid="test-send-outcome" data-outcome="not-received">
        {t('notReported')}
      </span>
    );
  }
  const final = outcome?.outcome ?? null;
  const detail = outcome?.events.filter((event) => event.type === final).at(-1)?.detail;
  const delayed = !final && outcome?.events.some((event) => event.type === 'DeliveryDelay');
  // Not just the fragment: a link to this URL and a fragment would only scroll, never reload.
  const reload = (chunks: ReactNode) => (
    <a href={`/connector?sent=${encodeURIComponent(messageId)}#events-title`} className="font-medium underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-indigo-500">
      {chunks}
    </a>
  );
  return (
    <span data-testid="test-send-outcome" data-outcome={final ?? (phase === 'gave-up' ? 'none-yet' : 'pending')} className={final ? (outcomeStyle[final] ?? '') : ''}>
      {final ? (
        <>
          <span className="font-semibold">{types(final)}</span> {isFinal(final) ? t(`outcomes.${final}`) : null}
          {detail && <span className="block text-xs [overflow-wrap:anywhere]">{detail}</span>}
        </>
      ) : !live ? (
        t.rich('reloadToSee', { reload })
      ) : phase === 'gave-up' ? (
        t.rich('gaveUp', { reload, seconds: giveUpMs / 1000 })
      ) : delayed ? (
        t('delayed')
      ) : (
        t('waiting')
      )}
    </span>
  );
}
