import { randomInt } from 'node:crypto';

import { rowId } from './management-connectors';

/**
 * The Account API's verification records (Logto's `verification_records` with their codes and
 * its per-recipient message rate limit), with Logto 1.42's rules as recorded in
 * ../shared/reference/logto-account-api: a record lives 10 minutes and stays usable until then
 * (an identity record is reused, 42), a code is consumed by its first right answer, 10 wrong
 * tries void it, and at most 10 codes go to one recipient per 600 s (74).
 */

export type RecordTemplateType = 'UserPermissionValidation' | 'BindNewIdentifier' | 'BindMfa';

export type VerificationRecord = {
  id: string;
  /** Set for the user's own address (an identity check); absent for a new address, as in Logto. */
  userId?: string;
  type: 'EmailVerificationCode';
  templateType: RecordTemplateType;
  identifier: { type: 'email'; value: string };
  verified: boolean;
  /** Epoch milliseconds. */
  expiresAt: number;
};

type Stored = VerificationRecord & { code: string; tries: number; consumed: boolean };

export type VerifyResult =
  | { ok: true; record: VerificationRecord }
  | { ok: false; code: 'verification_record.not_found' | 'verification_code.not_found' | 'verification_code.email_mismatch' | 'verification_code.exceed_max_try' | 'verification_code.code_mismatch' };

export type VerificationRecordOptions = {
  /** Injected by tests to expire records and rate-limit windows without waiting. */
  now?: () => number;
  ttlMs?: number;
  maxTries?: number;
  maxSendsPerRecipient?: number;
  rateWindowMs?: number;
};

/** The record without its code and counters, which never leave this module. */
const public_ = (stored: Stored): VerificationRecord => ({
  id: stored.id,
  ...(stored.userId !== undefined && { userId: stored.userId }),
  type: stored.type,
  templateType: stored.templateType,
  identifier: stored.identifier,
  verified: stored.verified,
  expiresAt: stored.expiresAt,
});

export class VerificationRecords {
  readonly #records = new Map<string, Stored>();
  /** Send times per recipient (lower-cased, as Logto's sentinel keys them). */
  readonly #sends = new Map<string, number[]>();
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #maxTries: number;
  readonly #maxSends: number;
  readonly #windowMs: number;

  constructor({ now = Date.now, ttlMs = 10 * 60_000, maxTries = 10, maxSendsPerRecipient = 10, rateWindowMs = 10 * 60_000 }: VerificationRecordOptions = {}) {
    this.#now = now;
    this.#ttlMs = ttlMs;
    this.#maxTries = maxTries;
    this.#maxSends = maxSendsPerRecipient;
    this.#windowMs = rateWindowMs;
  }

  /** False once `recipient` got its quota of codes within the window: Logto's 429 `request.message_rate_limited`. */
  maySendTo(recipient: string): boolean {
    return this.#recentSends(recipient).length < this.#maxSends;
  }

  /** Counts a code that went out; Logto counts only sends that succeeded. */
  countSend(recipient: string): void {
    this.#sends.set(recipient.toLowerCase(), [...this.#recentSends(recipient), this.#now()]);
  }

  /** A new unverified record with a fresh 6-digit code (the caller mails it). */
  create(identifier: VerificationRecord['identifier'], templateType: RecordTemplateType, userId?: string): { record: VerificationRecord; code: string } {
    this.#forgetExpired();
    const code = String(randomInt(1_000_000)).padStart(6, '0');
    const stored: Stored = {
      id: rowId(21),
      ...(userId !== undefined && { userId }),
      type: 'EmailVerificationCode',
      templateType,
      identifier,
      verified: false,
      expiresAt: this.#now() + this.#ttlMs,
      code,
      tries: 0,
      consumed: false,
    };
    this.#records.set(stored.id, stored);
    return { record: public_(stored), code };
  }

  /** An active (unexpired) record; expired ones are invisible, as in Logto. */
  find(id: string): VerificationRecord | undefined {
    const stored = this.#active(id);
    return stored && public_(stored);
  }

  /** `POST /api/verifications/verification-code/verify`, in Logto's order of checks (49-51, 15). */
  verify(id: string, email: string, submitted: string): VerifyResult {
    const stored = this.#active(id);
    if (!stored) return { ok: false, code: 'verification_record.not_found' };
    if (stored.consumed) return { ok: false, code: 'verification_code.not_found' };
    if (stored.identifier.value !== email) return { ok: false, code: 'verification_code.email_mismatch' };
    if (stored.tries >= this.#maxTries) return { ok: false, code: 'verification_code.exceed_max_try' };
    if (submitted !== stored.code) {
      stored.tries += 1;
      return { ok: false, code: 'verification_code.code_mismatch' };
    }
    stored.consumed = true;
    stored.verified = true;
    return { ok: true, record: public_(stored) };
  }

  /**
   * The `logto-verification-id` check: an active, verified record of this user, from a code to
   * their own address with the UserPermissionValidation template (19-21, 32, 52). The address
   * it verified need not be the current one (42).
   */
  provesIdentity(id: string | undefined, userId: string): boolean {
    const stored = id === undefined ? undefined : this.#active(id);
    return stored !== undefined && stored.userId === userId && stored.verified && stored.templateType === 'UserPermissionValidation';
  }

  #active(id: string): Stored | undefined {
    const stored = this.#records.get(id);
    return stored && stored.expiresAt > this.#now() ? stored : undefined;
  }

  #recentSends(recipient: string): number[] {
    const since = this.#now() - this.#windowMs;
    return (this.#sends.get(recipient.toLowerCase()) ?? []).filter((at) => at > since);
  }

  // Abandoned records would otherwise stay in memory until the process ends.
  #forgetExpired(): void {
    const now = this.#now();
    for (const [id, stored] of this.#records) if (stored.expiresAt <= now) this.#records.delete(id);
    for (const [recipient] of this.#sends) if (this.#recentSends(recipient).length === 0) this.#sends.delete(recipient);
  }
}
