import { describe, expect, it } from 'vitest';

import { htmlPageStyleHash } from '@/lib/failure/failure-page-style';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

const base = { nonce: 'abc123', development: false, logtoOrigin: 'https://tenant.logto.app', https: true };

describe('securityHeaders', () => {
  it('builds a nonce-based, strict-dynamic policy without eval in production', () => {
    const policy = contentSecurityPolicy(base);
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain(`style-src 'self' 'nonce-abc123' ${htmlPageStyleHash}`);
    // Sign-in forms post to a server action that redirects to Logto.
    expect(policy).toContain("form-action 'self' https://tenant.logto.app");
  });

  it("allows a prerendered page's own scripts by hash, and its chunks from 'self'", () => {
    const hashes = ["'sha256-AAAA'", "'sha256-BBBB'"];
    const policy = contentSecurityPolicy({ ...base, nonce: undefined, scriptHashes: hashes });
    expect(policy).toContain("script-src 'self' 'sha256-AAAA' 'sha256-BBBB';");
    expect(policy).not.toContain('strict-dynamic');
    expect(policy).not.toContain('nonce-');
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('allows no script at all on a prerendered page whose script hashes are unknown', () => {
    const policy = contentSecurityPolicy({ ...base, nonce: undefined, scriptHashes: null });
    expect(policy).toContain("script-src 'none'");
    expect(policy).toContain("style-src 'self';");
    expect(policy).not.toContain('nonce-');
    expect(policy).toContain("form-action 'self' https://tenant.logto.app");
  });

  it('allows eval, inline styles and the hot-reload socket only in development', () => {
    const policy = contentSecurityPolicy({ ...base, development: true });
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("'unsafe-eval'");
    expect(policy).toContain('connect-src \'self\' ws:');
  });

  it('sends HSTS only for an https base URL', () => {
    expect(securityHeaders(base)['Strict-Transport-Security']).toMatch(/max-age=\d+/);
    expect(securityHeaders({ ...base, https: false })).not.toHaveProperty('Strict-Transport-Security');
  });

  it('sets the other headers', () => {
    expect(securityHeaders(base)).toMatchObject({
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Permissions-Policy': expect.stringContaining('camera=()'),
    });
  });
});
