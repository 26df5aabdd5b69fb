'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';

import type { DeliveryEventType } from '@/lib/ses/delivery-events';
import type { TestSendOutcome } from '@/lib/test-send/test-send-outcome';

/** Every 1.5 s for 30 s: SES reports a delivery within seconds, a bounce within a minute at most. */
const pollMs = 1_500;
const giveUpMs = 30_000;

const finalText: Partial<Record<DeliveryEventType, string>> = {
  Delivery: 'Delivered: the receiving mail server accepted it.',
  Bounce: 'Bounced: the receiving mail server refused it.',
  Complaint: 'Delivered, then marked as spam by the recipient.',
  Reject: 'Rejected by SES before sending (it found a virus, or the address is suppressed).',
};

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
    return <span data-testid="test-send-outcome" data-outcome="not-received">Not reported: SES_EVENTS_TOPIC_ARNS is not set, so this app hears no SES events.</span>;
  }
  const final = outcome?.outcome ?? null;
  const detail = outcome?.events.filter((event) => event.type === final).at(-1)?.detail;
  const delayed = !final && outcome?.events.some((event) => event.type === 'DeliveryDelay');
  // Not just the fragment: a link to this URL and a fragment would only scroll, never reload.
  const reload = (
    <a href={`/connector?sent=${encodeURIComponent(messageId)}#events-title`} className="font-medium underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-indigo-500">
      reload the page
    </a>
  );
  return (
    <span data-testid="test-send-outcome" data-outcome={final ?? (phase === 'gave-up' ? 'none-yet' : 'pending')} className={final ? (outcomeStyle[final] ?? '') : ''}>
      {final ? (
        <>
          <span className="font-semibold">{final}</span> {finalText[final]}
          {detail && <span className="block text-xs">{detail}</span>}
        </>
      ) : !live ? (
        <>SES reports it under Delivery events within seconds: {reload} to see it.</>
      ) : phase === 'gave-up' ? (
        <>Nothing reported in {giveUpMs / 1000} s; {reload} later to look again.</>
      ) : (
        <>{delayed ? 'Delayed: SES is still trying to deliver it…' : 'Waiting for SES to report it…'}</>
      )}
    </span>
  );
}
