import type { GetAccountResponse, GetEmailIdentityResponse, GetSuppressedDestinationResponse } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';

import type { Answer } from './readiness';
import { evaluateRecipient, type RecipientAnswers } from './recipient-check';

// Shapes as SESv2 answers them (@aws-sdk/client-sesv2).
const sandbox: GetAccountResponse = { ProductionAccessEnabled: false, SendingEnabled: true, EnforcementStatus: 'HEALTHY' };
const production: GetAccountResponse = { ...sandbox, ProductionAccessEnabled: true };
const verified: GetEmailIdentityResponse = { IdentityType: 'EMAIL_ADDRESS', VerifiedForSendingStatus: true, VerificationStatus: 'SUCCESS' };
const verifiedDomain: GetEmailIdentityResponse = { ...verified, IdentityType: 'DOMAIN' };
const pending: GetEmailIdentityResponse = { IdentityType: 'DOMAIN', VerifiedForSendingStatus: false, VerificationStatus: 'PENDING' };
const suppressed = (reason: 'BOUNCE' | 'COMPLAINT'): GetSuppressedDestinationResponse => ({
  SuppressedDestination: { EmailAddress: 'ada@example.org', Reason: reason, LastUpdateTime: new Date('2026-11-30T08:15:00Z') },
});

const ok = <T>(value: T): Answer<T> => ({ ok: true, value });
const awsError = (name: string): Answer<never> => ({ ok: false, error: Object.assign(new Error(name), { name }) });
const notFound = awsError('NotFoundException');
const denied = awsError('AccessDeniedException');

const judge = (answers: Partial<RecipientAnswers>) =>
  evaluateRecipient('ada@example.org', 'eu-west-1', { account: ok(sandbox), suppression: notFound, addressIdentity: notFound, domainIdentity: notFound, ...answers });

describe('evaluateRecipient: the suppression list', () => {
  it('refuses a suppressed address with when and why, and how to remove it', () => {
    const verdict = judge({ account: ok(production), suppression: ok(suppressed('BOUNCE')) });
    expect(verdict).toMatchObject({ ok: false, status: 422, code: 'ses_recipient_suppressed', field: 'to' });
    if (verdict.ok) return;
    expect(verdict.message).toContain('since 2026-11-30 08:15 UTC');
    expect(verdict.message).toContain('a bounce (BOUNCE)');
    expect(verdict.hint).toContain('aws sesv2 delete-suppressed-destination --email-address ada@example.org --region eu-west-1');
  });

  it('names a complaint as the reason', () => {
    const verdict = judge({ account: ok(production), suppression: ok(suppressed('COMPLAINT')) });
    expect(verdict.ok || verdict.message).toContain('a complaint');
  });

  it('refuses a suppressed address even when it is verified', () => {
    expect(judge({ suppression: ok(suppressed('BOUNCE')), addressIdentity: ok(verified) })).toMatchObject({ code: 'ses_recipient_suppressed' });
  });

  it('lets the send through, unchecked, when the key may not read the list', () => {
    expect(judge({ account: ok(production), suppression: denied })).toEqual({
      ok: true,
      notChecked: [{ what: 'suppression', permission: 'ses:GetSuppressedDestination', cause: 'AccessDenied' }],
    });
  });
});

describe('evaluateRecipient: the sandbox', () => {
  it('sends to anyone with production access', () => {
    expect(judge({ account: ok(production) })).toEqual({ ok: true, notChecked: [] });
  });

  it('refuses an address that is not verified, nor its domain', () => {
    const verdict = judge({});
    expect(verdict).toMatchObject({ ok: false, status: 422, code: 'ses_recipient_not_verified', field: 'to' });
    expect(verdict.ok || verdict.message).toContain('sandbox in eu-west-1');
    expect(verdict.ok || verdict.hint).toContain('request production access');
  });

  it('says so when the identity exists but is still pending', () => {
    const verdict = judge({ domainIdentity: ok(pending) });
    expect(verdict.ok || verdict.message).toContain('pending');
  });

  it.each([
    ['the address', { addressIdentity: ok(verified) }],
    ['its domain', { domainIdentity: ok(verifiedDomain) }],
  ] as const)('sends when %s is verified', (_, answers) => {
    expect(judge(answers)).toEqual({ ok: true, notChecked: [] });
  });

  it('does not block when the account cannot be read', () => {
    expect(judge({ account: denied })).toEqual({ ok: true, notChecked: [{ what: 'sandbox', permission: 'ses:GetAccount', cause: 'AccessDenied' }] });
  });

  it('does not block when the identities cannot be read', () => {
    expect(judge({ addressIdentity: denied })).toEqual({ ok: true, notChecked: [{ what: 'sandbox', permission: 'ses:GetEmailIdentity', cause: 'AccessDenied' }] });
    expect(judge({ domainIdentity: awsError('TimeoutError') })).toMatchObject({ ok: true, notChecked: [{ cause: 'TimeoutError' }] });
  });
});
