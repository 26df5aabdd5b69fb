import { describe, expect, it } from 'vitest';

import { OidcStore, type SignInRecord } from './oidc-store';

const hour = 3600;

const signIn: SignInRecord = {
  interactionEvent: 'SignIn',
  userId: 'user-1',
  verificationRecords: [],
  signInContext: { ip: '127.0.0.1', userAgent: 'test' },
};

async function storeWithTwoSessions() {
  let now = Date.UTC(2026, 11, 5);
  const store = new OidcStore(() => now);
  const sessions = store.adapter('Session');
  await sessions.upsert('jti-a', { uid: 'uid-a', accountId: 'user-1', iat: 1, authorizations: { app: { grantId: 'grant-a' } } }, 14 * 24 * hour);
  await sessions.upsert('jti-b', { uid: 'uid-b', accountId: 'user-1', iat: 2, authorizations: { app: { grantId: 'grant-b' } } }, hour);
  await sessions.upsert('jti-other', { uid: 'uid-other', accountId: 'user-2', iat: 3 }, hour);
  for (const grant of ['a', 'b']) {
    await store.adapter('Grant').upsert(`grant-${grant}`, { accountId: 'user-1' }, hour);
    await store.adapter('AccessToken').upsert(`access-${grant}`, { grantId: `grant-${grant}` }, hour);
    await store.adapter('RefreshToken').upsert(`refresh-${grant}`, { grantId: `grant-${grant}` }, hour);
  }
  store.rememberSignIn('uid-b', signIn, 'app');
  return { store, advance: (ms: number) => (now += ms) };
}

describe('OidcStore: oidc-provider state the Account API reads', () => {
  it("lists one person's live sessions, oldest first, with how each was signed in", async () => {
    const { store, advance } = await storeWithTwoSessions();
    expect(store.sessionsOf('user-1').map(({ payload, lastSubmission, clientId }) => [payload.uid, lastSubmission?.interactionEvent ?? null, clientId])).toEqual([
      ['uid-a', null, null],
      ['uid-b', 'SignIn', 'app'],
    ]);
    advance(hour * 1000);
    expect(store.sessionsOf('user-1').map(({ payload }) => payload.uid)).toEqual(['uid-a']);
  });

  it('ends a session without touching its grant or tokens', async () => {
    const { store } = await storeWithTwoSessions();
    store.destroySession('uid-b');
    expect(store.sessionsOf('user-1').map(({ payload }) => payload.uid)).toEqual(['uid-a']);
    expect(await store.adapter('RefreshToken').find('refresh-b')).toBeDefined();
    expect(await store.adapter('Session').findByUid('uid-b')).toBeUndefined();
  });

  it('revokes a grant with every token issued under it, and only those', async () => {
    const { store } = await storeWithTwoSessions();
    store.revokeGrant('grant-b');
    expect(await store.adapter('Grant').find('grant-b')).toBeUndefined();
    expect(await store.adapter('AccessToken').find('access-b')).toBeUndefined();
    expect(await store.adapter('RefreshToken').find('refresh-b')).toBeUndefined();
    expect(await store.adapter('RefreshToken').find('refresh-a')).toBeDefined();
    expect(await store.adapter('AccessToken').find('access-a')).toBeDefined();
  });
});
