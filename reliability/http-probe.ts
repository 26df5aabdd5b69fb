import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * One raw HTTP request, with nothing in between: any method, path, header (Host included) or
 * body bytes, which `fetch` would refuse or rewrite. A new connection each time, no redirects.
 */

export type Probe = {
  method: string;
  /** Sent as written, so malformed paths and queries reach the server untouched. */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer | Buffer[];
};

export type ProbeAnswer = {
  status: number;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
};

/** Bigger answers are cut: none of the app's pages comes close. */
const maxBodyBytes = 2 * 1024 * 1024;

/** `ca`: the certificate to trust for an https origin (a test proxy's self-signed one). */
export function probe(origin: string, { method, path, headers = {}, body }: Probe, timeoutMs: number, { ca }: { ca?: string } = {}): Promise<ProbeAnswer> {
  const target = new URL(origin);
  const started = performance.now();
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const tls = target.protocol === 'https:' ? { ca, servername: target.hostname } : {};
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: target.hostname, port: target.port, method, path, headers, agent: false, timeout: timeoutMs, ...tls }, (answer) => {
      const chunks: Buffer[] = [];
      let size = 0;
      answer.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBodyBytes) chunks.push(chunk);
      });
      answer.on('end', () =>
        resolve({
          status: answer.statusCode ?? 0,
          headers: Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join('\n') : (value ?? '')])),
          body: Buffer.concat(chunks).toString('utf8'),
          durationMs: performance.now() - started,
        }),
      );
      answer.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    for (const part of Array.isArray(body) ? body : body === undefined ? [] : [body]) outgoing.write(part);
    outgoing.end();
  });
}
