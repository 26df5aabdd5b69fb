import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import * as awsSesV2Local from 'aws-ses-v2-local';

import { LocalSetupError, refuseInProduction } from '../cli';

/**
 * The local stand-in for Amazon SES: `aws-ses-v2-local` accepts SESv2 `SendEmail` calls with
 * any credentials and keeps the mail in memory, readable at `GET /` (a live inbox page) and
 * `GET /store` (JSON).
 */

export type RunningInbox = {
  /** http://127.0.0.1:<port>, the value for AWS_SES_ENDPOINT. */
  url: string;
  close(): Promise<void>;
};

type StartServer = (config?: { host?: string; port?: number }) => Promise<Server>;

// CommonJS with `exports.default`: depending on the loader (tsx, vitest, plain Node ESM) the
// function arrives as `default` or as `default.default`.
function startServerFunction(): StartServer {
  const outer: unknown = awsSesV2Local.default;
  return (typeof outer === 'function' ? outer : (outer as { default: unknown }).default) as StartServer;
}

export async function startInbox({ port }: { port: number }): Promise<RunningInbox> {
  refuseInProduction('The local SES inbox');
  // Loopback only: the inbox shows every code to whoever can reach it.
  const server = await startServerFunction()({ host: '127.0.0.1', port });
  // The package resolves even when listening failed (Express hands the error to its callback).
  if (!server.listening) {
    throw new LocalSetupError(`Could not start the local SES inbox: port ${port} is already in use.`);
  }
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
