import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { mapSesError, sendEmail } from '../../lib/ses';
import { localSesConnectorConfig } from '../app-environment';
import { startInbox, type RunningInbox } from '../inbox/server';
import { awsError, startFaultProxy, type RunningFaultProxy } from './fault-proxy';

/** Answers with what it received, and two cookies, so forwarding can be checked end to end. */
async function startEchoServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/x']);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, url: req.url, host: req.headers.host, body: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const causeCode = (error: unknown) => ((error as { cause?: { code?: string } }).cause ?? {}).code;

/** The error code of a GET on a new connection (fetch could reuse a pooled one). */
const connectionError = (url: string) =>
  new Promise<string | undefined>((resolve) => {
    get(url, { agent: false }, (response) => resolve(`answered ${response.statusCode}`)).on('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });

let echo: Awaited<ReturnType<typeof startEchoServer>>;
let proxy: RunningFaultProxy;

beforeAll(async () => {
  echo = await startEchoServer();
  proxy = await startFaultProxy({ target: echo.url, port: 0 });
});

afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => echo.server.close(resolve));
});

beforeEach(async () => {
  await proxy.setMode({ kind: 'pass' });
});

describe('startFaultProxy', () => {
  it('passes requests through unchanged, Host header and cookies included', async () => {
    const response = await fetch(`${proxy.url}/oidc/token?x=1`, { method: 'POST', body: 'grant=1' });
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/x']);
    expect(await response.json()).toEqual({ method: 'POST', url: '/oidc/token?x=1', host: new URL(proxy.url).host, body: 'grant=1' });
  });

  it('answers with an injected status, and limits a fault to the paths it names', async () => {
    await proxy.setMode({ kind: 'status', status: 503, body: 'down for maintenance', only: /\/token$/ });
    const faulted = await fetch(`${proxy.url}/oidc/token`);
    expect([faulted.status, await faulted.text()]).toEqual([503, 'down for maintenance']);
    expect((await fetch(`${proxy.url}/oidc/jwks`)).status).toBe(201);
  });

  it('holds a slow request past the caller\'s deadline, then forwards it', async () => {
    await proxy.setMode({ kind: 'slow', delayMs: 400 });
    await expect(fetch(proxy.url, { signal: AbortSignal.timeout(100) })).rejects.toThrow(/abort|timeout/i);
    const started = Date.now();
    expect((await fetch(proxy.url)).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('resets the connection', async () => {
    await proxy.setMode({ kind: 'reset' });
    const error = await fetch(proxy.url).catch((caught: unknown) => caught);
    expect(causeCode(error)).toBe('ECONNRESET');
  });

  it('refuses connections while "down", then listens again on the same address', async () => {
    await proxy.setMode({ kind: 'refuse' });
    expect(await connectionError(proxy.url)).toBe('ECONNREFUSED');
    await proxy.setMode({ kind: 'pass' });
    expect((await fetch(proxy.url)).status).toBe(201);
  });

  it('answers 502 when its target is down', async () => {
    const orphan = await startFaultProxy({ target: 'http://127.0.0.1:1', port: 0 });
    try {
      expect((await fetch(orphan.url)).status).toBe(502);
    } finally {
      await orphan.close();
    }
  });
});

describe('awsError in front of the local SES inbox', () => {
  let inbox: RunningInbox;
  let sesProxy: RunningFaultProxy;
  const send = () =>
    sendEmail(
      { connector: localSesConnectorConfig(), endpoint: sesProxy.url, timeoutMs: 2_000 },
      { to: 'fault@example.com', usageType: 'Generic', payload: { code: '000000' } },
    );

  beforeAll(async () => {
    inbox = await startInbox({ port: 0 });
    sesProxy = await startFaultProxy({ target: inbox.url, port: 0 });
  });

  afterAll(async () => {
    await sesProxy.close();
    await inbox.close();
  });

  it.each([
    ['TooManyRequestsException', 429, 'ses_throttled'],
    ['MessageRejected', 400, 'ses_message_rejected'],
    ['InvalidClientTokenId', 403, 'ses_credentials_rejected'],
  ])('is read by the AWS SDK as %s', async (name, status, code) => {
    await sesProxy.setMode(awsError(name, status));
    const error = await send().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name });
    expect(mapSesError(error)).toMatchObject({ code });
  });

  it('lets mail through in pass mode', async () => {
    await sesProxy.setMode({ kind: 'pass' });
    expect((await send()).messageId).toEqual(expect.any(String));
  });
});
