import { describe, expect, it, vi } from 'vitest';

const locale = vi.hoisted(() => ({ current: 'zh-CN' }));
vi.mock('next-intl/server', () => ({ getLocale: async () => locale.current, getTranslations: vi.fn(), getFormatter: vi.fn() }));

const { getFormatter, getTranslations } = await import('./server');

describe('the process-wide translations', () => {
  it("speaks the request's language, and keeps one translator per language and namespace", async () => {
    locale.current = 'zh-CN';
    const chinese = await getTranslations('Header');
    expect(chinese('home')).toBe('首页');
    expect(await getTranslations('Header')).toBe(chinese);
    locale.current = 'en';
    const english = await getTranslations('Header');
    expect(english('home')).toBe('Home');
    expect(english).not.toBe(chinese);
  });

  it('takes a language named outright, as the prerendered pages name theirs', async () => {
    locale.current = 'en';
    expect((await getTranslations({ locale: 'zh-CN', namespace: 'Header' }))('home')).toBe('首页');
  });

  it('formats for the language, in UTC', async () => {
    locale.current = 'zh-CN';
    const format = await getFormatter();
    expect(format.number(1234.5)).toBe('1,234.5');
    expect(format.dateTime(new Date('2026-12-05T23:30:00Z'), { dateStyle: 'medium' })).toBe('2026年12月5日');
    expect(await getFormatter()).toBe(format);
  });
});
