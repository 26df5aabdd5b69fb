import { describe, expect, it } from 'vitest';

import { checkSessionCookieSize, maxSessionCookieBytes } from './session-cookie-size';

describe('checkSessionCookieSize', () => {
  it('accepts a usual session (about 1.4 KB)', () => {
    expect(checkSessionCookieSize('logto_app', 'a'.repeat(1400))).toEqual({ ok: true, bytes: 1400 + 'logto_app='.length });
  });

  it('counts the value as sent, URL-encoded', () => {
    expect(checkSessionCookieSize('n', '+/=').bytes).toBe('n=%2B%2F%3D'.length);
  });

  it('refuses a cookie over the limit with a log line that explains what to change and never quotes it', () => {
    const value = 'secret-session-'.repeat(300);
    const result = checkSessionCookieSize('logto_app', value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.bytes).toBeGreaterThan(maxSessionCookieBytes);
    expect(result.logLine).toMatch(new RegExp(`^\\[auth\\] session cookie is ${result.bytes} bytes, over the 4096-byte browser limit`));
    expect(result.logLine).toMatch(/scopes, resources or custom claims/);
    expect(result.logLine).not.toContain('secret-session');
  });

  it('draws the line at the margin under 4096 bytes', () => {
    const name = 'logto_app';
    const fits = 'a'.repeat(maxSessionCookieBytes - name.length - 1);
    expect(checkSessionCookieSize(name, fits).ok).toBe(true);
    expect(checkSessionCookieSize(name, `${fits}a`).ok).toBe(false);
  });
});
