import { getSession } from '@/lib/auth/session';
import { withAppConfig } from '@/lib/http/with-app-config';
import { getDeliveryEventStore, handleSesEventsRequest } from '@/lib/ses/delivery-events';
import { getTestSendLog } from '@/lib/test-send/test-send-log';
import { eventsOtherMethodResponse, handleTestSendOutcomeRequest } from '@/lib/test-send/test-send-outcome';

// node:crypto, ioredis and the certificate fetch need Node; answers are never cached.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** SES delivery events through SNS: see lib/ses/delivery-events.ts. */
export const POST = withAppConfig((request, config) =>
  handleSesEventsRequest(request, { settings: config.sesEvents, store: getDeliveryEventStore(config.testSend.redisUrl) }),
);

/** One test send's events, for the connector page: see lib/test-send/test-send-outcome.ts. HEAD follows GET. */
export const GET = withAppConfig((request, config) =>
  handleTestSendOutcomeRequest(request, {
    config,
    getSession: () => getSession(config),
    store: getDeliveryEventStore(config.testSend.redisUrl),
    sends: getTestSendLog(config.testSend.redisUrl),
  }),
);

// Exported so that they answer 405 with an `Allow` header.
export const PUT = eventsOtherMethodResponse;
export const PATCH = eventsOtherMethodResponse;
export const DELETE = eventsOtherMethodResponse;
export const OPTIONS = eventsOtherMethodResponse;
