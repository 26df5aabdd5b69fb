import { describe, expect, it } from 'vitest';

import { parseSesConnectorConfig } from './connector-config';
import { defaultLocalConnectorConfig, defaultTemplates } from './default-templates';
import { renderEmail } from './templates';
import { usageTypes } from './usage-types';

describe('defaultTemplates', () => {
  it('has exactly one template per usage type', () => {
    expect(defaultTemplates.map((template) => template.usageType)).toEqual([...usageTypes]);
  });

  it.each(defaultTemplates.map((template) => [template.usageType, template] as const))(
    '%s shows the code in subject and body, and the 10-minute expiry',
    (_usageType, template) => {
      const { subject, html } = renderEmail(template, { code: '482913' });
      expect(subject).toMatch(/^Your .+ is 482913$/);
      expect(html).toContain('482913');
      expect(html).toContain('expires in 10 minutes');
      expect(html).toContain('<table role="presentation"');
      expect(html).not.toMatch(/{{/);
    },
  );

  it('uses the wording a person expects for sign-in and registration', () => {
    const subjects = Object.fromEntries(defaultTemplates.map((template) => [template.usageType, template.subject]));
    expect(subjects.SignIn).toBe('Your sign-in code is {{code}}');
    expect(subjects.Register).toBe('Your registration code is {{code}}');
  });
});

describe('defaultLocalConnectorConfig', () => {
  const credentials = { accessKeyId: 'AKIALOCALTESTEXAMPLE', accessKeySecret: 'local-test-secret', region: 'us-east-1' };

  it('builds a config that passes validation, with copies of the default templates', () => {
    const config = defaultLocalConnectorConfig({ ...credentials, emailAddress: 'App <no-reply@example.com>' });
    expect(parseSesConnectorConfig(config)).toEqual({ ok: true, config });
    expect(config).toMatchObject({ ...credentials, emailAddress: 'App <no-reply@example.com>' });
    expect(config.templates).toEqual(defaultTemplates);
    expect(config.templates[0]).not.toBe(defaultTemplates[0]);
  });

  it('keeps templates given by the caller', () => {
    const templates = [{ usageType: 'Generic', subject: 's', content: 'c' }];
    expect(defaultLocalConnectorConfig({ ...credentials, templates }).templates).toBe(templates);
  });
});
