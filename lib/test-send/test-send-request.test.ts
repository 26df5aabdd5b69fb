import { describe, expect, it } from 'vitest';

import { usageTypes } from '@/lib/ses';

import { parseTestSendRequest } from './test-send-request';

const errorOf = (input: unknown) => {
  const result = parseTestSendRequest(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  expect(result.status).toBe(400);
  return result.error;
};

describe('parseTestSendRequest: accepted input', () => {
  it('defaults the usage type to Generic, as Logto console tests do', () => {
    expect(parseTestSendRequest({ to: 'ada@example.com' })).toEqual({ ok: true, value: { to: 'ada@example.com', usageType: 'Generic' } });
  });

  it('keeps the usage type and locale', () => {
    expect(parseTestSendRequest({ to: 'ada@example.com', usageType: 'SignIn', locale: 'pt-BR' })).toEqual({
      ok: true,
      value: { to: 'ada@example.com', usageType: 'SignIn', locale: 'pt-BR' },
    });
  });

  it.each(usageTypes)('accepts %s, with or without a template of its own (Generic is the fallback)', (usageType) => {
    expect(parseTestSendRequest({ to: 'ada@example.com', usageType }).ok).toBe(true);
  });

  it.each([
    'first.last+tag@example.co.uk',
    `${'a'.repeat(64)}@example.com`,
    `ada@${'b'.repeat(63)}.example.com`,
    `${'a'.repeat(64)}@${['b'.repeat(63), 'c'.repeat(63), 'd'.repeat(57)].join('.')}.io`,
  ])('accepts %s', (to) => {
    expect(parseTestSendRequest({ to }).ok).toBe(true);
  });
});

describe('parseTestSendRequest: the recipient must be exactly one valid address', () => {
  it.each([
    ['a display name', 'Ada <ada@example.com>', 'display name'],
    ['an angle-bracketed address', '<ada@example.com>', 'display name'],
    ['a quoted local part', '"ada lovelace"@example.com', 'display name'],
    ['a comma-separated list', 'ada@example.com,bob@example.com', 'not a list'],
    ['a semicolon-separated list', 'ada@example.com;bob@example.com', 'not a list'],
    ['a header injection with CRLF', 'ada@example.com\r\nBcc: victim@example.com', 'line break'],
    ['a bare LF', 'ada@example.com\nx', 'line break'],
    ['a space', 'ada @example.com', 'spaces'],
    ['a leading space', ' ada@example.com', 'spaces'],
    ['a tab', 'ada@example.com\t', 'spaces'],
    ['an empty string', '', 'empty'],
    ['no @', 'ada.example.com', 'one email address'],
    ['two @', 'ada@bob@example.com', 'one email address'],
    ['no domain', 'ada@', 'one email address'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@example.com`, 'before the @'],
    ['a domain label over 63 characters', `ada@${'b'.repeat(64)}.com`, 'domain'],
    ['an address over 254 characters', `${'a'.repeat(64)}@${['b'.repeat(63), 'c'.repeat(63), 'd'.repeat(60)].join('.')}.io`, '254'],
    ['a domain without a dot', 'ada@localhost', 'not a valid email address'],
    ['consecutive dots', 'ada..lovelace@example.com', 'not a valid email address'],
    ['a NUL byte', 'ada\u0000@example.com', 'not a valid email address'],
  ])('refuses %s', (_label, to, reason) => {
    const error = errorOf({ to });
    expect(error).toMatchObject({ code: 'invalid_email', field: 'to' });
    expect(error.message).toContain(reason);
  });

  it.each([
    ['missing', {}, 'missing'],
    ['a number', { to: 42 }, 'must be a string'],
    ['an array of addresses', { to: ['ada@example.com'] }, 'must be a string'],
    ['null', { to: null }, 'must be a string'],
  ])('refuses a recipient that is %s', (_label, input, reason) => {
    const error = errorOf(input);
    expect(error).toMatchObject({ code: 'invalid_email', field: 'to' });
    expect(error.message).toContain(reason);
  });
});

describe('parseTestSendRequest: other fields', () => {
  it('refuses an unknown usage type and lists the valid ones', () => {
    const error = errorOf({ to: 'ada@example.com', usageType: 'Login' });
    expect(error).toMatchObject({ code: 'unknown_usage_type', field: 'usageType' });
    for (const usageType of usageTypes) expect(error.message).toContain(usageType);
  });

  it('matches usage types exactly, as Logto does', () => {
    expect(errorOf({ to: 'ada@example.com', usageType: 'signin' }).code).toBe('unknown_usage_type');
  });

  it.each(['', 'english', 'en_US', 'e', 'en-'.repeat(20), 7])('refuses the locale %o', (locale) => {
    expect(errorOf({ to: 'ada@example.com', locale })).toMatchObject({ code: 'invalid_locale', field: 'locale' });
  });

  it('refuses unknown fields, naming them', () => {
    const error = errorOf({ to: 'ada@example.com', cc: 'eve@example.com' });
    expect(error).toMatchObject({ code: 'unknown_field', field: 'cc' });
    expect(error.message).toContain('"cc"');
  });

  it('refuses a __proto__ key instead of letting it through', () => {
    expect(errorOf(JSON.parse('{"to":"ada@example.com","__proto__":{"admin":true}}'))).toMatchObject({ code: 'unknown_field', field: '__proto__' });
  });

  it.each([null, [], 'ada@example.com', 42])('refuses a body that is not an object: %o', (input) => {
    const error = errorOf(input);
    expect(error.code).toBe('invalid_body');
    expect(error.field).toBeUndefined();
  });
});
