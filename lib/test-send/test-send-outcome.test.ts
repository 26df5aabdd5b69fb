import { describe, expect, it } from 'vitest';

import { createMemoryEventStore, type DeliveryEvent } from '@/lib/ses/delivery-events';

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

async function ask(path: string, { session = signedIn('dev@example.com'), headers = {}, events = [] as DeliveryEvent[] } = {}) {
  const store = createMemoryEventStore();
  for (const recorded of events) await store.record(recorded);
  const response = await handleTestSendOutcomeRequest(new Request(`${appOrigin}${path}`, { headers }), {
    config: testConfig(openToSignedInEnv),
    getSession: async () => session,
    store,
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

  it('answers 200 with no events for a message nothing was heard of (the page keeps polling, no console error)', async () => {
    expect((await ask('/api/ses/events?messageId=unknown-1')).body).toEqual({ messageId: 'unknown-1', events: [], outcome: null });
  });

  it('is only for those who may test-send', async () => {
    expect((await ask('/api/ses/events?messageId=m-1', { session: { state: 'signed-out' } })).response.status).toBe(401);
  });

  it('refuses other sites', async () => {
    const { response, body } = await ask('/api/ses/events?messageId=m-1', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(response.status).toBe(403);
    expect(body).toMatchObject({ error: { code: 'cross_origin' } });
  });

  it.each(['/api/ses/events', '/api/ses/events?messageId=', '/api/ses/events?messageId=a&messageId=b', `/api/ses/events?messageId=${'a'.repeat(201)}`, '/api/ses/events?messageId=%3Cscript%3E'])('400 invalid_message_id for %s', async (path) => {
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
