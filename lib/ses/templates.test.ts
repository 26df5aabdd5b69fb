import { describe, expect, it } from 'vitest';

import { findTemplate, renderEmail, renderTemplate, type EmailTemplate } from './templates';

const templates: EmailTemplate[] = [
  { usageType: 'SignIn', subject: 'Sign-in code {{code}}', content: 'sign in' },
  { usageType: 'Generic', subject: 'Code {{code}}', content: 'generic' },
  { usageType: 'SignIn', subject: 'second SignIn, never used', content: '' },
];

describe('findTemplate', () => {
  it('takes the first template with the exact usage type', () => {
    expect(findTemplate(templates, 'SignIn')).toEqual({ ok: true, template: templates[0], templateUsageType: 'SignIn' });
  });

  it('falls back to the Generic template', () => {
    expect(findTemplate(templates, 'MfaVerification')).toEqual({ ok: true, template: templates[1], templateUsageType: 'Generic' });
  });

  it('fails with a typed result when neither exists', () => {
    const result = findTemplate([templates[0]!], 'Register');
    expect(result).toEqual({
      ok: false,
      reason: 'template_not_found',
      usageType: 'Register',
      message: expect.stringContaining('Cannot find template for type: Register'),
    });
  });
});

describe('renderTemplate', () => {
  it('fills placeholders with or without spaces, every occurrence', () => {
    expect(renderTemplate('{{code}} / {{ code }} / {{   code}}', { code: '123456' })).toBe('123456 / 123456 / 123456');
  });

  it('follows dotted paths', () => {
    const payload = { user: { name: 'Ada', profile: { city: 'London' } }, organization: { name: 'Acme' } };
    expect(renderTemplate('Hi {{ user.name }} of {{organization.name}} in {{user.profile.city}}', payload)).toBe(
      'Hi Ada of Acme in London',
    );
  });

  it('leaves a placeholder as written when its root key is absent', () => {
    expect(renderTemplate('Code {{code}}, link {{ link }}, app {{application.name}}', {})).toBe(
      'Code {{code}}, link {{ link }}, app {{application.name}}',
    );
  });

  it('empties a placeholder whose root exists but leaf does not, as Logto does', () => {
    expect(renderTemplate('[{{application.name}}]', { application: {} })).toBe('[]');
    expect(renderTemplate('[{{user.name.first}}]', { user: { name: 'Ada' } })).toBe('[]');
    expect(renderTemplate('[{{code}}]', { code: undefined })).toBe('[]');
    expect(renderTemplate('[{{user.name}}]', { user: { name: null } })).toBe('[]');
  });

  it('stringifies non-string values like Logto', () => {
    const user = { age: 42, admin: false, tags: ['a', 'b'], address: { city: 'Paris' } };
    expect(renderTemplate('{{user.age}} {{user.admin}} {{user.tags}} {{user.address}}', { user })).toBe(
      '42 false a,b [object Object]',
    );
  });

  it('inserts values without HTML escaping, like Logto', () => {
    expect(renderTemplate('<p>{{user.name}}</p>', { user: { name: '<b>Ada</b>' } })).toBe('<p><b>Ada</b></p>');
  });

  it('ignores inherited properties', () => {
    expect(renderTemplate('{{toString}} {{user.constructor}}', { user: {} })).toBe('{{toString}} ');
  });

  it('leaves things that are not placeholders alone', () => {
    expect(renderTemplate('{{ code-x }} {code} {{}}', { code: '1' })).toBe('{{ code-x }} {code} {{}}');
  });
});

describe('renderEmail', () => {
  it('renders the code into subject and content', () => {
    const template = { usageType: 'SignIn', subject: 'Your code is {{code}}', content: '<strong>{{ code }}</strong>' };
    expect(renderEmail(template, { code: '654321' })).toEqual({
      subject: 'Your code is 654321',
      html: '<strong>654321</strong>',
    });
  });
});
