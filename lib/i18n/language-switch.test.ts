import { describe, expect, it } from 'vitest';

import { switchLanguage } from './language-switch';

const origin = 'http://localhost:3000';

describe('switchLanguage', () => {
  it('remembers the language and goes back to the page the form names', () => {
    const result = switchLanguage({ locale: 'zh-CN', returnTo: '/connector?x=1', referer: null, origin });
    expect(result).toEqual({ ok: true, locale: 'zh-CN', location: `${origin}/connector?x=1`, cookie: 'NEXT_LOCALE=zh-CN; Path=/; Max-Age=31536000; SameSite=Lax' });
  });

  it('goes back to the referring page of this app when the form names none', () => {
    expect(switchLanguage({ locale: 'en', returnTo: null, referer: `${origin}/setup`, origin })).toMatchObject({ location: `${origin}/setup` });
  });

  it('never follows another site', () => {
    expect(switchLanguage({ locale: 'en', returnTo: '//evil.example/x', referer: null, origin })).toMatchObject({ location: `${origin}/` });
    expect(switchLanguage({ locale: 'en', returnTo: null, referer: 'https://evil.example/x', origin })).toMatchObject({ location: `${origin}/` });
  });

  it('marks the cookie Secure behind https', () => {
    expect(switchLanguage({ locale: 'en', returnTo: '/', referer: null, origin: 'https://app.example' })).toMatchObject({ cookie: expect.stringContaining('; Secure') });
  });

  it('refuses a language the app does not speak, naming the field', () => {
    expect(switchLanguage({ locale: 'fr', returnTo: '/', referer: null, origin })).toMatchObject({ ok: false, status: 400, code: 'invalid_locale', field: 'locale' });
  });
});
