import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { JWK } from 'oidc-provider';
import { z } from 'zod';

import { readDataFile, writeDataFile } from './data-files';

/**
 * The IdP's signing key and cookie keys, created on first start and then reused. The app
 * caches the JWKS and keeps ID tokens in its session cookie, so a new key on every restart
 * would sign everyone out and fail token checks until the cache expired.
 */

const signingKeysSchema = z.object({
  keys: z
    .array(z.looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() }))
    .min(1),
});

const cookieKeysSchema = z.object({ keys: z.array(z.string().min(32)).min(1) });

/** Private ES256 keys: asymmetric as the SDK requires, and short signatures keep the app's cookie small. */
export function loadOrCreateSigningKeys(dataDir: string): JWK[] {
  const file = path.join(dataDir, 'idp-jwks.json');
  const existing = readDataFile(file, signingKeysSchema);
  if (existing) return existing.keys as JWK[];

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig' };
  writeDataFile(file, { keys: [jwk] });
  return [jwk as JWK];
}

export function loadOrCreateCookieKeys(dataDir: string): string[] {
  const file = path.join(dataDir, 'idp-cookie-keys.json');
  const existing = readDataFile(file, cookieKeysSchema);
  if (existing) return existing.keys;

  const keys = [randomBytes(32).toString('base64url')];
  writeDataFile(file, { keys });
  return keys;
}
