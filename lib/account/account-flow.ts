import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import type { Failure } from '@/lib/failure/failure';

/**
 * Where a person is in the account page's steps, kept between requests in one HttpOnly cookie
 * sealed with the cookie secret (AES-256-GCM): the browser holds it but can neither read the
 * verification record ids in it nor change them. It is bound to the person (`sub`) and dies
 * with Logto's records after 10 minutes, so a cookie from another account or an old one reads
 * as a fresh start. Pure: no I/O, no Next.
 */

export type AccountFlow = {
  sub: string;
  /** The identity check: a code to the current address (UserPermissionValidation). */
  identity?: { recordId: string; email: string; verified: boolean; expiresAt: number };
  /** The new address, once a code was sent there (BindNewIdentifier). */
  newAddress?: { recordId: string; email: string; expiresAt: number };
  /** What the person typed, so a refusal does not lose it. */
  typedEmail?: string;
  /** The last step's refusal, shown on its field (in the page's language, from its code and params). */
  failure?: Pick<Failure, 'code' | 'message' | 'field' | 'hint' | 'status' | 'params'>;
  /** The last step's success: the page says it in its language. */
  notice?: AccountNotice;
};

/** A success to tell the person: a message of the catalogue's `Account.notices` and its values. */
export type AccountNotice = {
  key: 'identityConfirmed' | 'addressChanged' | 'addressChangedSignInAgain' | 'sessionEnded' | 'noOtherSessions' | 'otherSessionsEnded';
  values?: Record<string, string | number>;
};

export type AccountStep = 'confirm-identity' | 'enter-identity-code' | 'new-address' | 'enter-new-address-code';

export const flowCookieName = 'account_flow';

/** Logto keeps a verification record 10 minutes (fixture 14's expiresAt). */
export const flowLifetimeSeconds = 600;

export const freshFlow = (sub: string): AccountFlow => ({ sub });

/** The step the page shows, from what is still valid at `now`. */
export function currentStep(flow: AccountFlow, now: number): AccountStep {
  const identity = liveIdentity(flow, now);
  if (!identity) return 'confirm-identity';
  if (!identity.verified) return 'enter-identity-code';
  if (flow.newAddress && flow.newAddress.expiresAt > now) return 'enter-new-address-code';
  return 'new-address';
}

/** The identity record while Logto still honours it (it is reusable until then, fixture 42). */
export function liveIdentity(flow: AccountFlow, now: number): AccountFlow['identity'] {
  return flow.identity && flow.identity.expiresAt > now ? flow.identity : undefined;
}

/** A verified identity record, the `logto-verification-id` the sessions and the address change need. */
export function verifiedIdentityId(flow: AccountFlow, now: number): string | undefined {
  const identity = liveIdentity(flow, now);
  return identity?.verified ? identity.recordId : undefined;
}

// --- Sealing -----------------------------------------------------------------------------------

const ivBytes = 12;
const tagBytes = 16;

const keyFor = (secret: string) => createHash('sha256').update(`account-flow:${secret}`, 'utf8').digest();

export function sealFlow(flow: AccountFlow, secret: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${sealed.toString('base64url')}.${iv.toString('base64url')}`;
}

/** The flow in the cookie if it is intact and this person's; a fresh one otherwise. */
export function unsealFlow(value: string | undefined, secret: string, sub: string): AccountFlow {
  if (!value) return freshFlow(sub);
  const [sealedText, ivText] = value.split('.');
  if (!sealedText || !ivText) return freshFlow(sub);
  try {
    const sealed = Buffer.from(sealedText, 'base64url');
    const iv = Buffer.from(ivText, 'base64url');
    if (iv.length !== ivBytes || sealed.length < tagBytes) return freshFlow(sub);
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), iv, { authTagLength: tagBytes });
    decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
    const flow = JSON.parse(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - tagBytes)), decipher.final()]).toString('utf8')) as AccountFlow;
    return typeof flow === 'object' && flow !== null && flow.sub === sub ? flow : freshFlow(sub);
  } catch {
    return freshFlow(sub);
  }
}
