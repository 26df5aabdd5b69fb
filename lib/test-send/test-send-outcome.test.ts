import { describe, expect, it } from 'vitest';

import { createMemoryEventStore, type DeliveryEvent } from '@/lib/ses/delivery-events';

import { createMemoryTestSendLog } from './test-send-log';
import { eventsOtherMethodResponse, handleTestSendOutcomeRequest, outcomeOf } from './test-send-outcome';
import { appOrigin, openToSignedInEnv, signedIn, testConfig } from './test-support';

const event = (type: DeliveryEvent['type'], messageId: string, at: string, detail?: string): DeliveryEvent => ({
  snsMessageId: `${messageId}-${type}`,
  type,
  messageId,
  at,
  recipients: ['ada@example.com'],
  ...(detail ? { detail } : {}),
});

/** `testSends`: message ID → the email of the tester who sent it (default: m-1 and m-2 by dev@example.com). */
async function ask(path: string, { session = signedIn('dev@example.com'), headers = {}, events = [] as DeliveryEvent[], testSends = { 'm-1': 'dev@example.com', 'unheard-1': 'dev@example.com' } as Record<string, string> } = {}) {
  const store = createMemoryEventStore();
  for (const recorded of events) await store.record(recorded);
  const sends = createMemoryTestSendLog();
  for (const [messageId, email] of Object.entries(testSends)) await sends.record(messageId, `user-${email}`);
  const response = await handleTestSendOutcomeRequest(new Request(`${appOrigin}${path}`, { headers }), {
    config: testConfig(openToSignedInEnv),
    getSession: async () => session,
    store,
    sends,
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

describe('outcomeOf', () => {
  it("keeps one message's events, oldest first, with the latest final one as the outcome", () => {
    const recorded = [event('Bounce', 'm-1', '2026-12-01T10:00:02Z', 'Permanent/General'), event('Send', 'm-1', '2026-12-01T10:00:00Z'), event('Delivery', 'm-2', '2026-12-01T10:00:01Z')];
    expect(outcomeOf('m-1', recorded)).toEqual({
      messageId: 'm-1',
      events: [
        { type: 'Send', at: '2026-12-01T10:00:00Z' },
        { type: 'Bounce', at: '2026-12-01T10:00:02Z', detail: 'Permanent/General' },
      ],
      outcome: 'Bounce',
    });
  });

  it('has no outcome while only Send and DeliveryDelay have arrived', () => {
    expect(outcomeOf('m-1', [event('Send', 'm-1', '2026-12-01T10:00:00Z'), event('DeliveryDelay', 'm-1', '2026-12-01T10:00:05Z')]).outcome).toBeNull();
  });
});

describe('GET /api/ses/events?messageId=…', () => {
  it("answers the message's events, never cached", async () => {
    const { response, body } = await ask('/api/ses/events?messageId=m-1', { events: [event('Send', 'm-1', '2026-12-01T10:00:00Z'), event('Delivery', 'm-1', '2026-12-01T10:00:01Z')] });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({ messageId: 'm-1', outcome: 'Delivery', events: [{ type: 'Send' }, { type: 'Delivery' }] });
  });

  it('answers 200 with no events for a test send nothing was heard of yet (the page keeps polling, no console error)', async () => {
    expect((await ask('/api/ses/events?messageId=unheard-1')).body).toEqual({ messageId: 'unheard-1', events: [], outcome: null });
  });

  it("answers 404 for another tester's test send, and for mail that was no test send (an end user's sign-in code)", async () => {
    const events = [event('Delivery', 'm-other', '2026-12-01T10:00:01Z'), event('Delivery', 'm-login', '2026-12-01T10:00:02Z')];
    for (const messageId of ['m-other', 'm-login']) {
      const { response, body } = await ask(`/api/ses/events?messageId=${messageId}`, { events, testSends: { 'm-other': 'eve@example.com' } });
      expect(response.status).toBe(404);
      expect(body).toMatchObject({ error: { code: 'unknown_test_send', field: 'messageId' } });
    }
  });

  it('keeps Send before Delivery when SES stamps both with the same time', async () => {
    const at = '2026-12-01T10:00:00.000Z';
    const { body } = await ask('/api/ses/events?messageId=m-1', { events: [event('Send', 'm-1', at), event('Delivery', 'm-1', at)] });
    expect(body).toMatchObject({ outcome: 'Delivery', events: [{ type: 'Send' }, { type: 'Delivery' }] });
    expect(outcomeOf('m-1', [event('Delivery', 'm-1', at), event('Send', 'm-1', at)]).events.map((recorded) => recorded.type)).toEqual(['Send', 'Delivery']);
  });

  it("without a messageId, answers the caller's test sends and of other mail only counts per event type", async () => {
    const events = [
      event('Send', 'm-1', '2026-12-01T10:00:00Z'),
      event('Delivery', 'm-1', '2026-12-01T10:00:01Z'),
      { ...event('Delivery', 'm-login', '2026-12-01T10:00:02Z'), recipients: ['end-user@customer.test'] },
      { ...event('Bounce', 'm-other', '2026-12-01T10:00:03Z', 'Permanent/General'), recipients: ['someone@else.test'] },
    ];
    const { response, body } = await ask('/api/ses/events', { events, testSends: { 'm-1': 'dev@example.com', 'm-other': 'eve@example.com' } });
    expect(response.status).toBe(200);
    expect(body).toEqual({
      testSends: [{ messageId: 'm-1', recipients: ['ada@example.com'], events: [{ type: 'Send', at: '2026-12-01T10:00:00Z' }, { type: 'Delivery', at: '2026-12-01T10:00:01Z' }] }],
      otherMail: { events: 2, byType: { Delivery: 1, Bounce: 1 } },
    });
    for (const hidden of ['end-user@customer.test', 'someone@else.test', 'm-login', 'm-other', 'Permanent/General']) expect(JSON.stringify(body)).not.toContain(hidden);
  });

  it('is only for those who may test-send', async () => {
    expect((await ask('/api/ses/events?messageId=m-1', { session: { state: 'signed-out' } })).response.status).toBe(401);
  });

  it('refuses other sites', async () => {
    const { response, body } = await ask('/api/ses/events?messageId=m-1', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(response.status).toBe(403);
    expect(body).toMatchObject({ error: { code: 'cross_origin' } });
  });

  it.each(['/api/ses/events?messageId=', '/api/ses/events?messageId=a&messageId=b', `/api/ses/events?messageId=${'a'.repeat(201)}`, '/api/ses/events?messageId=%3Cscript%3E'])('400 invalid_message_id for %s', async (path) => {
    const { response, body } = await ask(path);
    expect(response.status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'invalid_message_id', field: 'messageId' } });
  });

  it('answers other methods 405 with Allow', async () => {
    const response = eventsOtherMethodResponse(new Request(`${appOrigin}/api/ses/events`, { method: 'DELETE' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toContain('GET');
  });
});
