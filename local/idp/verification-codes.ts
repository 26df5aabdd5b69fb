import { randomInt, timingSafeEqual } from 'node:crypto';

/**
 * One-time email codes, one per sign-in attempt (keyed by the interaction id), with Logto's
 * rules: 6 random digits, single use, 10 minutes, and 5 wrong tries void the code.
 */

export type CodePurpose = 'SignIn' | 'Register';

export type CodeCheck =
  | { ok: true; email: string; purpose: CodePurpose }
  /** `voided`: too many wrong tries; a new code must be sent. */
  | { ok: false; reason: 'none' | 'expired' | 'voided' }
  | { ok: false; reason: 'wrong'; triesLeft: number };

type Entry = {
  email: string;
  purpose: CodePurpose;
  /** Null once voided by wrong tries; the entry stays so "Resend code" knows the address. */
  code: string | null;
  expiresAt: number;
  triesLeft: number;
};

export type VerificationCodeOptions = {
  ttlMs?: number;
  maxTries?: number;
  /** Injected by tests to make codes expire without waiting. */
  now?: () => number;
};

export class VerificationCodes {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxTries: number;
  readonly #now: () => number;

  constructor({ ttlMs = 10 * 60_000, maxTries = 5, now = Date.now }: VerificationCodeOptions = {}) {
    this.#ttlMs = ttlMs;
    this.#maxTries = maxTries;
    this.#now = now;
  }

  /** Creates a fresh code for the attempt, replacing any earlier one. */
  issue(attempt: string, email: string, purpose: CodePurpose): string {
    this.#forgetStale();
    const code = String(randomInt(1_000_000)).padStart(6, '0');
    this.#entries.set(attempt, {
      email,
      purpose,
      code,
      expiresAt: this.#now() + this.#ttlMs,
      triesLeft: this.#maxTries,
    });
    return code;
  }

  /** The address and purpose of the attempt's latest code, even once voided. */
  pending(attempt: string): { email: string; purpose: CodePurpose } | undefined {
    const entry = this.#entries.get(attempt);
    return entry && { email: entry.email, purpose: entry.purpose };
  }

  /** `submitted` must already be 6 digits; a malformed entry does not cost a try. */
  check(attempt: string, submitted: string): CodeCheck {
    const entry = this.#entries.get(attempt);
    if (!entry) return { ok: false, reason: 'none' };
    if (entry.code === null) return { ok: false, reason: 'voided' };
    if (this.#now() > entry.expiresAt) return { ok: false, reason: 'expired' };
    const matches =
      submitted.length === entry.code.length && timingSafeEqual(Buffer.from(submitted), Buffer.from(entry.code));
    if (matches) {
      this.#entries.delete(attempt);
      return { ok: true, email: entry.email, purpose: entry.purpose };
    }
    entry.triesLeft -= 1;
    if (entry.triesLeft === 0) entry.code = null;
    return { ok: false, reason: 'wrong', triesLeft: entry.triesLeft };
  }

  // Abandoned attempts would otherwise stay in memory until the process ends.
  #forgetStale(): void {
    const cutoff = this.#now() - this.#ttlMs;
    for (const [attempt, entry] of this.#entries) {
      if (entry.expiresAt < cutoff) this.#entries.delete(attempt);
    }
  }
}
