import type { Session } from '@/lib/auth/session';
import type { AppConfig } from '@/lib/config';
import { failure, type Failure } from '@/lib/failure/failure';
import { failureResponse, jsonHeaders } from '@/lib/failure/failure-response';
import { strictTransportSecurity } from '@/lib/http/security-headers';
import { countByType, groupByMessage, maxStoredEvents, oldestFirst, type DeliveryEvent, type DeliveryEventStore, type DeliveryEventType } from '@/lib/ses/delivery-events';

import { checkSameOrigin } from './test-send-route';
import type { TestSendLog } from './test-send-log';
import { authorizeTestSend } from './test-send-service';

/**
 * `GET /api/ses/events?messageId=…`: what SES has reported so far of one sent message, for the
 * connector page to show a test send's outcome as it arrives. Only for those who may test-send,
 * only of their own test sends (test-send-log.ts), only from this app's pages, never cached.
 */

/** The events after which nothing more is coming for that recipient (DeliveryDelay is not one). */
export const finalEventTypes: readonly DeliveryEventType[] = ['Delivery', 'Bounce', 'Complaint', 'Reject'];

export type TestSendOutcome = {
  messageId: string;
  /** Oldest first; recipients left out: the page showing them already knows them. */
  events: Pick<DeliveryEvent, 'type' | 'at' | 'detail'>[];
  /** The latest final event's type, or null while none has arrived. */
  outcome: DeliveryEventType | null;
};

export type OutcomeDependencies = {
  config: AppConfig;
  getSession: () => Promise<Session>;
  store: DeliveryEventStore;
  sends: TestSendLog;
};

const allowedMethods = 'GET, HEAD, POST, OPTIONS';

// SES message IDs are letters, digits and dashes; the stand-in's too. Anything else is not one.
const messageIdPattern = /^[A-Za-z0-9][A-Za-z0-9._@+=-]{0,199}$/;

function readMessageId(url: URL): { ok: true; messageId: string } | Failure {
  const values = url.searchParams.getAll('messageId');
  if (values.length !== 1) {
    return failure(400, 'invalid_message_id', 'Give one messageId of a test send (or none, for a summary).', { field: 'messageId' });
  }
  const [messageId = ''] = values;
  if (!messageIdPattern.test(messageId)) return failure(400, 'invalid_message_id', 'messageId is not an SES message ID (letters, digits and dashes, at most 200).', { field: 'messageId' });
  return { ok: true, messageId };
}

/** The outcome of one message, from the recorded events. Pure. */
export function outcomeOf(messageId: string, recorded: readonly DeliveryEvent[]): TestSendOutcome {
  const events = oldestFirst(recorded.filter((event) => event.messageId === messageId)).map(({ type, at, detail }) => (detail === undefined ? { type, at } : { type, at, detail }));
  const final = events.filter((event) => finalEventTypes.includes(event.type)).at(-1);
  return { messageId, events, outcome: final?.type ?? null };
}

/**
 * What a tester may see of the recorded events: their own test sends, message by message (newest
 * first, with the address they sent to), and of every other mail of the configuration set (other
 * testers', end users' sign-in codes) only how many events of each type, no address or ID.
 */
export type EventsSummary = {
  testSends: { messageId: string; recipients: string[]; events: Pick<DeliveryEvent, 'type' | 'at' | 'detail'>[] }[];
  otherMail: { events: number; byType: Partial<Record<DeliveryEventType, number>> };
};

/** Pure: `own` are the caller's test sends among the events' message IDs. */
export function summarizeEvents(recorded: readonly DeliveryEvent[], own: ReadonlySet<string>, limit = 15): EventsSummary {
  const other = recorded.filter((event) => !own.has(event.messageId));
  const testSends = groupByMessage(recorded.filter((event) => own.has(event.messageId)))
    .slice(0, limit)
    .map(({ messageId, events }) => ({
      messageId,
      recipients: events[0]?.recipients ?? [],
      events: events.map(({ type, at, detail }) => (detail === undefined ? { type, at } : { type, at, detail })),
    }));
  return { testSends, otherMail: { events: other.length, byType: countByType(other) } };
}

/** The summary for `userId`, from the process's stores. Throws when Redis does not answer. */
export async function readEventsSummary({ store, sends }: Pick<OutcomeDependencies, 'store' | 'sends'>, userId: string): Promise<EventsSummary> {
  const recorded = await store.recent(maxStoredEvents);
  const own = await sends.sentBy(userId, [...new Set(recorded.map((event) => event.messageId))]);
  return summarizeEvents(recorded, own);
}

export async function handleTestSendOutcomeRequest(request: Request, dependencies: OutcomeDependencies): Promise<Response> {
  const response = await answer(request, dependencies);
  if (dependencies.config.origin.startsWith('https:')) response.headers.set('strict-transport-security', strictTransportSecurity);
  return response;
}

async function answer(request: Request, { config, getSession, store, sends }: OutcomeDependencies): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return eventsOtherMethodResponse(request);
  const origin = checkSameOrigin(request.headers, config.origin);
  if (!origin.ok) return failureResponse(origin);
  const authorization = authorizeTestSend(config, await getSession());
  if (!authorization.ok) return failureResponse(authorization);
  const url = new URL(request.url);
  if (!url.searchParams.has('messageId')) {
    try {
      return Response.json(await readEventsSummary({ store, sends }, authorization.caller.userId), { status: 200, headers: jsonHeaders });
    } catch {
      return failureResponse(eventsUnavailable);
    }
  }
  const messageId = readMessageId(url);
  if (!messageId.ok) return failureResponse(messageId);
  try {
    // Another tester's send, or mail Logto sent: the same answer as for an ID nobody sent.
    const own = await sends.sentBy(authorization.caller.userId, [messageId.messageId]);
    if (!own.has(messageId.messageId)) return failureResponse(failure(404, 'unknown_test_send', 'None of your test sends has this message ID.', { field: 'messageId' }));
    const recorded = await store.recent(maxStoredEvents);
    return Response.json(outcomeOf(messageId.messageId, recorded), { status: 200, headers: jsonHeaders });
  } catch {
    // Redis not answering: the page keeps polling, and says so.
    return failureResponse(eventsUnavailable);
  }
}

const eventsUnavailable = failure(503, 'events_unavailable', 'The recorded SES events cannot be read right now; try again shortly.', { retryAfterSeconds: 5 });

/** OPTIONS, and the methods the events route does not take, with the `Allow` header HTTP requires. */
export function eventsOtherMethodResponse(request: Request): Response {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow: allowedMethods, 'cache-control': 'no-store' } });
  return failureResponse(failure(405, 'method_not_allowed', `${request.method} is not supported here: GET the events of your test sends, or POST an SNS message.`), { allow: allowedMethods });
}
