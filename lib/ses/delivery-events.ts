import { Redis } from 'ioredis';

import type { SesEventsSettings } from '../config/app-config';
import { processWide } from '../process/process-wide';

import { certificateUrlProblem, createCertificateCache, signatureVerifies, subscribeUrlAllowed, timestampProblem, type CertificateCache } from './sns-signature';

/**
 * What SES reports after a send, as SNS delivers it to `POST /api/ses/events`: every message's
 * signature is checked (SNS's certificate, or the local stand-in's when configured), only the
 * allowed topics are heard, and the events are kept briefly for the connector page.
 */

export const recordedEventTypes = ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject', 'DeliveryDelay'] as const;
export type DeliveryEventType = (typeof recordedEventTypes)[number];

export type DeliveryEvent = {
  /** The SNS message's ID: one event per SNS message, however often it is delivered. */
  snsMessageId: string;
  type: DeliveryEventType;
  /** The SES message ID, as SendEmail returned it: ties the event to a test-send. */
  messageId: string;
  /** When SES says it happened (ISO). */
  at: string;
  recipients: string[];
  /** E.g. "Permanent/General: smtp; 550 5.1.1 user unknown". */
  detail?: string;
};

export const maxEventBodyBytes = 512 * 1024;
export const maxStoredEvents = 1_000;
export const eventRetentionMs = 7 * 24 * 3600 * 1000;

// --- Reading SES's event JSON -------------------------------------------------------------

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const addresses = (list: unknown, key = 'emailAddress') => (Array.isArray(list) ? list.map((item) => (isObject(item) ? text(item[key]) : text(item))).filter((item): item is string => Boolean(item)) : []);

/** Configuration-set events name the type `eventType`; identity notifications `notificationType`. */
const typeAliases: Record<string, DeliveryEventType> = {
  Send: 'Send',
  Delivery: 'Delivery',
  Bounce: 'Bounce',
  Complaint: 'Complaint',
  Reject: 'Reject',
  DeliveryDelay: 'DeliveryDelay',
};

export type ParsedSesEvent = { ok: true; event: Omit<DeliveryEvent, 'snsMessageId'> } | { ok: false; ignored: boolean; message: string };

/** The event in an SNS notification's `Message`. Types this app does not record (Open, Click…) are `ignored`. */
export function parseSesEvent(message: string): ParsedSesEvent {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return { ok: false, ignored: false, message: 'Message is not the JSON of an SES event.' };
  }
  if (!isObject(json) || !isObject(json.mail)) return { ok: false, ignored: false, message: 'Message is not an SES event (no "mail").' };
  const rawType = text(json.eventType) ?? text(json.notificationType);
  if (!rawType) return { ok: false, ignored: false, message: 'Message has no eventType.' };
  const type = typeAliases[rawType];
  if (!type) return { ok: false, ignored: true, message: `${rawType} events are not recorded.` };
  const mail = json.mail;
  const messageId = text(mail.messageId);
  if (!messageId) return { ok: false, ignored: false, message: 'The event has no mail.messageId.' };

  const destination = addresses(mail.destination);
  // The subject is not kept: a sign-in mail's subject can hold a live code.
  let at = text(mail.timestamp);
  let recipients = destination;
  let detail: string | undefined;
  const bounce = isObject(json.bounce) ? json.bounce : undefined;
  const complaint = isObject(json.complaint) ? json.complaint : undefined;
  const delivery = isObject(json.delivery) ? json.delivery : undefined;
  const delay = isObject(json.deliveryDelay) ? json.deliveryDelay : undefined;
  const reject = isObject(json.reject) ? json.reject : undefined;
  if (type === 'Bounce' && bounce) {
    at = text(bounce.timestamp) ?? at;
    recipients = addresses(bounce.bouncedRecipients);
    const first = Array.isArray(bounce.bouncedRecipients) && isObject(bounce.bouncedRecipients[0]) ? text(bounce.bouncedRecipients[0].diagnosticCode) : undefined;
    detail = [`${text(bounce.bounceType) ?? 'Bounce'}/${text(bounce.bounceSubType) ?? ''}`, first].filter(Boolean).join(': ');
  } else if (type === 'Complaint' && complaint) {
    at = text(complaint.timestamp) ?? at;
    recipients = addresses(complaint.complainedRecipients);
    detail = text(complaint.complaintFeedbackType);
  } else if (type === 'Delivery' && delivery) {
    at = text(delivery.timestamp) ?? at;
    recipients = addresses(delivery.recipients) .length ? addresses(delivery.recipients) : destination;
    detail = text(delivery.smtpResponse);
  } else if (type === 'DeliveryDelay' && delay) {
    at = text(delay.timestamp) ?? at;
    recipients = addresses(delay.delayedRecipients);
    detail = text(delay.delayType);
  } else if (type === 'Reject' && reject) {
    detail = text(reject.reason);
  }
  return {
    ok: true,
    event: { type, messageId, at: at && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : new Date().toISOString(), recipients, ...(detail ? { detail } : {}) },
  };
}

