import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { SesEventsSettings } from '../config/app-config';

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

function setup(store: DeliveryEventStore = createMemoryEventStore(), eventSettings: SesEventsSettings = settings) {
  const confirmed: string[] = [];
  const fetched: string[] = [];
  const verify = createSignatureVerifier(async (url) => (fetched.push(url), publicPem));
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    handleSesEventsRequest(new Request('http://localhost/api/ses/events', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers }), {
      settings: eventSettings,
      store,
      verify,
      confirmSubscription: async (url) => (confirmed.push(url), true),
    });
  return { store, post, confirmed, fetched };
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
  it('records a signed Delivery once, and refuses the replay with 409', async () => {
    const { post, store } = setup();
    const message = signed({ Message: sesEvent('Delivery', { delivery: { timestamp: new Date(Date.now() + 1000).toISOString(), recipients: ['ada@example.com'], smtpResponse: '250 OK' } }) });
    expect((await post(message)).status).toBe(200);
    const replay = await post(message);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: 'already_recorded', field: 'MessageId' } });
    expect((await store.recent()).map((event) => event.type)).toEqual(['Delivery']);
  });

  it('refuses SignatureVersion 1 (SHA-1) unless SES_EVENTS_ACCEPT_SIGNATURE_V1 says otherwise', async () => {
    const refused = await setup().post(signed({ Message: sesEvent('Send', { send: {} }) }, '1'));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'unsupported_signature_version', field: 'SignatureVersion', message: expect.stringContaining('SignatureVersion attribute to 2') } });
    const accepting = setup(createMemoryEventStore(), { ...settings, acceptSignatureVersion1: true });
    expect((await accepting.post(signed({ Message: sesEvent('Send', { send: {} }) }, '1'))).status).toBe(200);
  });

  it('refuses a signed message older than an hour, before fetching any certificate', async () => {
    const { post, store, fetched } = setup();
    for (const Timestamp of ['2001-09-09T01:46:40.000Z', new Date(Date.now() - 61 * 60 * 1000).toISOString(), new Date(Date.now() + 60 * 60 * 1000).toISOString(), 'yesterday']) {
      const response = await post(signed({ Message: sesEvent('Delivery'), Timestamp }));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'stale_message', field: 'Timestamp' } });
    }
    expect(fetched).toEqual([]);
    expect(await store.recent()).toEqual([]);
  });

  it('visits SubscribeURL once per confirmation: a replay is refused with 409', async () => {
    const { post, confirmed } = setup();
    const subscribeUrl = 'http://127.0.0.1:8999/_stand-in/confirm-subscription?Token=t';
    const confirmation = signed({ Type: 'SubscriptionConfirmation', Message: 'confirm', Token: 't', SubscribeURL: subscribeUrl });
    expect((await post(confirmation)).status).toBe(200);
    const replay = await post(confirmation);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: 'already_confirmed', field: 'MessageId' } });
    expect(confirmed).toEqual([subscribeUrl]);
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
    ['a stale Timestamp', (message) => ({ ...message, Timestamp: '2001-09-09T01:46:40.000Z' }), 400, 'Timestamp'],
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
    const down = async () => Promise.reject(new Error('redis down'));
    const broken: DeliveryEventStore = { record: down, recent: async () => [], claim: down, release: down };
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

describe("messages signed with SNS's certificate", () => {
  const snsTopic = 'arn:aws:sns:eu-west-1:123456789012:ses-events';
  const snsCert = `https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-${'0123456789abcdef'.repeat(2)}.pem`;
  const snsSettings: SesEventsSettings = { topicArns: [snsTopic] };
  const fromSns = (fields: Record<string, string> = {}) => signed({ TopicArn: snsTopic, SigningCertURL: snsCert, Message: sesEvent('Delivery'), ...fields });

  it('fetches the certificate once, and verifies every message against it', async () => {
    const { post, fetched } = setup(createMemoryEventStore(), snsSettings);
    expect((await post(fromSns())).status).toBe(200);
    expect((await post(fromSns())).status).toBe(200);
    expect((await post({ ...fromSns(), Message: sesEvent('Bounce') })).status).toBe(403);
    expect(fetched).toEqual([snsCert]);
  });

  const badUrls = [
    ['another region than the topic', snsCert.replace('eu-west-1', 'us-east-1')],
    ['a query', `${snsCert}?x=1`],
    ['a fragment', `${snsCert}#x`],
    ['userinfo', snsCert.replace('https://', 'https://user@')],
    ['a port', snsCert.replace('.com/', '.com:443/')],
    ['another path', 'https://sns.eu-west-1.amazonaws.com/anything/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem'],
    ['a name that is not 32 hex digits', 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem'],
    ['the China partition for a topic that is not', snsCert.replace('.com/', '.com.cn/')],
  ] as const;
  for (const [name, url] of badUrls) {
    it(`refuses a certificate URL with ${name}, fetching nothing`, async () => {
      const { post, fetched } = setup(createMemoryEventStore(), snsSettings);
      const response = await post(fromSns({ SigningCertURL: url }));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'certificate_not_from_sns', field: 'SigningCertURL' } });
      expect(fetched).toEqual([]);
    });
  }

  it('accepts the China partition host for an aws-cn topic', async () => {
    const cnTopic = 'arn:aws-cn:sns:cn-north-1:123456789012:ses-events';
    const cnCert = `https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-${'ab'.repeat(16)}.pem`;
    const { post, fetched } = setup(createMemoryEventStore(), { topicArns: [cnTopic] });
    expect((await post(fromSns({ TopicArn: cnTopic, SigningCertURL: cnCert }))).status).toBe(200);
    expect(fetched).toEqual([cnCert]);
  });

  it("confirms a subscription only through the SNS host of the topic's region", async () => {
    const { post, confirmed } = setup(createMemoryEventStore(), snsSettings);
    const subscription = (SubscribeURL: string) => fromSns({ Type: 'SubscriptionConfirmation', Message: 'confirm', Token: 't', SubscribeURL });
    expect((await post(subscription('https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t'))).status).toBe(400);
    expect((await post(subscription('https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t'))).status).toBe(200);
    expect(confirmed).toEqual(['https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t']);
  });
});
