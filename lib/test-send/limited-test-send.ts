import type { AppConfig } from '@/lib/config';

import type { TestSendCaller } from './authorize';
import { performTestSend, sesUnusable } from './perform-test-send';
import type { TestSendLimiter } from './rate-limits';
import type { TestSendResult } from './result';
import type { TestSendRequest } from './test-send-request';

/**
 * The last steps the route and the connector page's action share, once the caller is allowed
 * and the input is valid: a send that cannot happen (SES not configured) is refused before it
 * is counted; then the rate limits, then the send.
 */
export async function limitedTestSend(config: AppConfig, caller: TestSendCaller, request: TestSendRequest, limiter: TestSendLimiter): Promise<TestSendResult> {
  if (config.ses.state !== 'configured') return sesUnusable(config.ses);
  const limit = await limiter.consume(caller.userId, request.to);
  if (!limit.ok) return limit;
  return performTestSend(config.ses, request);
}
