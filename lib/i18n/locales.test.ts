import { describe, expect, it } from 'vitest';

import { localeOfHeaders, pickLocale } from './locales';

describe('pickLocale', () => {
  it.each([
    [{}, 'en'],
    [{ acceptLanguage: 'zh-CN,zh;q=0.9,en;q=0.8' }, 'zh-CN'],
    [{ acceptLanguage: 'zh' }, 'zh-CN'],
    [{ acceptLanguage: 'zh-cn' }, 'zh-CN'],
    [{ acceptLanguage: 'zh-Hans-CN' }, 'zh-CN'],
    [{ acceptLanguage: 'en-GB,en;q=0.9' }, 'en'],
    [{ acceptLanguage: 'fr-FR,zh;q=0.5' }, 'zh-CN'],
    [{ acceptLanguage: 'fr-FR' }, 'en'],
    [{ acceptLanguage: 'en;q=0.1,zh-CN;q=0.9' }, 'zh-CN'],
    [{ acceptLanguage: '*' }, 'en'],
    [{ acceptLanguage: 'not a tag!!, ;;' }, 'en'],
    [{ cookie: 'zh-CN', acceptLanguage: 'en' }, 'zh-CN'],
    [{ cookie: 'en', acceptLanguage: 'zh-CN' }, 'en'],
    [{ cookie: 'fr', acceptLanguage: 'zh-CN' }, 'zh-CN'],
  ])('%j → %s', (input, expected) => {
    expect(pickLocale(input)).toBe(expected);
  });
});

describe('localeOfHeaders', () => {
  it("reads the switch's cookie among the others, else Accept-Language", () => {
    expect(localeOfHeaders(new Headers({ cookie: 'logto_app=x; NEXT_LOCALE=zh-CN', 'accept-language': 'en' }))).toBe('zh-CN');
    expect(localeOfHeaders(new Headers({ cookie: 'NEXT_LOCALE=fr', 'accept-language': 'zh' }))).toBe('zh-CN');
    expect(localeOfHeaders(new Headers())).toBe('en');
  });
});