// --- Keeping them --------------------------------------------------------------------------

export type DeliveryEventStore = {
  /** `duplicate` when this SNS message was recorded before (SNS retries, or a replay). */
  record(event: DeliveryEvent): Promise<'recorded' | 'duplicate'>;
  /** Newest first, within the retention. */
  recent(limit?: number): Promise<DeliveryEvent[]>;
  /**
   * Marks an SNS message as handled (a subscription confirmation): false when it was before, so
   * a replay does not make the app fetch its SubscribeURL again. `release` undoes a failed one.
   */
  claim(snsMessageId: string): Promise<boolean>;
  release(snsMessageId: string): Promise<void>;
};

const withinRetention = (event: DeliveryEvent, now: number) => now - Date.parse(event.at) < eventRetentionMs;

/** In this process's memory: enough for one server; the seen IDs outlive the events they name. */
export function createMemoryEventStore({ now = Date.now }: { now?: () => number } = {}): DeliveryEventStore {
  const events: DeliveryEvent[] = [];
  const seen = new Map<string, number>();
  const claim = (id: string) => {
    const time = now();
    for (const [seenId, at] of seen) {
      if (time - at < eventRetentionMs && seen.size <= maxStoredEvents * 10) break;
      seen.delete(seenId);
    }
    if (seen.has(id)) return false;
    seen.set(id, time);
    return true;
  };
  return {
    async claim(id) {
      return claim(id);
    },
    async release(id) {
      seen.delete(id);
    },
    async record(event) {
      if (!claim(event.snsMessageId)) return 'duplicate';
      events.unshift(event);
      if (events.length > maxStoredEvents) events.length = maxStoredEvents;
      return 'recorded';
    },
    async recent(limit = 50) {
      const time = now();
      return events.filter((event) => withinRetention(event, time)).slice(0, limit);
    },
  };
}

const redisKeys = { list: 'logto-ses-next:ses-events', seen: (id: string) => `logto-ses-next:ses-events:seen:${id}` };

/** In Redis, shared by every instance; the seen marks expire with the retention. */
export function createRedisEventStore(client: Pick<Redis, 'set' | 'lpush' | 'ltrim' | 'lrange' | 'del'>, { now = Date.now }: { now?: () => number } = {}): DeliveryEventStore {
  return {
    async claim(id) {
      return (await client.set(redisKeys.seen(id), '1', 'PX', eventRetentionMs, 'NX')) === 'OK';
    },
    async release(id) {
      await client.del(redisKeys.seen(id));
    },
    async record(event) {
      const first = await client.set(redisKeys.seen(event.snsMessageId), '1', 'PX', eventRetentionMs, 'NX');
      if (first !== 'OK') return 'duplicate';
      await client.lpush(redisKeys.list, JSON.stringify(event));
      await client.ltrim(redisKeys.list, 0, maxStoredEvents - 1);
      return 'recorded';
    },
    async recent(limit = 50) {
      const time = now();
      const rows = await client.lrange(redisKeys.list, 0, maxStoredEvents - 1);
      return rows
        .map((row) => {
          try {
            return JSON.parse(row) as DeliveryEvent;
          } catch {
            return undefined;
          }
        })
        .filter((event): event is DeliveryEvent => event !== undefined && withinRetention(event, time))
        .slice(0, limit);
    },
  };
}

