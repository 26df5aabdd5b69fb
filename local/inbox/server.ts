import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import * as awsSesV2Local from 'aws-ses-v2-local';

import { LocalSetupError, refuseInProduction } from '../cli';
import { localDefaults } from '../defaults';
import { inboxIcon, sendIcon } from '../favicon';
import { sendInboxPage, type StoredMail } from './inbox-page';
import { createPublisher, makeSigningIdentity, sesEventsFor, sign, type SigningIdentity, type SnsEnvelope } from './sns-publisher';
import {
  applyUpdate,
  defaultState,
  deleteSuppressedDestination,
  getAccount,
  getConfigurationSet,
  getEmailIdentity,
  getEventDestinations,
  getSuppressedDestination,
  outcomeFor,
  type SesAnswer,
  type StandInState,
} from './stand-in-state';

/**
 * The local stand-in for Amazon SES. `aws-ses-v2-local` accepts SESv2 `SendEmail` calls with
 * any credentials and keeps the mail in memory, readable at `GET /` (a page rendered here, so it
 * reads without JavaScript), `GET /live` (its own script-driven page) and `GET /store` (JSON). It serves nothing else of SESv2, so a small server in front of it, on
 * the same port, answers the account, identity, configuration-set and suppression calls from
 * a state anyone on this machine can set (`/_stand-in/state`), and after each mail posts the
 * SES events an SNS subscription would deliver to the app (when `eventsUrl` is given).
 */

export type RunningInbox = {
  /** http://127.0.0.1:<port>, the value for AWS_SES_ENDPOINT. */
  url: string;
  /** Where the app fetches the certificate the events are signed with (SES_EVENTS_LOCAL_SIGNER). */
  signingCertUrl: string;
  /**
   * Signs an SNS message as this stand-in's topic does (SignatureVersion 2, its certificate), for
   * suites that forge, tamper with and replay messages to the app. In process only: never served.
   */
  signSnsMessage(envelope: Omit<SnsEnvelope, 'Signature' | 'SignatureVersion' | 'SigningCertURL'>): SnsEnvelope;
  /** Every request for a `.pem` so far (path and query): what the app fetched as a certificate. */
  certificateRequests(): string[];
  close(): Promise<void>;
};

export type InboxOptions = {
  port: number;
  /** The app's `/api/ses/events`; without it no events are posted. */
  eventsUrl?: string;
  /** Verified by default, with its domain: the sender's address (the configured sender is verified on a fresh stand-in). */
  senderIdentity?: string;
  /** A fresh state counts every address as verified (`anyAddressVerified`): `npm run dev`. */
  anyAddressVerified?: boolean;
};

type StartServer = (config?: { host?: string; port?: number }) => Promise<Server>;

// CommonJS with `exports.default`: depending on the loader (tsx, vitest, plain Node ESM) the
// function arrives as `default` or as `default.default`.
function startServerFunction(): StartServer {
  const outer: unknown = awsSesV2Local.default;
  return (typeof outer === 'function' ? outer : (outer as { default: unknown }).default) as StartServer;
}

const defaultSender = /<([^>]+)>/.exec(localDefaults.senderAddress)?.[1] ?? localDefaults.senderAddress;

const maxControlBody = 64 * 1024;

