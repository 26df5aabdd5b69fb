import { getConfig } from '@/lib/config';
import { getDeliveryEventStore, handleSesEventsRequest } from '@/lib/ses/delivery-events';

// node:crypto, ioredis and the certificate fetch need Node; answers are never cached.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** SES delivery events through SNS: see lib/ses/delivery-events.ts. */
export async function POST(request: Request) {
  const result = getConfig();
  if (!result.ok) {
    return Response.json({ error: { status: 503, code: 'app_not_configured', message: 'The app is not configured; its server log says what to fix.' } }, { status: 503 });
  }
  const { config } = result;
  return handleSesEventsRequest(request, { settings: config.sesEvents, store: getDeliveryEventStore(config.testSend.redisUrl) });
}
