import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { LocalSetupError } from '../cli';

/**
 * A reverse proxy that can misbehave on demand, put in front of a local stand-in (the IdP or
 * the SES inbox) so tests can see what the app does when that service fails. The mode is
 * switched at runtime, so one test run can walk through every fault against the same app.
 */

/** Faults applied per request; `only` limits one to the matching paths, the rest pass through. */
export type RequestFault = (
  | { kind: 'status'; status: number; body: string; headers?: Record<string, string> }
  /** Holds the request this long, then forwards it: longer than the caller's timeout. */
  | { kind: 'slow'; delayMs: number }
  /** Drops the connection with a TCP reset, without answering. */
  | { kind: 'reset' }
) & { only?: RegExp };

export type FaultMode =
  | { kind: 'pass' }
  /** Not listening at all, as when the service is down. */
  | { kind: 'refuse' }
  | RequestFault;

export type RunningFaultProxy = {
  /** http://<host>:<port>; stays the same across modes, including after `refuse`. */
  url: string;
  readonly mode: FaultMode;
  setMode(mode: FaultMode): Promise<void>;
  close(): Promise<void>;
};

/**
 * An error answer shaped like AWS's JSON protocols: the SDK reads the error name from
 * `x-amzn-ErrorType` (anything after a colon is ignored) and the text from `message`.
 */
export function awsError(name: string, status: number, message = `${name} (injected by the fault proxy)`, only?: RegExp): RequestFault {
  return {
    kind: 'status',
    status,
    body: JSON.stringify({ message }),
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': name },
    only,
  };
}

export type FaultProxyOptions = {
  /** Where requests are forwarded, e.g. http://127.0.0.1:8005. */
  target: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
};

export async function startFaultProxy({ target, port, host = '127.0.0.1' }: FaultProxyOptions): Promise<RunningFaultProxy> {
  const upstream = new URL(target);
  let mode: FaultMode = { kind: 'pass' };
  // Slow requests still waiting: closing the proxy must not leave their timers behind.
  const waiting = new Set<NodeJS.Timeout>();

  function pass(req: IncomingMessage, res: ServerResponse) {
    // The Host header goes through unchanged: the IdP behind the proxy builds its URLs from it.
    const outgoing = forward(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    outgoing.on('error', () => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'content-type': 'text/plain' }).end('The fault proxy could not reach its target.');
    });
    req.pipe(outgoing);
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const current = mode;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (current.kind === 'pass' || current.kind === 'refuse' || (current.only && !current.only.test(path))) {
      return pass(req, res);
    }
    switch (current.kind) {
      case 'status':
        req.resume();
        res.writeHead(current.status, { 'content-type': 'text/plain', ...current.headers }).end(current.body);
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'slow': {
        const timer = setTimeout(() => {
          waiting.delete(timer);
          if (!req.socket.destroyed) pass(req, res);
        }, current.delayMs);
        waiting.add(timer);
        return;
      }
    }
  }

  const server = createServer(handle);
  const actualPort = await listen(server, port, host);
  const url = `http://${host}:${actualPort}`;

  return {
    url,
    get mode() {
      return mode;
    },
    async setMode(next) {
      if (next.kind === 'refuse' && server.listening) await stopListening(server);
      if (next.kind !== 'refuse' && !server.listening) await listen(server, actualPort, host);
      mode = next;
    },
    async close() {
      for (const timer of waiting) clearTimeout(timer);
      waiting.clear();
      if (server.listening) await stopListening(server);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new LocalSetupError(`Port ${port} is already in use: the fault proxy cannot listen on it.`) : error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting connections and drops the open ones, so clients see a refused connection. */
function stopListening(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
