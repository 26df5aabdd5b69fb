import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { chooseTemplate, type LocalizedTemplate } from './template-order';
import type { EmailTemplate } from './templates';

/**
 * The order against the six real sign-ins of fixture 40 (a Logto 1.42 with the rows listed in
 * each case): the subject each mail had, with the code replaced by {{code}}.
 */

type Case = { case: string; templatesPresent: string[]; experienceLanguage: string; mailSubject: string };
const fixture = JSON.parse(readFileSync(new URL('../../local/idp/management-api/recorded/40-template-resolution.json', import.meta.url), 'utf8')) as {
  notes: {
    summary: Case[];
    connectorConfigTemplates: Record<'SignIn' | 'Generic', { subject: string; content: string }>;
    dbTemplatesUsed: Record<string, { subject: string; content: string }>;
  };
};
const { summary, connectorConfigTemplates, dbTemplatesUsed } = fixture.notes;

const connectorTemplates: EmailTemplate[] = Object.entries(connectorConfigTemplates)
  .filter(([usageType]) => usageType === 'SignIn' || usageType === 'Generic')
  .map(([usageType, template]) => ({ usageType, ...template }));

function rows(present: string[]): LocalizedTemplate[] {
  return present.map((key) => {
    const [languageTag = '', templateType = ''] = key.split(':');
    const recorded = Object.entries(dbTemplatesUsed).find(([name]) => name.startsWith(key))?.[1];
    if (!recorded) throw new Error(`fixture 40 has no ${key} row`);
    return { languageTag, templateType: templateType as LocalizedTemplate['templateType'], subject: recorded.subject, content: recorded.content };
  });
}

describe('chooseTemplate, in the order Logto picks a code mail template (fixture 40)', () => {
  it('has the six recorded cases', () => expect(summary).toHaveLength(6));

  for (const recorded of summary) {
    it(`${recorded.case}: "${recorded.mailSubject}"`, () => {
      const chosen = chooseTemplate({
        usageType: 'SignIn',
        locale: recorded.experienceLanguage,
        fallbackLanguage: 'en',
        localized: rows(recorded.templatesPresent),
        connectorTemplates,
      });
      expect(chosen.ok).toBe(true);
      if (!chosen.ok) return;
      expect(chosen.template.subject.replace('{{code}}', recorded.mailSubject.replace(/^.*?(\d{6})$/, '$1'))).toBe(recorded.mailSubject);
    });
  }

  const row = (languageTag: string, templateType: LocalizedTemplate['templateType']): LocalizedTemplate => ({ languageTag, templateType, subject: `${languageTag} ${templateType}`, content: '' });
  const connector: EmailTemplate[] = [
    { usageType: 'SignIn', subject: 'connector SignIn', content: '' },
    { usageType: 'Generic', subject: 'connector Generic', content: '' },
  ];
  const subjectFor = (localized: LocalizedTemplate[], usageType: 'SignIn' | 'BindMfa', locale?: string, connectorTemplates = connector) => {
    const chosen = chooseTemplate({ usageType, locale, fallbackLanguage: 'en', localized, connectorTemplates });
    return chosen.ok ? chosen.template.subject : chosen.reason;
  };

  it('takes (type, locale) first, then (type, fallback), then (Generic, fallback)', () => {
    const all = [row('en', 'Generic'), row('en', 'SignIn'), row('zh-CN', 'SignIn')];
    expect(subjectFor(all, 'SignIn', 'zh-CN')).toBe('zh-CN SignIn');
    expect(subjectFor(all, 'SignIn', 'fr')).toBe('en SignIn');
    expect(subjectFor([row('en', 'Generic')], 'SignIn', 'fr')).toBe('en Generic');
  });

  it('never takes (Generic, locale)', () => {
    expect(subjectFor([row('zh-CN', 'Generic')], 'SignIn', 'zh-CN')).toBe('connector SignIn');
  });

  it('without a locale, starts at the fallback language', () => {
    expect(subjectFor([row('zh-CN', 'SignIn'), row('en', 'SignIn')], 'SignIn')).toBe('en SignIn');
  });

  it('ends with the connector template for the type, else its Generic, else not found', () => {
    expect(subjectFor([], 'SignIn', 'zh-CN')).toBe('connector SignIn');
    expect(subjectFor([], 'BindMfa', 'zh-CN')).toBe('connector Generic');
    expect(subjectFor([], 'BindMfa', 'zh-CN', [])).toBe('template_not_found');
  });

  it("on a sign-in's path, compares language tags without regard to case", () => {
    expect(subjectFor([row('zh-CN', 'SignIn')], 'SignIn', 'zh-cn')).toBe('zh-CN SignIn');
  });

  it("on the connector test's path, takes the tag as written (fixtures 37, 48, 49)", () => {
    const zhGeneric = [row('zh-CN', 'Generic')];
    const generic = (locale: string) => {
      const chosen = chooseTemplate({ usageType: 'Generic', locale, fallbackLanguage: 'en', localized: zhGeneric, connectorTemplates: connector, tagMatch: 'exact' });
      return chosen.ok ? chosen.template.subject : chosen.reason;
    };
    expect(generic('zh-CN')).toBe('zh-CN Generic');
    expect(generic('zh-cn')).toBe('connector Generic');
    expect(generic('ZH-CN')).toBe('connector Generic');
    expect(generic('fr')).toBe('connector Generic');
  });
});
