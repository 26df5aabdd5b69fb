import { describe, expect, it } from 'vitest';

import { fill, phrasesFor, requestPhrases, screenLanguageOf, screenLanguages } from './phrases';
import { ownPhrases } from './own-phrases';
import { browserLanguages, experienceLanguage, languageInfoOf } from './sign-in-language';

describe('experienceLanguage: the language of a sign-in, as Logto picks it', () => {
  it('takes the first ui_locales tag that names a Logto language, normalised', () => {
    expect(experienceLanguage({ uiLocales: 'zh-CN en', acceptLanguage: 'fr' })).toBe('zh-CN');
    expect(experienceLanguage({ uiLocales: 'zh-cn' })).toBe('zh-CN');
    expect(experienceLanguage({ uiLocales: 'zh_CN' })).toBe('zh-CN');
    expect(experienceLanguage({ uiLocales: '!! xx-YY fr-CA' })).toBe('fr');
  });

  it('matches a base language to the first of its Logto languages', () => {
    expect(experienceLanguage({ uiLocales: 'zh' })).toBe('zh-CN');
    expect(experienceLanguage({ uiLocales: 'zh-SG' })).toBe('zh-CN');
    expect(experienceLanguage({ uiLocales: 'zh-TW' })).toBe('zh-TW');
    expect(experienceLanguage({ uiLocales: 'en-GB' })).toBe('en');
  });

  it("falls back to the browser's languages, by q-value", () => {
    expect(experienceLanguage({ acceptLanguage: 'xx, zh-CN;q=0.9, en;q=0.8' })).toBe('zh-CN');
    expect(experienceLanguage({ acceptLanguage: 'en;q=0.4, zh-cn;q=0.9' })).toBe('zh-CN');
    expect(experienceLanguage({ uiLocales: '', acceptLanguage: ['de;q=0', 'ja'] })).toBe('ja');
  });

  it("skips the browser without auto-detection, then takes the tenant's fallback language, else en", () => {
    const languageInfo = languageInfoOf({ autoDetect: false, fallbackLanguage: 'zh-CN' });
    expect(experienceLanguage({ acceptLanguage: 'en', languageInfo })).toBe('zh-CN');
    expect(experienceLanguage({ uiLocales: 'en', languageInfo })).toBe('en');
    expect(experienceLanguage({})).toBe('en');
    expect(experienceLanguage({ acceptLanguage: '*' })).toBe('en');
    expect(experienceLanguage({ acceptLanguage: 'xx_bad;q=1', languageInfo: languageInfoOf({ fallbackLanguage: 'xx' }) })).toBe('en');
  });

  it('reads Accept-Language as Logto does: unreadable q counts as 1, ties keep their order', () => {
    expect(browserLanguages('fr-CH, fr;q=0.9, *;q=0.5, de;q=x')).toEqual(['fr-CH', 'de', 'fr', '*']);
    expect(browserLanguages(undefined)).toEqual([]);
  });
});

describe('the screens’ phrases', () => {
  it('exist in en and zh-CN; any other language Logto picks shows English', () => {
    expect(screenLanguages).toEqual(['en', 'zh-CN']);
    expect(screenLanguageOf('zh-CN')).toBe('zh-CN');
    expect(screenLanguageOf('fr')).toBe('en');
  });

  it('have the same keys in every language, none empty', () => {
    for (const language of screenLanguages) {
      expect(Object.keys(ownPhrases[language]).sort()).toEqual(Object.keys(ownPhrases.en).sort());
      for (const value of Object.values(phrasesFor(language))) expect(value).not.toBe('');
    }
  });

  it("are Logto's own where Logto has them", () => {
    const zh = phrasesFor('zh-CN');
    expect([zh.signInTitle, zh.registerTitle, zh.emailLabel, zh.continue, zh.verifyEmailTitle]).toEqual(['登录你的账号', '注册你的账号', '邮箱', '继续', '验证你的邮箱']);
    const en = phrasesFor('en');
    expect([en.signInTitle, en.registerTitle, en.emailLabel, en.continue, en.invalidCode]).toEqual([
      'Sign in to your account',
      'Create your account',
      'Email',
      'Continue',
      'The verification code is invalid.',
    ]);
  });

  it('fill placeholders in both spellings Logto uses', () => {
    expect(fill(phrasesFor('zh-CN').codeSent, { address: '邮箱', target: 'a@example.com' })).toBe('验证码已经发送至你的邮箱 a@example.com');
    expect(fill(phrasesFor('en').required, { types: 'Email' })).toBe('Email is required');
    expect(requestPhrases({ uiLocales: 'zh-cn' }).t.language).toBe('zh-CN');
  });
});
