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
  // Files saved before the Account API stand-in have none of these.
  lastSignInAt: z.number().optional(),
  name: z.string().nullable().optional(),
  avatar: z.string().nullable().optional(),
  username: z.string().nullable().optional(),
  /** Logto's `profile`: givenName, familyName, nickname... (PATCH /api/my-account/profile). */
  profile: z.record(z.string(), z.string()).optional(),
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

  /**
   * What Logto's Account API shows as `lastSignInAt`. Written with the next change only: a
   * sign-in (the bench makes thousands) costs no rewrite of the whole file.
   */
  signedIn(id: string): void {
    const account = this.#byId.get(id);
    if (account) account.lastSignInAt = Date.now();
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

  /** PATCH /api/my-account and /profile; `profile` merges into the stored one, as Logto's jsonb update. */
  updateProfile(id: string, change: Partial<Pick<LocalAccount, 'name' | 'avatar' | 'username' | 'profile'>>): LocalAccount | undefined {
    const account = this.#byId.get(id);
    if (!account) return undefined;
    const { profile, ...rest } = change;
    Object.assign(account, rest, profile && { profile: { ...account.profile, ...profile } }, { updatedAt: Date.now() });
    this.#save();
    return account;
  }

  findByUsername(username: string): LocalAccount | undefined {
    return [...this.#byId.values()].find((account) => account.username === username);
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

/** Logto's profile fields and the standard claims it releases them as (core-kit's `idTokenClaims`). */
export const profileClaims = {
  familyName: 'family_name',
  givenName: 'given_name',
  middleName: 'middle_name',
  nickname: 'nickname',
  preferredUsername: 'preferred_username',
  profile: 'profile',
  website: 'website',
  gender: 'gender',
  birthdate: 'birthdate',
  zoneinfo: 'zoneinfo',
  locale: 'locale',
} as const;

/**
 * The user claims Logto issues for the `profile` and `email` scopes: name, picture and username
 * as null when the user has none, the profile's claims only when set (fixtures 04, 12).
 */
export function accountClaims(account: LocalAccount) {
  const profile = Object.entries(account.profile ?? {}).flatMap(([field, value]) => {
    const claim = profileClaims[field as keyof typeof profileClaims];
    return claim ? [[claim, value] as const] : [];
  });
  return {
    sub: account.id,
    name: account.name ?? null,
    ...Object.fromEntries(profile),
    picture: account.avatar ?? null,
    username: account.username ?? null,
    created_at: account.createdAt,
    updated_at: account.updatedAt,
    email: account.email,
    email_verified: true,
  };
}

/** Which claims each scope releases, as in Logto's `idTokenClaims` (subset this IdP knows). */
export const claimsByScope = {
  openid: ['sub'],
  profile: ['name', 'picture', 'username', 'created_at', 'updated_at', ...Object.values(profileClaims)],
  email: ['email', 'email_verified'],
};
