import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { DeliveryPolicy } from './sns-delivery';
import { createPublisher, makeSigningIdentity, type Publisher, type SigningIdentity } from './sns-publisher';

/**
 * The stand-in's SNS topic against an app that is not ready yet, as on a cold `npm run dev`:
 * the first mail's events must still all arrive, and an app that never answers costs a
 * bounded number of posts.
 */

type Posted = { Type: string; Token?: string; Message: string; MessageId: string };
type Behaviour = (message: Posted, attempt: number, response: ServerResponse) => void | Promise<void>;

let app: Server;
let eventsUrl: string;
let identity: SigningIdentity;
let posted: Posted[];
let behaviour: Behaviour;

const quick: DeliveryPolicy = { attempts: 5, attemptTimeoutMs: 300, firstDelayMs: 20, maxDelayMs: 100, totalMs: 5_000 };

beforeAll(async () => {
  identity = makeSigningIdentity();
  app = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Posted;
    posted.push(message);
    await behaviour(message, posted.filter((earlier) => earlier.Type === message.Type).length, response);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  eventsUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/ses/events`;
});

afterAll(async () => {
  app.closeAllConnections();
  await new Promise((resolve) => app?.close(resolve));
});

beforeEach(() => {
  posted = [];
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

function publisher(delivery = quick): Publisher {
  return createPublisher({ origin: 'http://127.0.0.1:1', eventsUrl, identity, delivery });
}

/** The app's side of a confirmation: it fetches SubscribeURL, i.e. the topic learns the token. */
const answer = (response: ServerResponse, status: number) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end('{}');
};

const notifications = () => posted.filter((message) => message.Type === 'Notification').map((message) => (JSON.parse(message.Message) as { eventType: string }).eventType);

describe('SNS delivery to an app that is not ready yet', () => {
  it('posts the SubscriptionConfirmation again until the app confirms, so the first Send is not lost', async () => {
    const topic = publisher();
    behaviour = (message, attempt, response) => {
      // Starting up: two 503s, then the route confirms as the app does.
      if (message.Type === 'SubscriptionConfirmation' && attempt < 3) return answer(response, 503);
      if (message.Type === 'SubscriptionConfirmation') topic.confirm(message.Token ?? '');
      answer(response, 200);
    };
    await topic.publish({ eventType: 'Send' });
    await topic.publish({ eventType: 'Delivery' });

    expect(posted.map((message) => message.Type)).toEqual(['SubscriptionConfirmation', 'SubscriptionConfirmation', 'SubscriptionConfirmation', 'Notification', 'Notification']);
    expect(notifications()).toEqual(['Send', 'Delivery']);
  });

  it('stops retrying once the app confirmed, though its answer to a slow first post never came (a cold compile)', async () => {
    // The pause before a second attempt outlasts the compile.
    const topic = publisher({ ...quick, firstDelayMs: 300 });
    behaviour = async (message, attempt, response) => {
      if (message.Type === 'SubscriptionConfirmation' && attempt === 1) {
        // Compiling: the confirmation happens after the stand-in stopped waiting.
        await new Promise((resolve) => setTimeout(resolve, quick.attemptTimeoutMs + 50));
      }
      if (message.Type === 'SubscriptionConfirmation') topic.confirm(message.Token ?? '');
      answer(response, 200);
    };
    await topic.publish({ eventType: 'Send' });

    expect(posted.filter((message) => message.Type === 'SubscriptionConfirmation')).toHaveLength(1);
    expect(notifications()).toEqual(['Send']);
  });

  it('posts a Notification again, unchanged, after a 5xx or no answer', async () => {
    const topic = publisher();
    behaviour = (message, attempt, response) => {
      if (message.Type === 'SubscriptionConfirmation') topic.confirm(message.Token ?? '');
      if (message.Type === 'Notification' && attempt === 1) return answer(response, 500);
      if (message.Type === 'Notification' && attempt === 2) {
        response.destroy();
        return;
      }
      answer(response, 200);
    };
    await topic.publish({ eventType: 'Send' });

    const sent = posted.filter((message) => message.Type === 'Notification');
    expect(sent).toHaveLength(3);
    // The same message each time: the app records a MessageId once.
    expect(new Set(sent.map((message) => message.MessageId)).size).toBe(1);
  });

  it('gives up on an app that never answers after the bounded number of attempts, and says so', async () => {
    const topic = publisher();
    behaviour = (_message, _attempt, response) => answer(response, 503);
    const started = Date.now();
    await topic.publish({ eventType: 'Send' });

    expect(posted.map((message) => message.Type)).toEqual(Array(quick.attempts).fill('SubscriptionConfirmation'));
    expect(Date.now() - started).toBeLessThan(quick.totalMs);
    expect(notifications()).toEqual([]);
    expect(vi.mocked(console.warn).mock.calls.at(-1)?.[0]).toMatch(/gave up after 5 attempts/);
  });

  it('does not retry a refusal (4xx): the app said no', async () => {
    const topic = publisher();
    behaviour = (_message, _attempt, response) => answer(response, 403);
    await topic.publish({ eventType: 'Send' });
    expect(posted).toHaveLength(1);
    expect(vi.mocked(console.warn).mock.calls.at(-1)?.[0]).toMatch(/refused with 403/);
  });
});
