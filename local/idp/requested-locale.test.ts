import { describe, expect, it } from 'vitest';

import { requestedLocale } from './sign-in-routes';

describe('requestedLocale: the language of a sign-in, in Logto order', () => {
  it('takes the first well-formed ui_locales tag', () => {
    expect(requestedLocale({ ui_locales: 'zh-CN en' }, 'fr')).toBe('zh-CN');
    expect(requestedLocale({ ui_locales: '!! fr-CA' })).toBe('fr-CA');
  });

  it("falls back to the browser's most preferred language, by q-value", () => {
    expect(requestedLocale({}, 'fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5')).toBe('fr-CH');
    expect(requestedLocale({}, 'en;q=0.4, zh-CN;q=0.9')).toBe('zh-CN');
    expect(requestedLocale({ ui_locales: '' }, ['de;q=0', 'ja'])).toBe('ja');
  });

  it('has none without either (the fallback language then applies)', () => {
    expect(requestedLocale({})).toBeUndefined();
    expect(requestedLocale({}, '*')).toBeUndefined();
    expect(requestedLocale({}, 'xx_bad;q=1')).toBeUndefined();
  });
});
