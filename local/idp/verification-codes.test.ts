import { describe, expect, it } from 'vitest';

import { VerificationCodes } from './verification-codes';

describe('VerificationCodes', () => {
  const wrong = (code: string) => (code === '000000' ? '000001' : '000000');

  it('issues 6 random digits', () => {
    const codes = new VerificationCodes();
    const issued = new Set(Array.from({ length: 20 }, (_, index) => codes.issue(`attempt-${index}`, 'a@example.com', 'SignIn')));
    for (const code of issued) expect(code).toMatch(/^\d{6}$/);
    expect(issued.size).toBeGreaterThan(1);
  });

  it('accepts a code once', () => {
    const codes = new VerificationCodes();
    const code = codes.issue('attempt', 'a@example.com', 'Register');
    expect(codes.check('attempt', code)).toEqual({ ok: true, email: 'a@example.com', purpose: 'Register' });
    expect(codes.check('attempt', code)).toEqual({ ok: false, reason: 'none' });
  });

  it('voids the code at the fifth wrong try but remembers where to resend', () => {
    const codes = new VerificationCodes();
    const code = codes.issue('attempt', 'a@example.com', 'SignIn');
    const results = Array.from({ length: 5 }, () => codes.check('attempt', wrong(code)));
    expect(results).toEqual([4, 3, 2, 1, 0].map((triesLeft) => ({ ok: false, reason: 'wrong', triesLeft })));
    expect(codes.check('attempt', code)).toEqual({ ok: false, reason: 'voided' });
    expect(codes.pending('attempt')).toEqual({ email: 'a@example.com', purpose: 'SignIn' });
  });

  it('expires codes after the time to live', () => {
    let now = 0;
    const codes = new VerificationCodes({ ttlMs: 1_000, now: () => now });
    const code = codes.issue('attempt', 'a@example.com', 'SignIn');
    now = 1_001;
    expect(codes.check('attempt', code)).toEqual({ ok: false, reason: 'expired' });
  });

  it('replaces the previous code when a new one is issued', () => {
    const codes = new VerificationCodes();
    const first = codes.issue('attempt', 'a@example.com', 'SignIn');
    const second = codes.issue('attempt', 'a@example.com', 'SignIn');
    if (first !== second) expect(codes.check('attempt', first)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(codes.check('attempt', second)).toMatchObject({ ok: true });
  });
});
