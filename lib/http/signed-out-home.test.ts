import { describe, expect, it } from 'vitest';

import { matchHas, compileNonPath } from 'next/dist/shared/lib/router/utils/prepare-destination';

import { isWelcomePath, prerenderedWelcomeLocale, signedOutHomeHeader, signedOutHomeRewrite } from './signed-out-home';

const cookie = 'logto_app';
const request = ({ method = 'GET', path = '/', search = '', cookies = {} as Record<string, string>, acceptLanguage = null as string | null } = {}) => ({
  method,
  nextUrl: { pathname: path, search },
  cookies: { has: (name: string) => name in cookies, get: (name: string) => (name in cookies ? { value: cookies[name]! } : undefined) },
  headers: { get: (name: string) => (name === 'accept-language' ? acceptLanguage : null) },
});

describe('prerenderedWelcomeLocale', () => {
  it('serves the prerendered page to a visitor of / without a session cookie', () => {
    expect(prerenderedWelcomeLocale(request(), cookie)).toBe('en');
    expect(prerenderedWelcomeLocale(request({ method: 'HEAD' }), cookie)).toBe('en');
    expect(prerenderedWelcomeLocale(request({ cookies: { other: '1' } }), cookie)).toBe('en');
  });

  it("chooses the page's language as every page does: the switch's cookie, else Accept-Language, else English", () => {
    expect(prerenderedWelcomeLocale(request({ acceptLanguage: 'zh-CN,zh;q=0.9,en;q=0.8' }), cookie)).toBe('zh-CN');
    expect(prerenderedWelcomeLocale(request({ acceptLanguage: 'zh' }), cookie)).toBe('zh-CN');
    expect(prerenderedWelcomeLocale(request({ acceptLanguage: 'zh-CN', cookies: { NEXT_LOCALE: 'en' } }), cookie)).toBe('en');
    expect(prerenderedWelcomeLocale(request({ acceptLanguage: 'en', cookies: { NEXT_LOCALE: 'zh-CN' } }), cookie)).toBe('zh-CN');
    expect(prerenderedWelcomeLocale(request({ acceptLanguage: 'fr' }), cookie)).toBe('en');
    expect(prerenderedWelcomeLocale(request({ acceptLanguage: 'zh-CN', cookies: { NEXT_LOCALE: 'fr' } }), cookie)).toBe('zh-CN');
  });

  it('renders the home page for a session cookie, a query, a post or another path', () => {
    expect(prerenderedWelcomeLocale(request({ cookies: { [cookie]: 'x' } }), cookie)).toBeUndefined();
    expect(prerenderedWelcomeLocale(request({ search: '?notice=signed-out-locally' }), cookie)).toBeUndefined();
    expect(prerenderedWelcomeLocale(request({ method: 'POST' }), cookie)).toBeUndefined();
    expect(prerenderedWelcomeLocale(request({ path: '/account', acceptLanguage: 'zh-CN' }), cookie)).toBeUndefined();
  });
});

describe('isWelcomePath', () => {
  it('is /welcome and every page under it, which are reached only through /', () => {
    expect(['/welcome', '/welcome/en', '/welcome/zh-CN', '/welcome/fr'].every(isWelcomePath)).toBe(true);
    expect(['/', '/welcomes', '/account/welcome'].some(isWelcomePath)).toBe(false);
  });
});

/** The rewrite as Next applies it (its own matcher): the destination for a marker value, or none. */
function rewrite(marker: string | undefined) {
  const headers = marker === undefined ? {} : { [signedOutHomeHeader]: marker };
  const params = matchHas({ headers, cookies: {} } as never, { cookie: '' } as never, signedOutHomeRewrite.has, []);
  return params ? compileNonPath(signedOutHomeRewrite.destination, params) : undefined;
}

describe('signedOutHomeRewrite', () => {
  it("serves the marked language's page", () => {
    expect(rewrite('en')).toBe('/welcome/en');
    expect(rewrite('zh-CN')).toBe('/welcome/zh-CN');
  });

  it('matches no other value (the proxy removes a marker it did not set)', () => {
    for (const value of [undefined, '', '1', 'fr', 'zh-cn', 'en-zh-CN', 'zh-CNx', '../account']) expect(rewrite(value), String(value)).toBeUndefined();
  });
});
