import { unwrapSession, wrapSession } from '@logto/node';
import { describe, expect, it } from 'vitest';

import { unwrapSessionCookie, wrapSessionCookie } from './session-cookie';

const secret = 'a-cookie-secret-of-at-least-32-characters';
const session = { idToken: 'header.payload.signature', refreshToken: 'refresh-token-value', signInSession: '' };

describe('session cookie', () => {
  it('reads cookies the Logto SDK wrote', async () => {
    expect(unwrapSessionCookie(await wrapSession(session, secret), secret)).toEqual(session);
  });

  it('writes cookies the Logto SDK reads', async () => {
    expect(await unwrapSession(wrapSessionCookie(session, secret), secret)).toEqual(session);
  });

  it('uses a fresh IV each time', () => {
    expect(wrapSessionCookie(session, secret)).not.toBe(wrapSessionCookie(session, secret));
  });

  it.each([
    ['empty', ''],
    ['no IV', 'abc'],
    ['not base64', '!!!.???'],
    ['a short IV', `${Buffer.alloc(40).toString('base64')}.${Buffer.alloc(4).toString('base64')}`],
    ['shorter than a tag', `${Buffer.alloc(4).toString('base64')}.${Buffer.alloc(12).toString('base64')}`],
  ])('reads %s as no session', (_label, value) => {
    expect(unwrapSessionCookie(value, secret)).toEqual({});
  });

  it('reads a cookie sealed with another secret, or tampered with, as no session', () => {
    const sealed = wrapSessionCookie(session, secret);
    expect(unwrapSessionCookie(sealed, `${secret}-other`)).toEqual({});
    const [ciphertext = '', iv = ''] = sealed.split('.');
    const bytes = Buffer.from(ciphertext, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(unwrapSessionCookie(`${bytes.toString('base64')}.${iv}`, secret)).toEqual({});
    expect(unwrapSessionCookie(sealed.slice(0, -8), secret)).toEqual({});
  });

  it('reads a sealed value that is not an object as no session', async () => {
    const sealedArray = await wrapSession([] as never, secret);
    expect(unwrapSessionCookie(sealedArray, secret)).toEqual({});
  });
});
