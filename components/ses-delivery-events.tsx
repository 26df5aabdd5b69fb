import { getDeliveryEventStore, groupByMessage } from '@/lib/ses/delivery-events';

const typeStyle: Record<string, string> = {
  Delivery: 'text-emerald-800 dark:text-emerald-200',
  Bounce: 'text-red-800 dark:text-red-200',
  Complaint: 'text-red-800 dark:text-red-200',
  Reject: 'text-red-800 dark:text-red-200',
};

/**
 * The SES events this app has heard (POST /api/ses/events), one row per sent message: the
 * message ID is the one a test-send answers with, so each test mail's outcome shows here.
 */
export async function SesDeliveryEvents({ redisUrl, topicsConfigured }: { redisUrl?: string; topicsConfigured: boolean }) {
  let groups: ReturnType<typeof groupByMessage> = [];
  let unavailable = false;
  try {
    groups = groupByMessage(await getDeliveryEventStore(redisUrl).recent(60)).slice(0, 15);
  } catch {
    unavailable = true;
  }
  return (
    <section aria-labelledby="events-title" data-testid="ses-events">
      <h2 id="events-title" className="text-lg font-semibold">
        Delivery events
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-300">
        {!topicsConfigured
          ? 'SES_EVENTS_TOPIC_ARNS is not set, so no SES events are received (the README says how to publish them).'
          : unavailable
            ? 'The recorded events cannot be read right now (Redis does not answer).'
            : groups.length === 0
              ? 'No SES events received yet. After a test send, reload this page to see what happened to it.'
              : 'What SES reported for recent mail, newest first; reload for newer events.'}
      </p>
      {groups.length > 0 && (
        <ul className="space-y-2 text-sm">
          {groups.map(({ messageId, events }) => (
            <li key={messageId} data-testid="ses-event-message" data-message-id={messageId} className="rounded-xl border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
              <p className="break-all font-mono text-xs text-slate-600 dark:text-slate-300">{messageId}</p>
              <p className="mt-1">
                {events[0]?.recipients.join(', ')}
              </p>
              <ol className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {events.map((event) => (
                  <li key={event.snsMessageId} data-testid="ses-event" data-type={event.type} className={typeStyle[event.type] ?? ''}>
                    <span className="font-semibold">{event.type}</span> {event.at.slice(11, 19)}
                    {event.detail && <span className="block text-xs">{event.detail}</span>}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
