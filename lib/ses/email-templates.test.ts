import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { loadEmailTemplates } from './email-templates';
import { defaultTemplates } from './default-templates';
import { usageTypes } from './usage-types';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'email-templates-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, 'email-templates', name)), { recursive: true });
    writeFileSync(path.join(root, 'email-templates', name), text);
  }
  return root;
}

describe('the repository email templates', () => {
  const loaded = loadEmailTemplates();

  it('load, complete for en and zh-CN', () => {
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.languages).toEqual(['en', 'zh-CN']);
    for (const language of loaded.languages) {
      expect(loaded.templates.filter((template) => template.languageTag === language).map((template) => template.templateType).sort()).toEqual([...usageTypes].sort());
    }
  });

  it('en is the default templates, zh-CN is in Chinese and keeps the code', () => {
    if (!loaded.ok) throw new Error('not loaded');
    for (const template of defaultTemplates) {
      const en = loaded.templates.find((row) => row.languageTag === 'en' && row.templateType === template.usageType);
      expect(en).toMatchObject({ subject: template.subject, content: template.content });
      const zh = loaded.templates.find((row) => row.languageTag === 'zh-CN' && row.templateType === template.usageType);
      expect(zh?.subject).toMatch(/[\u4e00-\u9fff].*{{code}}/);
      expect(zh?.content).toContain('{{code}}');
      expect(zh?.content).toContain('lang="zh-CN"');
    }
  });
});

describe('loadEmailTemplates names the file and field of a bad template', () => {
  const good = JSON.stringify({ subject: 'Code {{code}}', content: '<p>{{code}}</p>' });

  it.each([
    ['fr/SignIn.json', '{"subject": "x"', 'email-templates/fr/SignIn.json', undefined, /not valid JSON/],
    ['fr/SignIn.json', JSON.stringify({ subject: 'x' }), 'email-templates/fr/SignIn.json', 'content', /"content" must be a string and is missing/],
    ['fr/SignIn.json', JSON.stringify({ subject: '', content: 'x' }), 'email-templates/fr/SignIn.json', 'subject', /"subject" is empty/],
    ['fr/SignIn.json', JSON.stringify({ subject: 'x', content: 'y', from: 'z' }), 'email-templates/fr/SignIn.json', 'from', /Unknown field "from"/],
    ['fr/Login.json', good, 'email-templates/fr/Login.json', undefined, /not a usage type/],
    ['french/SignIn.json', good, 'email-templates/french/SignIn.json'.replace('/SignIn.json', ''), undefined, /not a language tag/],
    ['fr/SignIn.txt', good, 'email-templates/fr/SignIn.txt', undefined, /Only <UsageType>.json/],
  ])('%s', (name, text, file, field, message) => {
    const result = loadEmailTemplates(folder({ [name]: text }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ file, ...(field && { field }) });
    expect(result.problems[0]?.message).toMatch(message);
  });

  it('says when the folder is missing', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'email-templates-'));
    roots.push(root);
    expect(loadEmailTemplates(root)).toEqual({ ok: false, problems: [{ file: 'email-templates', message: 'The folder is missing.' }] });
  });

  it('reads a good one', () => {
    expect(loadEmailTemplates(folder({ 'fr/SignIn.json': good }))).toEqual({
      ok: true,
      languages: ['fr'],
      templates: [{ languageTag: 'fr', templateType: 'SignIn', subject: 'Code {{code}}', content: '<p>{{code}}</p>' }],
    });
  });
});
