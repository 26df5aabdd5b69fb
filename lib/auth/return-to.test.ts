import { describe, expect, it } from 'vitest';

import { returnPathOf, safeReturnTo } from './return-to';

const origin = 'https://app.example.com';

describe('safeReturnTo', () => {
  it.each([
    ['/account', '/account'],
    ['/account?tab=1#top', '/account?tab=1#top'],
    ['/', '/'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeReturnTo(input, origin)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    'javascript:alert(1)',
    'account',
    '/account\r\nSet-Cookie: x=1',
    '',
    null,
    42,
    `/${'a'.repeat(3000)}`,
  ])('falls back to / for %j', (input) => {
    expect(safeReturnTo(input, origin)).toBe('/');
  });
});

describe('returnPathOf', () => {
  it('keeps the path of a same-origin URL and drops any other origin', () => {
    expect(returnPathOf('https://app.example.com/account?x=1', origin)).toBe('/account?x=1');
    expect(returnPathOf('https://evil.example/account', origin)).toBe('/');
    expect(returnPathOf(undefined, origin)).toBe('/');
    expect(returnPathOf('not a url', origin)).toBe('/');
  });
});