/** The process's store: Redis when REDIS_URL is set, else memory. */
export function getDeliveryEventStore(redisUrl: string | undefined): DeliveryEventStore {
  if (!redisUrl) return processWide('ses-events-memory', () => createMemoryEventStore());
  return processWide(`ses-events-redis`, () => createRedisEventStore(eventsRedis(redisUrl)));
}

/** The process's Redis connection for the events and the test sends they belong to. */
export function eventsRedis(redisUrl: string): Redis {
  return processWide('ses-events-redis-client', () => {
    const client = new Redis(redisUrl, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    // The URL is never logged: it may hold a password.
    client.on('error', () => undefined);
    return client;
  });
}

// --- Checking SNS messages ------------------------------------------------------------------

export type SnsMessage = {
  Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  SubscribeURL?: string;
  Token?: string;
  Subject?: string;
};

export type Refusal = { status: number; code: string; message: string; field?: string };

const refuse = (status: number, code: string, message: string, field?: string): Refusal => ({ status, code, message, ...(field ? { field } : {}) });

const messageTypes = new Set(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']);

/**
 * The envelope, before anything is fetched or verified: its shape, a signature version accepted
 * here, an allowed topic, the certificate of that topic's SNS region (lib/ses/sns-signature.ts)
 * or the configured stand-in's, and a recent Timestamp.
 */
export function readSnsMessage(input: unknown, settings: SesEventsSettings, now = Date.now()): { ok: true; message: SnsMessage; local: boolean } | { ok: false; refusal: Refusal } {
  if (!isObject(input)) return { ok: false, refusal: refuse(400, 'invalid_message', 'The body must be an SNS message (a JSON object).', '(body)') };
  for (const field of ['Type', 'MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL']) {
    if (typeof input[field] !== 'string' || input[field] === '') return { ok: false, refusal: refuse(400, 'invalid_message', `${field} is missing or not a string.`, field) };
  }
  const message = input as unknown as SnsMessage;
  if (!messageTypes.has(message.Type)) return { ok: false, refusal: refuse(400, 'invalid_message', 'Type must be Notification, SubscriptionConfirmation or UnsubscribeConfirmation.', 'Type') };
  if (message.SignatureVersion !== '2' && !(message.SignatureVersion === '1' && settings.acceptSignatureVersion1)) {
    const accepted = settings.acceptSignatureVersion1 ? '1 or 2' : '2 (set the topic\'s SignatureVersion attribute to 2, or SES_EVENTS_ACCEPT_SIGNATURE_V1=true)';
    return { ok: false, refusal: refuse(400, 'unsupported_signature_version', `SignatureVersion must be ${accepted}.`, 'SignatureVersion') };
  }
  if (settings.topicArns.length === 0) return { ok: false, refusal: refuse(403, 'topic_not_allowed', 'No SNS topic is allowed: set SES_EVENTS_TOPIC_ARNS to receive SES events.', 'TopicArn') };
  if (!settings.topicArns.includes(message.TopicArn)) return { ok: false, refusal: refuse(403, 'topic_not_allowed', 'This topic is not in SES_EVENTS_TOPIC_ARNS.', 'TopicArn') };
  const local = settings.localSignerUrl !== undefined && message.SigningCertURL === settings.localSignerUrl;
  const certificate = local ? undefined : certificateUrlProblem(message.SigningCertURL, message.TopicArn);
  if (certificate) return { ok: false, refusal: refuse(400, 'certificate_not_from_sns', certificate, 'SigningCertURL') };
  const age = timestampProblem(message.Timestamp, now);
  if (age) return { ok: false, refusal: refuse(400, 'stale_message', age, 'Timestamp') };
  if (message.Type === 'SubscriptionConfirmation') {
    const subscribe = message.SubscribeURL ?? '';
    const allowed = local ? URL.canParse(subscribe) && new URL(subscribe).origin === new URL(message.SigningCertURL).origin : subscribeUrlAllowed(subscribe, message.TopicArn);
    if (!allowed || !message.Token) return { ok: false, refusal: refuse(400, 'invalid_message', 'SubscribeURL must be on the SNS host that signed the message, with a Token.', 'SubscribeURL') };
  }
  return { ok: true, message, local };
}

/** `busy`: the certificate could not be fetched now (too many fetches at once); SNS retries. */
export type SignatureVerifier = (message: SnsMessage, local: boolean) => Promise<boolean | 'busy'>;

/**
 * Verifies against the certificate the message names (checked by `readSnsMessage`), fetched
 * through one bounded cache per process, or one of its own when `fetchText` is given (tests).
 */
export function createSignatureVerifier(fetchText?: (url: string) => Promise<string>): SignatureVerifier {
  const cache: CertificateCache = fetchText ? createCertificateCache({ fetchText }) : processWide('sns-certificates', () => createCertificateCache());
  return async (message, local) => {
    const certificate = await cache.get(message.SigningCertURL);
    if (!certificate.ok) return certificate.busy ? 'busy' : false;
    if (signatureVerifies(message as unknown as SnsMessage & Record<string, unknown>, certificate.pem)) return true;
    // The stand-in restarts with a new certificate: fetch its certificate again next time. SNS's
    // are kept, or every forged message would cost a fetch.
    if (local) cache.forget(message.SigningCertURL);
    return false;
  };
}

// --- The route's logic ----------------------------------------------------------------------

export type EventsDependencies = {
  settings: SesEventsSettings;
  store: DeliveryEventStore;
  verify?: SignatureVerifier;
  /** Visits SubscribeURL (only ever an SNS host or the configured stand-in). */
  confirmSubscription?: (url: string) => Promise<boolean>;
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

const refusalResponse = (refusal: Refusal) => json(refusal.status, { error: refusal });

/** The body, or a refusal when it is larger than any SNS message. */
async function readLimitedBody(request: Request): Promise<{ ok: true; text: string } | { ok: false; refusal: Refusal }> {
  const tooLarge = () => ({ ok: false as const, refusal: refuse(413, 'body_too_large', `The body is larger than ${maxEventBodyBytes / 1024} KB, more than any SNS message.`, '(body)') });
  const declared = Number(request.headers.get('content-length'));
  if (declared > maxEventBodyBytes) return tooLarge();
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxEventBodyBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/**
 * SNS posts its messages as `text/plain; charset=UTF-8`; JSON is accepted too (the body is JSON),
 * and no type at all, which some proxies leave. A form or anything else is not an SNS message.
 */
function contentTypeRefusal(header: string | null): Refusal | undefined {
  if (header === null) return undefined;
  const [mediaType = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replaceAll('"', '');
  if ((mediaType === 'text/plain' || mediaType === 'application/json') && (charset === undefined || charset === 'utf-8' || charset === 'utf8')) return undefined;
  return refuse(415, 'unsupported_media_type', `SNS posts its messages as text/plain; charset=UTF-8 (got "${header.slice(0, 100)}").`, 'content-type');
}

async function visit(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'error' });
    return response.ok;
  } catch {
    return false;
  }
}

/** POST /api/ses/events. Every refusal is a 4xx JSON answer naming the field; nothing throws. */
export async function handleSesEventsRequest(request: Request, { settings, store, verify = createSignatureVerifier(), confirmSubscription = visit }: EventsDependencies): Promise<Response> {
  try {
    const contentType = contentTypeRefusal(request.headers.get('content-type'));
    if (contentType) return refusalResponse(contentType);
    const body = await readLimitedBody(request);
    if (!body.ok) return refusalResponse(body.refusal);
    let input: unknown;
    try {
      input = JSON.parse(body.text);
    } catch {
      return refusalResponse(refuse(400, 'invalid_json', 'The body must be the JSON of an SNS message.', '(body)'));
    }
    const read = readSnsMessage(input, settings);
    if (!read.ok) return refusalResponse(read.refusal);
    const { message, local } = read;
    const verified = await verify(message, local);
    if (verified === 'busy') return refusalResponse(refuse(429, 'try_again', 'The signing certificate cannot be fetched right now; send the message again later.'));
    if (!verified) return refusalResponse(refuse(403, 'invalid_signature', 'The SNS signature does not verify against the signing certificate.', 'Signature'));

    if (message.Type === 'SubscriptionConfirmation') {
      // A replay (even one signed, within the hour) must not make the app visit SubscribeURL again.
      if (!(await store.claim(message.MessageId))) return refusalResponse(refuse(409, 'already_confirmed', 'This subscription confirmation was handled before.', 'MessageId'));
      const confirmed = await confirmSubscription(message.SubscribeURL ?? '');
      if (!confirmed) await store.release(message.MessageId);
      // SNS sends the confirmation again when this is not a 2xx.
      if (!confirmed) return json(502, { error: refuse(502, 'subscription_not_confirmed', 'Visiting SubscribeURL failed; SNS will send the confirmation again.') });
      return json(200, { confirmed: true, topicArn: message.TopicArn });
    }
    if (message.Type === 'UnsubscribeConfirmation') return json(200, { unsubscribed: true });

    const parsed = parseSesEvent(message.Message);
    if (!parsed.ok) {
      // Signed and from an allowed topic, but not an event we keep: say so, so SNS stops retrying.
      return parsed.ignored ? json(200, { recorded: false, reason: parsed.message }) : refusalResponse(refuse(400, 'invalid_event', parsed.message, 'Message'));
    }
    const outcome = await store.record({ snsMessageId: message.MessageId, ...parsed.event });
    if (outcome === 'duplicate') return refusalResponse(refuse(409, 'already_recorded', 'This SNS message was recorded before.', 'MessageId'));
    return json(200, { recorded: true, type: parsed.event.type, messageId: parsed.event.messageId });
  } catch {
    // The store (Redis) failing must not become a 500; SNS retries on a non-2xx.
    return refusalResponse(refuse(429, 'try_again', 'The event could not be recorded right now; send it again later.'));
  }
}

/** Where an event falls in a mail's life, for events SES stamps with the same time. */
const lifeOrder: Record<DeliveryEventType, number> = { Send: 0, Reject: 1, DeliveryDelay: 1, Delivery: 2, Bounce: 2, Complaint: 3 };

/**
 * Oldest first. `events` come newest first (as the stores answer); equal times keep a mail's
 * order (Send before Delivery), then the order they were recorded in.
 */
export function oldestFirst<Event extends Pick<DeliveryEvent, 'at' | 'type'>>(events: readonly Event[]): Event[] {
  return [...events].reverse().sort((a, b) => a.at.localeCompare(b.at) || lifeOrder[a.type] - lifeOrder[b.type]);
}

/** Events grouped by the SES message they belong to, newest message first. */
export function groupByMessage(events: readonly DeliveryEvent[]): { messageId: string; events: DeliveryEvent[] }[] {
  const groups = new Map<string, DeliveryEvent[]>();
  for (const event of events) groups.set(event.messageId, [...(groups.get(event.messageId) ?? []), event]);
  return [...groups].map(([messageId, list]) => ({ messageId, events: oldestFirst(list) }));
}

/** How many events of each type, for mail a tester may not see in detail. */
export function countByType(events: readonly DeliveryEvent[]): Partial<Record<DeliveryEventType, number>> {
  const counts: Partial<Record<DeliveryEventType, number>> = {};
  for (const event of events) counts[event.type] = (counts[event.type] ?? 0) + 1;
  return counts;
}
