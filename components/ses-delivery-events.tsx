import { getFormatter, getTranslations } from '@/lib/i18n/server';

import { getDeliveryEventStore, type DeliveryEventType } from '@/lib/ses/delivery-events';
import { getTestSendLog } from '@/lib/test-send/test-send-log';
import { readEventsSummary, type EventsSummary } from '@/lib/test-send/test-send-outcome';

const typeStyle: Record<string, string> = {
  Delivery: 'text-emerald-800 dark:text-emerald-200',
  Bounce: 'text-red-800 dark:text-red-200',
  Complaint: 'text-red-800 dark:text-red-200',
  Reject: 'text-red-800 dark:text-red-200',
};

/**
 * The SES events this app has heard (POST /api/ses/events) of the tester's own test sends, one
 * row per sent message (the ID a test send answers with), and of every other mail of the
 * configuration set (others' test sends, end users' sign-in codes) only the counts per type.
 */
export async function SesDeliveryEvents({ redisUrl, topicsConfigured, userId }: { redisUrl?: string; topicsConfigured: boolean; userId: string }) {
  let summary: EventsSummary = { testSends: [], otherMail: { events: 0, byType: {} } };
  let unavailable = false;
  try {
    summary = await readEventsSummary({ store: getDeliveryEventStore(redisUrl), sends: getTestSendLog(redisUrl) }, userId);
  } catch {
    unavailable = true;
  }
  const [t, format] = await Promise.all([getTranslations('DeliveryEvents'), getFormatter()]);
  const typeName = (type: string) => (t.has(`types.${type as DeliveryEventType}`) ? t(`types.${type as DeliveryEventType}`) : type);
  const time = (at: string) => format.dateTime(new Date(at), { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  const groups = summary.testSends;
  const { otherMail } = summary;
  return (
    <section aria-labelledby="events-title" data-testid="ses-events">
      <h2 id="events-title" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-300">
        {!topicsConfigured
          ? t('notConfigured')
          : unavailable
            ? t('unavailable')
            : groups.length === 0
              ? t('none')
              : t('some')}
      </p>
      {groups.length > 0 && (
        <ul className="space-y-2 text-sm">
          {groups.map(({ messageId, recipients, events }) => (
            <li key={messageId} data-testid="ses-event-message" data-message-id={messageId} className="rounded-xl border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
              <p className="font-mono text-xs [overflow-wrap:anywhere] text-slate-600 dark:text-slate-300">{messageId}</p>
              <p className="mt-1 [overflow-wrap:anywhere]">{recipients.join(', ')}</p>
              <ol className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {events.map((event, index) => (
                  <li key={`${index}-${event.type}`} data-testid="ses-event" data-type={event.type} className={typeStyle[event.type] ?? ''}>
                    <span className="font-semibold">{typeName(event.type)}</span> <time dateTime={event.at}>{time(event.at)}</time>
                    {event.detail && <span className="block text-xs [overflow-wrap:anywhere]">{event.detail}</span>}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
      {otherMail.events > 0 && (
        <p data-testid="ses-events-other" className="mt-3 text-sm text-slate-600 dark:text-slate-300">
          {t('other', {
            counts: format.list(
              Object.entries(otherMail.byType).map(([type, count]) => t('count', { type: typeName(type), count })),
              { type: 'unit' },
            ),
          })}
        </p>
      )}
    </section>
  );
}
