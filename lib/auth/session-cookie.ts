import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import type { SessionData, SessionWrapper } from '@logto/next';

import { processWide } from '@/lib/process/process-wide';

/**
 * The session cookie in the Logto SDK's own format (`<ciphertext>.<iv>`, base64, AES-256-GCM
 * with the SHA-256 of the cookie secret as key, the tag after the ciphertext), so cookies set
 * by either side read on the other. The SDK derives the key and decrypts through WebCrypto on
 * every request, three asynchronous calls to the thread pool; Node's synchronous cipher with
 * the key derived once costs a fraction of that on each signed-in page (docs/PERFORMANCE.md).
 */

const ivBytes = 12;
const tagBytes = 16;

// Derived once per process, whichever bundle reads the cookie first.
const keys = processWide('session-cookie-keys', () => new Map<string, Buffer>());

function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = createHash('sha256').update(secret, 'utf8').digest();
    keys.set(secret, key);
  }
  return key;
}

export function wrapSessionCookie(data: SessionData, secret: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${ciphertext.toString('base64')}.${iv.toString('base64')}`;
}

/** Anything that does not decrypt and parse to an object is no session, as in the SDK. */
export function unwrapSessionCookie(value: string, secret: string): SessionData {
  const [ciphertextBase64, ivBase64] = value.split('.');
  if (!ciphertextBase64 || !ivBase64) return {};
  try {
    const sealed = Buffer.from(ciphertextBase64, 'base64');
    const iv = Buffer.from(ivBase64, 'base64');
    if (iv.length !== ivBytes || sealed.length < tagBytes) return {};
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), iv, { authTagLength: tagBytes });
    decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
    const plaintext = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - tagBytes)), decipher.final()]).toString('utf8');
    const data: unknown = JSON.parse(plaintext);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as SessionData) : {};
  } catch {
    return {};
  }
}

export const sessionCookieWrapper: SessionWrapper = {
  wrap: async (data, secret) => wrapSessionCookie(data, secret),
  unwrap: async (value, secret) => unwrapSessionCookie(value, secret),
};
