import { describe, expect, it } from 'vitest';

import { isUsageType, requiredUsageTypes, usageTypes } from './usage-types';

describe('usage types', () => {
  it('lists the nine usage types Logto sends, the four required ones among them', () => {
    expect(usageTypes).toHaveLength(9);
    expect(new Set(usageTypes).size).toBe(9);
    for (const required of requiredUsageTypes) {
      expect(usageTypes).toContain(required);
    }
    expect(requiredUsageTypes).toEqual(['Register', 'SignIn', 'ForgotPassword', 'Generic']);
  });

  it('recognises usage types by exact spelling only', () => {
    expect(isUsageType('MfaVerification')).toBe(true);
    expect(isUsageType('signin')).toBe(false);
    expect(isUsageType('Test')).toBe(false);
    expect(isUsageType(42)).toBe(false);
    expect(isUsageType(undefined)).toBe(false);
  });
});
