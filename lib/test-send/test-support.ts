/**
 * Shared by the tests of this folder: configurations, sessions, and the real servers the
 * integration tests talk to (aws-ses-v2-local, a scripted SES stand-in, redis-server).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll } from 'vitest';

import type { Session } from '@/lib/auth/session';
import { logtoTestEnv, parsedTestConfig } from '@/lib/config/test-support';
import { freePort } from '@/testing/free-port';
import { startRedisServer } from '@/testing/redis-server';
import type { AppConfig } from '@/lib/config';
import { defaultLocalConnectorConfig } from '@/lib/ses';

/** Shaped like real AWS keys, so that the redaction is tested against the real patterns. */
export const secrets = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  accessKeySecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export const connectorConfig = defaultLocalConnectorConfig({
  ...secrets,
  region: 'eu-west-1',
  emailAddress: 'Logto SES sign-in <no-reply@example.com>',
});

export const appOrigin = 'https://app.example.com';

const productionEnv = { ...logtoTestEnv, LOGTO_BASE_URL: appOrigin, AWS_SES_CONFIG: JSON.stringify(connectorConfig) };

/** A deployment's configuration, built by the real parser; `env` adds or (with undefined) removes variables. */
export function testConfig(env: Record<string, string | undefined> = {}): AppConfig {
  return parsedTestConfig({ ...productionEnv, ...env });
}

/** What `npm run dev` sets for the local stand-ins: anyone signed in may test-send. */
export const openToSignedInEnv = { TEST_SEND_OPEN_TO_SIGNED_IN: 'true' };

export function signedIn(email: string, sub = `user-${email}`): Session {
  return { state: 'signed-in', claims: { sub, email, email_verified: true }, email };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export type StoredEmail = {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string };
};

/** aws-ses-v2-local on a free port: the SES the integration tests really send to. */
export async function startLocalSes() {
  const pkg = await import('aws-ses-v2-local');
  const start = pkg.default ?? pkg;
  const server = await start({ host: '127.0.0.1', port: 0 });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    /** Mail is kept for everyone in one store: tests use unique recipients. */
    async emailsTo(address: string): Promise<StoredEmail[]> {
      const response = await fetch(`${endpoint}/store`);
      const { emails } = (await response.json()) as { emails: StoredEmail[] };
      return emails.filter((email) => email.destination.to.includes(address));
    },
    close: () => stop(server),
  };
}

type LocalSes = Awaited<ReturnType<typeof startLocalSes>>;

/** aws-ses-v2-local for the tests of a file (or a describe block): started before them, closed after. */
export function localSesForTests(): Pick<LocalSes, 'endpoint' | 'emailsTo'> {
  let ses: LocalSes | undefined;
  beforeAll(async () => {
    ses = await startLocalSes();
  });
  afterAll(async () => {
    await ses?.close();
  });
  const started = () => {
    if (!ses) throw new Error('The local SES starts in beforeAll: use it inside a test.');
    return ses;
  };
  return {
    get endpoint() {
      return started().endpoint;
    },
    emailsTo: (address) => started().emailsTo(address),
  };
}

/** An SES endpoint that answers every request with `reply`, for the failures real SES gives. */
export async function startScriptedSes(reply: (response: ServerResponse, request: IncomingMessage) => void) {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => reply(response, request));
  });
  return { endpoint: await listen(server), close: () => stop(server) };
}

/** How SES (a restJson service) reports an error: the name in a header, the text in the body. */
export function sesError(response: ServerResponse, status: number, name: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': name });
  response.end(JSON.stringify({ message }));
}

export { freePort, startRedisServer };
