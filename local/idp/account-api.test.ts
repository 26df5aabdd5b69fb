import type { IncomingMessage } from 'node:http';

import { describe, expect, it } from 'vitest';

import { mailLocale } from './account-api';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("mailLocale: the language of the Account API's code mails (29-31)", () => {
  it("takes the _logto cookie's uiLocales, raw JSON as Logto sets it, over Accept-Language", () => {
    expect(mailLocale(request({ cookie: 'a=1; _logto={"uiLocales":"zh-CN"}; b=2', 'accept-language': 'en' }))).toBe('zh-CN');
  });

  it('ignores a URL-encoded cookie, as Logto does, and takes Accept-Language', () => {
    expect(mailLocale(request({ cookie: '_logto=%7B%22uiLocales%22%3A%22zh-CN%22%7D', 'accept-language': 'en' }))).toBe('en');
    expect(mailLocale(request({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' }))).toBe('zh-CN');
  });

  it("takes the tenant's fallback language for Node fetch's `*` or nothing", () => {
    expect(mailLocale(request({ 'accept-language': '*' }))).toBe('en');
    expect(mailLocale(request({ cookie: '_logto={"uiLocales":7}' }), { autoDetect: true, fallbackLanguage: 'zh-CN' })).toBe('zh-CN');
  });

  it('matches the tag to one of Logto\'s languages, as the sign-in screens do', () => {
    expect(mailLocale(request({ 'accept-language': 'zh-cn' }))).toBe('zh-CN');
  });
});
