/**
 * The SDK keeps the whole session in one cookie and does not split it. Browsers silently drop
 * a cookie whose name and value pass 4096 bytes, so a session that grew too large (many scopes,
 * resources or custom claims) would leave the person signed out after every sign-in: a loop.
 * Checking the size when the session is stored turns that into one clear message.
 */

export const browserCookieLimitBytes = 4096;

/** A margin under the browser limit, for browsers that count some attributes as well. */
export const maxSessionCookieBytes = 4000;

export type SessionCookieSize = { ok: true; bytes: number } | { ok: false; bytes: number; logLine: string };

/** Sizes the cookie as the browser receives it: name, "=", and the URL-encoded value. */
export function checkSessionCookieSize(name: string, value: string): SessionCookieSize {
  const bytes = Buffer.byteLength(`${name}=${encodeURIComponent(value)}`);
  if (bytes <= maxSessionCookieBytes) return { ok: true, bytes };
  return {
    ok: false,
    bytes,
    logLine:
      `[auth] session cookie is ${bytes} bytes, over the ${browserCookieLimitBytes}-byte browser limit ` +
      `(this app allows ${maxSessionCookieBytes} to keep a margin): the browser would drop it and sign-in would loop. ` +
      'Reduce the scopes, resources or custom claims the app asks Logto for; the sign-in was refused.',
  };
}
