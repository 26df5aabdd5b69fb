import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * oidc-provider's sessions, grants and tokens, in memory (as its development adapter keeps them),
 * but one store per IdP and readable by account: the Account API lists a person's sessions and
 * revokes a grant with every token issued under it, as Logto does with its database.
 */

type Entry = { payload: AdapterPayload; expiresAt: number };

/** What Logto keeps beside an oidc-provider session (its `lastSubmission`): how the person signed in. */
export type SignInRecord = {
  interactionEvent: 'SignIn' | 'Register';
  userId: string;
  verificationRecords: { id: string; templateType: string; verified: boolean; type: string; identifier: { type: 'email'; value: string } }[];
  signInContext: { ip: string; userAgent: string };
};

export type StoredSession = {
  payload: AdapterPayload & { uid: string; accountId: string };
  lastSubmission: SignInRecord | null;
  clientId: string | null;
  accountId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
};

const grantBound = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export class OidcStore {
  readonly #entries = new Map<string, Entry>();
  /** By session uid, filled when a sign-in ends (provider.ts). */
  readonly #signIns = new Map<string, { record: SignInRecord; clientId: string | null }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The `adapter` option of oidc-provider. */
  readonly adapter = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id, payload, expiresIn) => {
        this.#forgetExpired();
        this.#entries.set(key(id), { payload, expiresAt: expiresIn ? this.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY });
      },
      find: async (id) => this.#find(key(id)),
      findByUid: async (uid) => this.#findWhere(model, (payload) => payload.uid === uid)?.payload,
      findByUserCode: async (userCode) => this.#findWhere(model, (payload) => payload.userCode === userCode)?.payload,
      consume: async (id) => {
        const payload = this.#find(key(id));
        if (payload) payload.consumed = Math.floor(this.now() / 1000);
      },
      destroy: async (id) => {
        this.#entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [entryKey, entry] of this.#entries) {
          if (entryKey.startsWith(`${model}:`) && entry.payload.grantId === grantId) this.#entries.delete(entryKey);
        }
      },
    };
  };

  rememberSignIn(sessionUid: string, record: SignInRecord, clientId: string | null): void {
    this.#signIns.set(sessionUid, { record, clientId });
  }

  /** The person's live sessions, oldest first, shaped as Logto's `findUserActiveSessionsWithExtensions`. */
  sessionsOf(accountId: string): StoredSession[] {
    const sessions: StoredSession[] = [];
    for (const [entryKey, entry] of this.#entries) {
      if (!entryKey.startsWith('Session:') || entry.expiresAt <= this.now()) continue;
      const { payload } = entry;
      if (payload.accountId !== accountId || typeof payload.uid !== 'string') continue;
      const signIn = this.#signIns.get(payload.uid);
      sessions.push({
        payload: payload as StoredSession['payload'],
        lastSubmission: signIn?.record ?? null,
        clientId: signIn?.clientId ?? null,
        accountId,
        expiresAt: entry.expiresAt,
      });
    }
    return sessions.sort((a, b) => Number(a.payload.iat ?? 0) - Number(b.payload.iat ?? 0));
  }

  /** The person's live grants, oldest first, shaped as Logto's `findUserActiveApplicationGrants` (without `application`). */
  grantsOf(accountId: string): { id: string; payload: AdapterPayload & { clientId: string }; expiresAt: number }[] {
    return [...this.#entries]
      .filter(([entryKey, entry]) => entryKey.startsWith('Grant:') && entry.expiresAt > this.now() && entry.payload.accountId === accountId)
      .map(([entryKey, entry]) => ({ id: entryKey.slice('Grant:'.length), payload: entry.payload as AdapterPayload & { clientId: string }, expiresAt: entry.expiresAt }))
      .sort((a, b) => Number(a.payload.iat ?? 0) - Number(b.payload.iat ?? 0));
  }

  /** Ends the browser session only: its grants and tokens stay (Logto's DELETE without `revokeGrantsTarget`). */
  destroySession(uid: string): void {
    const found = this.#findWhere('Session', (payload) => payload.uid === uid);
    if (found) this.#entries.delete(found.key);
    this.#signIns.delete(uid);
  }

  /** The grant and every code and token issued under it: refresh answers invalid_grant, the access tokens 401 at once. */
  revokeGrant(grantId: string): void {
    this.#entries.delete(`Grant:${grantId}`);
    for (const [entryKey, entry] of this.#entries) {
      const model = entryKey.slice(0, entryKey.indexOf(':'));
      if (grantBound.has(model) && entry.payload.grantId === grantId) this.#entries.delete(entryKey);
    }
  }

  // Nothing else removes what expires; a long `npm run dev` would keep it all.
  #forgetExpired(): void {
    const now = this.now();
    for (const [entryKey, entry] of this.#entries) {
      if (entry.expiresAt > now) continue;
      this.#entries.delete(entryKey);
      if (entryKey.startsWith('Session:') && typeof entry.payload.uid === 'string') this.#signIns.delete(entry.payload.uid);
    }
  }

  #find(entryKey: string): AdapterPayload | undefined {
    const entry = this.#entries.get(entryKey);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(entryKey);
      return undefined;
    }
    return entry.payload;
  }

  #findWhere(model: string, matches: (payload: AdapterPayload) => boolean): { key: string; payload: AdapterPayload } | undefined {
    for (const [entryKey, entry] of this.#entries) {
      if (entryKey.startsWith(`${model}:`) && entry.expiresAt > this.now() && matches(entry.payload)) return { key: entryKey, payload: entry.payload };
    }
    return undefined;
  }
}