function readBody(request: IncomingMessage, limit = 25 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const sendAnswer = (response: ServerResponse, answer: SesAnswer) =>
  sendJson(response, answer.status, answer.body, answer.errorType ? { 'x-amzn-ErrorType': answer.errorType } : {});

type SesRoute = { method: string; pattern: RegExp; answer: (state: StandInState, name: string) => SesAnswer | { answer: SesAnswer; state: StandInState } };

const sesRoutes: SesRoute[] = [
  { method: 'GET', pattern: /^\/v2\/email\/account$/, answer: (state) => getAccount(state) },
  { method: 'GET', pattern: /^\/v2\/email\/identities\/([^/]+)$/, answer: getEmailIdentity },
  { method: 'GET', pattern: /^\/v2\/email\/configuration-sets\/([^/]+)$/, answer: getConfigurationSet },
  { method: 'GET', pattern: /^\/v2\/email\/configuration-sets\/([^/]+)\/event-destinations$/, answer: getEventDestinations },
  { method: 'GET', pattern: /^\/v2\/email\/suppression\/addresses\/([^/]+)$/, answer: getSuppressedDestination },
  { method: 'DELETE', pattern: /^\/v2\/email\/suppression\/addresses\/([^/]+)$/, answer: deleteSuppressedDestination },
];

export async function startInbox({ port, eventsUrl, senderIdentity = defaultSender, anyAddressVerified = false }: InboxOptions): Promise<RunningInbox> {
  refuseInProduction('The local SES inbox');
  // Loopback only, both servers: the inbox shows every code to whoever can reach it.
  const mailServer = await startServerFunction()({ host: '127.0.0.1', port: 0 });
  const mailPort = (mailServer.address() as AddressInfo).port;
  const closeMailServer = () =>
    new Promise<void>((resolve) => {
      mailServer.close(() => resolve());
      mailServer.closeAllConnections();
    });

  let identity: SigningIdentity;
  try {
    identity = makeSigningIdentity();
  } catch {
    await closeMailServer();
    throw new LocalSetupError('Could not make the local SNS signing certificate: the inbox needs the openssl command.');
  }

  let state = defaultState(senderIdentity, { anyAddressVerified });
  // Made once listening: the certificate URL in every message names the port.
  const sns: { publisher?: ReturnType<typeof createPublisher> } = {};

  const proxy = (request: IncomingMessage, response: ServerResponse, body: Buffer, onAnswer?: (status: number, answer: Buffer) => void, path = request.url) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: mailPort, method: request.method, path, headers: { ...request.headers, 'content-length': String(body.length) } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const payload = Buffer.concat(chunks);
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          response.end(payload);
          onAnswer?.(answer.statusCode ?? 502, payload);
        });
      },
    );
    upstream.on('error', () => sendJson(response, 502, { message: 'The inbox behind the stand-in did not answer.' }));
    upstream.end(body);
  };

  const afterSend = (body: Buffer, answer: Buffer) => {
    let request: { FromEmailAddress?: string; Destination?: { ToAddresses?: string[] }; Content?: { Simple?: { Subject?: { Data?: string } } }; ConfigurationSetName?: string };
    let messageId: string | undefined;
    try {
      request = JSON.parse(body.toString('utf8'));
      messageId = (JSON.parse(answer.toString('utf8')) as { MessageId?: string }).MessageId;
    } catch {
      return;
    }
    if (!messageId) return;
    const to = request.Destination?.ToAddresses ?? [];
    state = { ...state, quota: { ...state.quota, sentLast24Hours: state.quota.sentLast24Hours + to.length } };
    const source = /<([^>]+)>/.exec(request.FromEmailAddress ?? '')?.[1] ?? request.FromEmailAddress ?? '';
    const mail = { messageId, source, to, subject: request.Content?.Simple?.Subject?.Data ?? '', configurationSetName: request.ConfigurationSetName };
    // As in SES: events are published for mail sent with a configuration set that has an event
    // destination, and for no other.
    const publishes = state.configurationSets.some((set) => set.name === mail.configurationSetName && set.eventDestination);
    for (const recipient of to) {
      const outcome = outcomeFor(state, recipient);
      // A bounce or complaint puts the address on the account's suppression list, as SES does.
      if (outcome === 'bounced' || outcome === 'complained') {
        const reason = outcome === 'bounced' ? 'BOUNCE' : 'COMPLAINT';
        state = { ...state, suppressed: [...state.suppressed.filter((entry) => entry.emailAddress !== recipient.toLowerCase()), { emailAddress: recipient.toLowerCase(), reason, lastUpdateTime: new Date().toISOString() }] };
      }
      const events = publishes ? sesEventsFor(mail, recipient, outcome) : [];
      // In the background, after SES has answered the send, as SNS delivers.
      void (async () => {
        for (const event of events) await sns.publisher?.publish(event);
      })();
    }
  };

  const certificateRequests: string[] = [];
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    if (url.pathname.endsWith('.pem')) certificateRequests.push(`${url.pathname}${url.search}`);

    if (url.pathname === '/_stand-in/state') {
      if (method === 'GET') return sendJson(response, 200, state);
      if (method !== 'POST') return sendJson(response, 405, { message: 'GET or POST.' }, { allow: 'GET, POST' });
      let input: unknown;
      try {
        input = JSON.parse((await readBody(request, maxControlBody)).toString('utf8'));
      } catch {
        return sendJson(response, 400, { field: '(body)', message: 'The body must be JSON (at most 64 KB).' });
      }
      const update = applyUpdate(state, input);
      if (!update.ok) return sendJson(response, 400, { field: update.field, message: update.message });
      state = update.state;
      return sendJson(response, 200, state);
    }
    if (url.pathname === '/_stand-in/reset' && method === 'POST') {
      state = defaultState(senderIdentity, { anyAddressVerified });
      return sendJson(response, 200, state);
    }
    if (url.pathname === '/_stand-in/sns-signing-cert.pem' && method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/x-pem-file' });
      return response.end(identity.certPem);
    }
    if (url.pathname === '/_stand-in/confirm-subscription' && method === 'GET') {
      const confirmed = sns.publisher?.confirm(url.searchParams.get('Token') ?? '') ?? false;
      return confirmed ? sendJson(response, 200, { confirmed: true }) : sendJson(response, 404, { message: 'No subscription with this token.' });
    }

    if (method === 'GET' && url.pathname === '/') {
      let mails: StoredMail[];
      try {
        const store = await fetch(`http://127.0.0.1:${mailPort}/store`, { signal: AbortSignal.timeout(5_000) });
        mails = ((await store.json()) as { emails: StoredMail[] }).emails;
      } catch {
        return sendJson(response, 502, { message: 'The inbox behind the stand-in did not answer.' });
      }
      return sendInboxPage(response, mails);
    }
    if (method === 'GET' && url.pathname === '/live') return proxy(request, response, Buffer.alloc(0), undefined, '/');
    if (url.pathname === '/favicon.ico') return sendIcon(response, inboxIcon);

    const route = sesRoutes.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
    if (route) {
      // As aws-ses-v2-local: any AWS signature is accepted, but there must be one.
      if (!request.headers.authorization?.startsWith('AWS')) return sendJson(response, 403, { message: 'Missing Authentication Token' }, { 'x-amzn-ErrorType': 'MissingAuthenticationTokenException' });
      const name = decodeURIComponent(route.pattern.exec(url.pathname)?.[1] ?? '');
      const result = route.answer(state, name);
      if ('answer' in result) {
        state = result.state;
        return sendAnswer(response, result.answer);
      }
      return sendAnswer(response, result);
    }

    const body = await readBody(request);
    if (method === 'POST' && url.pathname === '/v2/email/outbound-emails') {
      return proxy(request, response, body, (status, answer) => status === 200 && afterSend(body, answer));
    }
    return proxy(request, response, body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 400, { message: 'Bad request.' });
      else response.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await closeMailServer();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new LocalSetupError(`Could not start the local SES inbox: port ${port} is already in use.`);
    throw error;
  }
  const { port: actualPort } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${actualPort}`;
  sns.publisher = createPublisher({ origin: url, eventsUrl, identity });
  const signingCertUrl = `${url}/_stand-in/sns-signing-cert.pem`;
  return {
    url,
    signingCertUrl,
    signSnsMessage: (envelope) => sign({ ...envelope, SignatureVersion: '2', SigningCertURL: signingCertUrl }, identity.keyPem),
    certificateRequests: () => [...certificateRequests],
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await closeMailServer();
    },
  };
}
