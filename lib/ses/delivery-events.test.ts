import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createMemoryEventStore, createSignatureVerifier, handleSesEventsRequest, maxEventBodyBytes, parseSesEvent, type DeliveryEventStore } from './delivery-events';

// A signer standing in for SNS (or the local stand-in): its public key is the "certificate".
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const certUrl = 'http://127.0.0.1:8999/_stand-in/sns-signing-cert.pem';
const topic = 'arn:aws:sns:us-east-1:000000000000:local-ses-events';
const settings = { topicArns: [topic], localSignerUrl: certUrl };
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

const keys = { Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'], SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] };

function signed(fields: Record<string, string>, version: '1' | '2' = '2'): Record<string, string> {
  const envelope: Record<string, string> = { MessageId: randomUUID(), TopicArn: topic, Timestamp: new Date().toISOString(), SignatureVersion: version, SigningCertURL: certUrl, Type: 'Notification', ...fields };
  const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
  for (const key of keys[envelope.Type as keyof typeof keys]) if (key in envelope) signer.update(`${key}\n${envelope[key]}\n`);
  return { ...envelope, Signature: signer.sign(privateKey, 'base64') };
}

const sesEvent = (eventType: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ eventType, mail: { timestamp: new Date().toISOString(), messageId: '0100018f-test', source: 'no-reply@example.com', destination: ['ada@example.com'], commonHeaders: { subject: 'Your code' } }, ...extra });

function setup(store: DeliveryEventStore = createMemoryEventStore()) {
  const confirmed: string[] = [];
  const verify = createSignatureVerifier(settings, async () => publicPem);
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    handleSesEventsRequest(new Request('http://localhost/api/ses/events', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers }), {
      settings,
      store,
      verify,
      confirmSubscription: async (url) => (confirmed.push(url), true),
    });
  return { store, post, confirmed };
}

describe('parseSesEvent', () => {
  it('reads a bounce with its type and diagnostic', () => {
    const parsed = parseSesEvent(sesEvent('Bounce', { bounce: { timestamp: '2026-11-20T10:00:01.000Z', bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: 'ada@example.com', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] } }));
    expect(parsed).toMatchObject({ ok: true, event: { type: 'Bounce', messageId: '0100018f-test', recipients: ['ada@example.com'], detail: 'Permanent/General: smtp; 550 5.1.1 user unknown' } });
  });
  it('reads identity notifications (notificationType) too, and ignores Open and Click', () => {
    expect(parseSesEvent(sesEvent('x').replace('"eventType":"x"', '"notificationType":"Delivery"'))).toMatchObject({ ok: true, event: { type: 'Delivery' } });
    expect(parseSesEvent(sesEvent('Open'))).toMatchObject({ ok: false, ignored: true });
  });
});

