import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkRecipient, sendEmail } from '../../lib/ses';
import { createMemoryEventStore, handleSesEventsRequest } from '../../lib/ses/delivery-events';
import { runDoctor } from '../../scripts/ses-doctor';
import { localSesConnectorConfig } from '../app-environment';
import { startInbox, type RunningInbox } from './server';
import { localEventsTopicArn } from './stand-in-state';

// The stand-in, and a loopback server running the app's /api/ses/events logic on its events.
let inbox: RunningInbox;
let app: Server;
const store = createMemoryEventStore();

beforeAll(async () => {
  app = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = await handleSesEventsRequest(new Request('http://127.0.0.1/api/ses/events', { method: 'POST', body: Buffer.concat(chunks) }), {
      settings: { topicArns: [localEventsTopicArn], localSignerUrl: inbox.signingCertUrl },
      store,
    });
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(await answer.text());
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  inbox = await startInbox({ port: 0, eventsUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/ses/events` });
});

afterAll(async () => {
  await inbox?.close();
  await new Promise((resolve) => app?.close(resolve));
});

const setState = async (state: unknown) => fetch(`${inbox.url}/_stand-in/state`, { method: 'POST', body: JSON.stringify(state) });
const doctor = async () => {
  const lines: string[] = [];
  const env = { AWS_SES_CONFIG: JSON.stringify(localSesConnectorConfig()), AWS_SES_ENDPOINT: inbox.url, AWS_SES_TIMEOUT_MS: '3000' };
  const status = await runDoctor(['--json'], env, { log: (line) => lines.push(line), error: (line) => lines.push(line) });
  return { status, readiness: JSON.parse(lines.join('\n')) as { checks: { id: string; verdict: string }[] } };
};
const verdictOf = (readiness: { checks: { id: string; verdict: string }[] }, id: string) => readiness.checks.find((check) => check.id === id)?.verdict;

async function eventsFor(messageId: string, count: number) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const events = (await store.recent(100)).filter((event) => event.messageId === messageId);
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the local SES stand-in', () => {
  it('reports a fresh account as sandboxed, with the sender verified: ses:doctor says ready', async () => {
    await fetch(`${inbox.url}/_stand-in/reset`, { method: 'POST' });
    const { status, readiness } = await doctor();
    expect(status).toBe(0);
    expect(verdictOf(readiness, 'account-access')).toBe('warn');
    expect(verdictOf(readiness, 'sender-identity')).toBe('pass');
  });

  it('reports each state it is set to, and ses:doctor exits 1', async () => {
    await setState({ sendingEnabled: false, verifiedIdentities: [], quota: { sentLast24Hours: 200 } });
    const { status, readiness } = await doctor();
    expect(status).toBe(1);
    expect(verdictOf(readiness, 'account-sending')).toBe('fail');
    expect(verdictOf(readiness, 'account-quota')).toBe('fail');
    expect(verdictOf(readiness, 'sender-identity')).toBe('fail');
    await fetch(`${inbox.url}/_stand-in/reset`, { method: 'POST' });
  });

  it('refuses a bad state with the field', async () => {
    const response = await setState({ enforcementStatus: 'FINE' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field: 'enforcementStatus' });
  });

  it('posts signed Send and Delivery events that the app records, after confirming the subscription', async () => {
    const to = `events-${randomUUID().slice(0, 8)}@example.com`;
    const { messageId } = await sendEmail({ connector: localSesConnectorConfig(), endpoint: inbox.url, timeoutMs: 5_000 }, { to, usageType: 'Generic', payload: { code: '000000' } });
    const events = await eventsFor(messageId, 2);
    expect(events.map((event) => event.type).sort()).toEqual(['Delivery', 'Send']);
  });

  it('publishes no event for mail sent without a configuration set, as SES does; the readiness check says so', async () => {
    const to = `no-set-${randomUUID().slice(0, 8)}@example.com`;
    const withoutSet = { ...localSesConnectorConfig(), configurationSetName: undefined };
    const { messageId } = await sendEmail({ connector: withoutSet, endpoint: inbox.url, timeoutMs: 5_000 }, { to, usageType: 'Generic', payload: { code: '000000' } });
    // Long enough for the events of a mail that has them (the test above waits for two).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await store.recent(100)).not.toContainEqual(expect.objectContaining({ messageId }));
    const { readiness } = await doctor();
    expect(verdictOf(readiness, 'configuration-set')).toBe('pass');
  });

  it('bounces an address it is told to, and then lists it as suppressed (BOUNCE)', async () => {
    const to = `bounce-${randomUUID().slice(0, 8)}@example.com`;
    await setState({ bounce: [to] });
    const { messageId } = await sendEmail({ connector: localSesConnectorConfig(), endpoint: inbox.url, timeoutMs: 5_000 }, { to, usageType: 'Generic', payload: { code: '000000' } });
    const events = await eventsFor(messageId, 2);
    expect(events.map((event) => event.type)).toContain('Bounce');
    const state = (await (await fetch(`${inbox.url}/_stand-in/state`)).json()) as { suppressed: { emailAddress: string; reason: string }[] };
    expect(state.suppressed).toContainEqual(expect.objectContaining({ emailAddress: to, reason: 'BOUNCE' }));
    // The check before a test send reads it back through GetSuppressedDestination.
    expect(await checkRecipient(settings(), to)).toMatchObject({ ok: false, code: 'ses_recipient_suppressed' });
  });
});

const settings = () => ({ connector: localSesConnectorConfig(), endpoint: inbox.url, timeoutMs: 3_000 });

describe('the recipient checks against the stand-in', () => {
  it('lets the sender domain receive in the sandbox of a fresh state, and refuses any other domain', async () => {
    await fetch(`${inbox.url}/_stand-in/reset`, { method: 'POST' });
    expect(await checkRecipient(settings(), `fresh-${randomUUID().slice(0, 8)}@example.com`)).toEqual({ ok: true, notChecked: [] });
    expect(await checkRecipient(settings(), 'someone@elsewhere.test')).toMatchObject({ ok: false, status: 422, code: 'ses_recipient_not_verified' });
  });

  it('sends to any address with production access, or when the stand-in counts every address as verified (npm run dev)', async () => {
    await setState({ productionAccess: true });
    // GetAccount is kept for a minute: a new timeout makes new settings, so a fresh answer.
    expect(await checkRecipient({ ...settings(), timeoutMs: 3_001 }, 'someone@elsewhere.test')).toEqual({ ok: true, notChecked: [] });
    await setState({ productionAccess: false, anyAddressVerified: true });
    expect(await checkRecipient({ ...settings(), timeoutMs: 3_002 }, 'someone@elsewhere.test')).toEqual({ ok: true, notChecked: [] });
    await fetch(`${inbox.url}/_stand-in/reset`, { method: 'POST' });
  });
});
