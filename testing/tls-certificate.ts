import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A self-signed certificate for `localhost` and 127.0.0.1, made with openssl into `dir`, valid
 * for a day: what a proxy doing TLS on this machine serves, and what its clients trust.
 */
export type TlsCertificate = { certFile: string; keyFile: string; certPem: string };

export function makeSelfSignedCertificate(dir: string): TlsCertificate {
  const certFile = path.join(dir, 'localhost.crt');
  const keyFile = path.join(dir, 'localhost.key');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, certPem: readFileSync(certFile, 'utf8') };
}
