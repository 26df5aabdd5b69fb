import { randomInt } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

import { readDataFile, writeDataFile } from './data-files';

/**
 * The local IdP's users: an email address and Logto's bookkeeping fields, nothing else.
 * Kept in memory and copied to `idp-accounts.json` so a restart keeps everyone's `sub`.
 */

const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  // Files saved before the Account API stand-in have none.
  lastSignInAt: z.number().optional(),
});
const accountsFileSchema = z.object({ accounts: z.array(accountSchema) });

export type LocalAccount = z.infer<typeof accountSchema>;

/** Logto's user ids: 12 characters of lowercase letters and digits. */
function newUserId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Logto matches email identifiers case-insensitively. */
const emailKey = (email: string) => email.toLowerCase();

export class AccountStore {
  readonly #file: string;
  readonly #log: (line: string) => void;
  readonly #byId = new Map<string, LocalAccount>();
  readonly #byEmail = new Map<string, LocalAccount>();

  constructor(dataDir: string, log: (line: string) => void) {
    this.#file = path.join(dataDir, 'idp-accounts.json');
    this.#log = log;
    for (const account of readDataFile(this.#file, accountsFileSchema)?.accounts ?? []) {
      this.#remember(account);
    }
  }

  findById(id: string): LocalAccount | undefined {
    return this.#byId.get(id);
  }

  findByEmail(email: string): LocalAccount | undefined {
    return this.#byEmail.get(emailKey(email));
  }

  /** Registers the address, or returns its account when it is already registered. */
  findOrCreate(email: string): LocalAccount {
    const existing = this.findByEmail(email);
    if (existing) return existing;

    const now = Date.now();
    const account = { id: newUserId(), email, createdAt: now, updatedAt: now };
    this.#remember(account);
    this.#save();
    return account;
  }

  /** What Logto's Account API shows as `lastSignInAt`. */
  signedIn(id: string): void {
    const account = this.#byId.get(id);
    if (!account) return;
    account.lastSignInAt = Date.now();
    this.#save();
  }

  /**
   * A new primary address (the Account API): the next sign-in with it finds this account, the
   * old one no longer does. The caller has checked that no other account holds it.
   */
  changeEmail(id: string, email: string): LocalAccount | undefined {
    const account = this.#byId.get(id);
    if (!account) return undefined;
    this.#byEmail.delete(emailKey(account.email));
    account.email = email;
    account.updatedAt = Date.now();
    this.#remember(account);
    this.#save();
    return account;
  }

  #remember(account: LocalAccount): void {
    this.#byId.set(account.id, account);
    this.#byEmail.set(emailKey(account.email), account);
  }

  // Best effort: an unwritable data directory only costs the accounts at the next restart.
  #save(): void {
    try {
      writeDataFile(this.#file, { accounts: [...this.#byId.values()] });
    } catch (error) {
      this.#log(`Could not save accounts to ${this.#file}: ${(error as Error).message}`);
    }
  }
}

/**
 * The user claims Logto issues for the `profile` and `email` scopes. This IdP collects no
 * name, username or picture, and Logto sends those as null when a user has none.
 */
export function accountClaims(account: LocalAccount) {
  return {
    sub: account.id,
    name: null,
    picture: null,
    username: null,
    created_at: account.createdAt,
    updated_at: account.updatedAt,
    email: account.email,
    email_verified: true,
  };
}

/** Which claims each scope releases, as in Logto's `idTokenClaims` (subset this IdP knows). */
export const claimsByScope = {
  openid: ['sub'],
  profile: ['name', 'picture', 'username', 'created_at', 'updated_at'],
  email: ['email', 'email_verified'],
};
