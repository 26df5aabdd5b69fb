import { describe, expect, it } from 'vitest';

import { VerificationRecords } from './verification-records';

const minute = 60_000;

function clock() {
  let now = Date.UTC(2026, 11, 5);
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const own = { type: 'email' as const, value: 'owner@example.com' };

describe('VerificationRecords: the Account API records, by Logto 1.42 rules', () => {
  it('lives 10 minutes; an expired record is not found, verified or not (51-53)', () => {
    const time = clock();
    const records = new VerificationRecords({ now: time.now });
    const { record, code } = records.create(own, 'UserPermissionValidation', 'user-1');
    expect(record).toMatchObject({ userId: 'user-1', verified: false, expiresAt: time.now() + 10 * minute });
    expect(record.id).toMatch(/^[a-z0-9]{21}$/);
    time.advance(10 * minute - 1);
    expect(records.verify(record.id, own.value, code)).toMatchObject({ ok: true });
    time.advance(1);
    expect(records.find(record.id)).toBeUndefined();
    expect(records.verify(record.id, own.value, code)).toEqual({ ok: false, code: 'verification_record.not_found' });
    expect(records.provesIdentity(record.id, 'user-1')).toBe(false);
  });

  it('checks the address before the code, and a right code only once (15, 16, 50)', () => {
    const records = new VerificationRecords();
    const { record, code } = records.create(own, 'UserPermissionValidation', 'user-1');
    const wrong = code === '000000' ? '000001' : '000000';
    expect(records.verify(record.id, 'other@example.com', code)).toEqual({ ok: false, code: 'verification_code.email_mismatch' });
    expect(records.verify(record.id, own.value, wrong)).toEqual({ ok: false, code: 'verification_code.code_mismatch' });
    expect(records.verify(record.id, own.value, code)).toEqual({ ok: true, record: { ...record, verified: true } });
    expect(records.verify(record.id, own.value, code)).toEqual({ ok: false, code: 'verification_code.not_found' });
  });

  it('voids a code after 10 wrong tries (Logto default maxRetryAttempts)', () => {
    const records = new VerificationRecords();
    const { record, code } = records.create(own, 'BindNewIdentifier');
    const wrong = code === '000000' ? '000001' : '000000';
    for (let tries = 0; tries < 10; tries += 1) expect(records.verify(record.id, own.value, wrong)).toMatchObject({ code: 'verification_code.code_mismatch' });
    expect(records.verify(record.id, own.value, code)).toEqual({ ok: false, code: 'verification_code.exceed_max_try' });
  });

  it('proves identity only with a verified UserPermissionValidation record of the same user, reusable until it expires (19-21, 32, 42)', () => {
    const records = new VerificationRecords();
    const identity = records.create(own, 'UserPermissionValidation', 'user-1');
    const mfa = records.create(own, 'BindMfa', 'user-1');
    const newAddress = records.create({ type: 'email', value: 'new@example.com' }, 'BindNewIdentifier');
    expect(records.provesIdentity(identity.record.id, 'user-1')).toBe(false);
    for (const { record, code } of [identity, mfa, newAddress]) records.verify(record.id, record.identifier.value, code);
    expect(records.provesIdentity(identity.record.id, 'user-1')).toBe(true);
    expect(records.provesIdentity(identity.record.id, 'user-1')).toBe(true);
    expect(records.provesIdentity(identity.record.id, 'user-2')).toBe(false);
    expect(records.provesIdentity(mfa.record.id, 'user-1')).toBe(false);
    expect(records.provesIdentity(newAddress.record.id, 'user-1')).toBe(false);
    expect(records.provesIdentity(undefined, 'user-1')).toBe(false);
    expect(records.provesIdentity('no-such-record', 'user-1')).toBe(false);
  });

  it('lets 10 codes go to one recipient per 600 s, whatever the case of the address (74)', () => {
    const time = clock();
    const records = new VerificationRecords({ now: time.now });
    for (let send = 0; send < 10; send += 1) {
      expect(records.maySendTo('Busy@example.com')).toBe(true);
      records.countSend(send % 2 ? 'busy@example.com' : 'BUSY@example.com');
      time.advance(10_000);
    }
    expect(records.maySendTo('busy@example.com')).toBe(false);
    expect(records.maySendTo('idle@example.com')).toBe(true);
    // The first send leaves the window 600 s after it was made.
    time.advance(10 * minute - 100_000);
    expect(records.maySendTo('busy@example.com')).toBe(true);
  });
});