describe('POST /api/ses/events', () => {
  it('records a signed Delivery once (SignatureVersion 2 and 1), and refuses the replay with 409', async () => {
    const { post, store } = setup();
    const message = signed({ Message: sesEvent('Delivery', { delivery: { timestamp: new Date(Date.now() + 1000).toISOString(), recipients: ['ada@example.com'], smtpResponse: '250 OK' } }) });
    expect((await post(message)).status).toBe(200);
    const replay = await post(message);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: 'already_recorded', field: 'MessageId' } });
    expect(await post(signed({ Message: sesEvent('Send', { send: {} }) }, '1'))).toHaveProperty('status', 200);
    expect((await store.recent()).map((event) => event.type)).toEqual(['Send', 'Delivery']);
  });

  it('confirms the subscription of an allowed topic by visiting SubscribeURL', async () => {
    const { post, confirmed } = setup();
    const subscribeUrl = 'http://127.0.0.1:8999/_stand-in/confirm-subscription?Token=t';
    const response = await post(signed({ Type: 'SubscriptionConfirmation', Message: 'confirm', Token: 't', SubscribeURL: subscribeUrl }));
    expect(response.status).toBe(200);
    expect(confirmed).toEqual([subscribeUrl]);
  });

  const refusals: [string, (message: Record<string, string>) => unknown, number, string][] = [
    ['a forged signature', (message) => ({ ...message, Message: sesEvent('Delivery').replace('ada@', 'eve@') }), 403, 'Signature'],
    ['a wrong topic', (message) => ({ ...message, TopicArn: 'arn:aws:sns:us-east-1:000000000000:other' }), 403, 'TopicArn'],
    ['a certificate URL off SNS hosts', (message) => ({ ...message, SigningCertURL: 'https://sns.us-east-1.amazonaws.com.evil.example/cert.pem' }), 400, 'SigningCertURL'],
    ['a certificate over http from an SNS-looking host', (message) => ({ ...message, SigningCertURL: 'http://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem' }), 400, 'SigningCertURL'],
    ['SignatureVersion 3', (message) => ({ ...message, SignatureVersion: '3' }), 400, 'SignatureVersion'],
    ['a missing MessageId', (message) => ({ ...message, MessageId: '' }), 400, 'MessageId'],
    ['not JSON', () => '{nope', 400, '(body)'],
    ['an oversized body', (message) => ({ ...message, Padding: 'x'.repeat(maxEventBodyBytes) }), 413, '(body)'],
  ];
  for (const [name, change, status, field] of refusals) {
    it(`refuses ${name} with ${status} naming ${field}, recording nothing`, async () => {
      const { post, store } = setup();
      const response = await post(change(signed({ Message: sesEvent('Delivery') })));
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: { status, field } });
      expect(await store.recent()).toEqual([]);
    });
  }

  it('refuses everything while no topic is allowed, and never trusts the local certificate unless configured', async () => {
    const store = createMemoryEventStore();
    const message = JSON.stringify(signed({ Message: sesEvent('Delivery') }));
    const none = await handleSesEventsRequest(new Request('http://localhost/', { method: 'POST', body: message }), { settings: { topicArns: [] }, store });
    expect(none.status).toBe(403);
    // Without SES_EVENTS_LOCAL_SIGNER, the stand-in's certificate URL is just a URL off SNS hosts.
    const unconfigured = await handleSesEventsRequest(new Request('http://localhost/', { method: 'POST', body: message }), { settings: { topicArns: [topic] }, store });
    expect(unconfigured.status).toBe(400);
    expect(await store.recent()).toEqual([]);
  });

  it('refuses a body that is not posted as SNS posts it (text/plain or JSON), and records nothing', async () => {
    const { post, store } = setup();
    const message = signed({ Message: sesEvent('Delivery') });
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain; charset=latin1', 'text/html']) {
      const response = await post(message, { 'content-type': type });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type', field: 'content-type' } });
    }
    expect(await store.recent()).toEqual([]);
    expect((await post(message, { 'content-type': 'text/plain; charset=UTF-8' })).status).toBe(200);
  });

  it('answers 4xx, not 500, when the store fails', async () => {
    const broken: DeliveryEventStore = { record: async () => Promise.reject(new Error('redis down')), recent: async () => [] };
    const { post } = setup(broken);
    expect((await post(signed({ Message: sesEvent('Delivery') }))).status).toBe(429);
  });
});

describe('the memory store', () => {
  it('keeps the last 1,000 events and drops those older than 7 days', async () => {
    let now = Date.parse('2026-11-20T10:00:00.000Z');
    const store = createMemoryEventStore({ now: () => now });
    for (let index = 0; index < 1_005; index += 1) {
      await store.record({ snsMessageId: `m${index}`, type: 'Send', messageId: `s${index}`, at: new Date(now).toISOString(), recipients: [] });
    }
    expect((await store.recent(2_000)).length).toBe(1_000);
    now += 8 * 24 * 3600 * 1000;
    expect(await store.recent()).toEqual([]);
  });
});
