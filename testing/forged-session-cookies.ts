import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Session cookies a visitor could send instead of the one the app gave them. The SDK seals the
 * session with AES-256-GCM under the SHA-256 of the cookie secret, as `<ciphertext>.<iv>` in
 * base64 (ciphertext followed by the tag); `seal` does the same, so a cookie sealed with the
 * real secret is one the app can read.
 */

export function seal(session: Record<string, unknown>, secret: string): string {
  const key = createHash('sha256').update(secret).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${sealed.toString('base64')}.${iv.toString('base64')}`;
}

/** An unsigned ID token with these claims: the SDK decodes claims without checking them. */
export function idToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES256', typ: 'JWT' })}.${part(claims)}.${randomBytes(64).toString('base64url')}`;
}

export type ForgedCookie = { name: string; value: string; signedOut: 'signed-out' | 'expired' };

/**
 * Variants of a real session cookie (`real`, as the browser holds it: URL-encoded) and cookies
 * made up from scratch. None of them may read as signed in.
 */
export function forgedSessionCookies(real: string, cookieSecret: string, issuer: string, appId: string): ForgedCookie[] {
  const decoded = decodeURIComponent(real);
  const middle = Math.floor(decoded.indexOf('.') / 2);
  const flipped = `${decoded.slice(0, middle)}${decoded[middle] === 'A' ? 'B' : 'A'}${decoded.slice(middle + 1)}`;
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: issuer, aud: appId, sub: 'forged-user', email: 'forged@example.com' };
  const cookie = (name: string, value: string, signedOut: ForgedCookie['signedOut'] = 'signed-out') => ({ name, value: encodeURIComponent(value), signedOut });
  return [
    cookie('tampered (one character changed)', flipped),
    cookie('truncated (first half)', decoded.slice(0, Math.floor(decoded.length / 2))),
    cookie('without its IV', decoded.split('.')[0] ?? ''),
    cookie('sealed with another secret', seal({ idToken: idToken({ ...claims, exp: now + 3600 }) }, 'another-cookie-secret-0123456789abcdef')),
    cookie('expired ID token, sealed with the real secret', seal({ idToken: idToken({ ...claims, iat: now - 7200, exp: now - 3600 }) }, cookieSecret), 'expired'),
    cookie('sealed session that is not an object', seal({ idToken: 42 }, cookieSecret)),
    cookie('empty', ''),
    cookie('a single dot', '.'),
    cookie('not base64', '%%%.%%%'),
    cookie('unicode', 'sessión-ünïcødé-✓.🙂'),
    // Hex, so URL-encoding does not grow it past what a browser keeps.
    cookie('huge (3.8 KB)', `${randomBytes(1900).toString('hex')}.${randomBytes(12).toString('hex')}`),
  ];
}
