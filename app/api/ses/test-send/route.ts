import { getSession } from '@/lib/auth/session';
import { withAppConfig } from '@/lib/http/with-app-config';
import { handleTestSendRequest, otherMethodResponse } from '@/lib/test-send/test-send-route';

// The AWS SDK, ioredis and the session cookie's crypto need Node; answers are never cached.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Sends a test email through the SES connector: see lib/test-send/test-send-route.ts. */
export const POST = withAppConfig((request, config) => handleTestSendRequest(request, { config, getSession: () => getSession(config) }));

// Exported so that they answer 405 with an `Allow` header (and OPTIONS lists only POST);
// HEAD follows GET.
export const GET = otherMethodResponse;
export const PUT = otherMethodResponse;
export const PATCH = otherMethodResponse;
export const DELETE = otherMethodResponse;
export const OPTIONS = otherMethodResponse;
