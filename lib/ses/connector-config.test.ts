import { describe, expect, it } from 'vitest';

import { message, messageText } from '../i18n/message';

import {
  describeConnectorFields,
  formatFieldPath,
  hiddenSecretLabel,
  maskAccessKeyId,
  parseSesConnectorConfig,
  parseSesConnectorConfigJson,
  type ConnectorFieldReport,
} from './connector-config';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** Shaped like what the Logto console shows for this connector (its default templates included). */
const logtoConsoleJson = `{
  "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
  "accessKeySecret": "${secret}",
  "region": "eu-west-1",
  "emailAddress": "Logto <noreply@example.com>",
  "templates": [
    { "usageType": "SignIn", "subject": "<sign-in-template-subject>", "content": "Your sign-in code is {{code}}. It is valid for 10 minutes." },
    { "usageType": "Register", "subject": "<register-template-subject>", "content": "Your sign-up code is {{code}}." },
    { "usageType": "ForgotPassword", "subject": "<forgot-password-template-subject>", "content": "Your password code is {{code}}." },
    { "usageType": "OrganizationInvitation", "subject": "<organization-invitation-template-subject>", "content": "Your invitation code is {{code}}." },
    { "usageType": "Generic", "subject": "<generic-template-subject>", "content": "Your code is {{code}}." },
    { "usageType": "UserPermissionValidation", "subject": "<user-permission-validation-template-subject>", "content": "{{code}}" },
    { "usageType": "BindNewIdentifier", "subject": "<bind-new-identifier-template-subject>", "content": "{{code}}" },
    { "usageType": "MfaVerification", "subject": "<mfa-verification-template-subject>", "content": "{{code}}" },
    { "usageType": "BindMfa", "subject": "<bind-mfa-template-subject>", "content": "{{code}}" }
  ]
}`;

const minimalTemplates = ['Register', 'SignIn', 'ForgotPassword', 'Generic'].map((usageType) => ({
  usageType,
  subject: `${usageType} {{code}}`,
  content: `<p>{{code}}</p>`,
}));

const minimal = () => ({
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  accessKeySecret: secret,
  region: 'us-east-1',
  templates: minimalTemplates.map((template) => ({ ...template })),
});

function issuesOf(input: unknown) {
  const result = parseSesConnectorConfig(input);
  if (result.ok) throw new Error('expected the config to be rejected');
  return result.issues;
}

describe('parseSesConnectorConfigJson', () => {
  it('accepts the JSON from the Logto console as is', () => {
    const result = parseSesConnectorConfigJson(logtoConsoleJson);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.region).toBe('eu-west-1');
    expect(result.config.emailAddress).toBe('Logto <noreply@example.com>');
    expect(result.config.templates).toHaveLength(9);
    expect(result.config.configurationSetName).toBeUndefined();
  });

  it('reports malformed JSON as one issue on AWS_SES_CONFIG, without quoting the input', () => {
    const broken = logtoConsoleJson.replace(`"${secret}"`, secret);
    const result = parseSesConnectorConfigJson(broken);
    expect(result).toEqual({ ok: false, issues: [{ field: 'AWS_SES_CONFIG', message: expect.stringContaining('not valid JSON') }] });
    expect(JSON.stringify(result)).not.toContain('bPxRfiCY');
  });

  it('points at the line of a trailing comma', () => {
    const result = parseSesConnectorConfigJson('{\n  "region": "us-east-1",\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.message).toMatch(/line 3, column 1/);
  });

  it('says so when the text is empty', () => {
    expect(parseSesConnectorConfigJson('  ')).toEqual({
      ok: false,
      issues: [{ field: 'AWS_SES_CONFIG', message: expect.stringContaining('is empty') }],
    });
  });
});

describe('parseSesConnectorConfig', () => {
  it('accepts the minimal config and all optional fields', () => {
    expect(parseSesConnectorConfig(minimal()).ok).toBe(true);
    const full = {
      ...minimal(),
      emailAddress: 'noreply@example.com',
      emailAddressIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      feedbackForwardingEmailAddress: 'bounces@example.com',
      feedbackForwardingEmailAddressIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/bounces.example.com',
      configurationSetName: 'transactional',
    };
    expect(parseSesConnectorConfig(full)).toEqual({ ok: true, config: full });
  });

  it('accepts unknown keys (dropped) and unknown usage types (kept), like Logto', () => {
    const input = {
      ...minimal(),
      somethingNew: true,
      templates: [...minimalTemplates, { usageType: 'Welcome', subject: 's', content: 'c', locale: 'en' }],
    };
    const result = parseSesConnectorConfig(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).not.toHaveProperty('somethingNew');
    expect(result.config.templates.at(-1)).toEqual({ usageType: 'Welcome', subject: 's', content: 'c' });
  });

  it.each(['accessKeyId', 'accessKeySecret', 'region', 'templates'] as const)('reports a missing %s', (field) => {
    const input: Record<string, unknown> = minimal();
    delete input[field];
    expect(issuesOf(input)).toEqual([{ field, message: expect.stringMatching(new RegExp(`^"${field}" is missing\\. Set it to `)) }]);
  });

  it('names every required usage type that has no template', () => {
    const input = { ...minimal(), templates: minimalTemplates.filter((t) => t.usageType === 'SignIn' || t.usageType === 'ForgotPassword') };
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe('templates');
    expect(issues[0]?.message).toContain('no template for Register, Generic');
    expect(issues[0]?.message).toContain('"usageType": "Register"');
  });

  it('reports wrong types with readable paths and without echoing the value', () => {
    const input = {
      ...minimal(),
      region: 42,
      emailAddress: null,
      accessKeySecret: ['oops'],
      templates: [
        ...minimalTemplates,
        { usageType: 'SignIn', subject: 'Hi', content: false },
        { usageType: 7, subject: 'Hi', content: 'x' },
        'not a template',
      ],
    };
    const issues = issuesOf(input);
    expect(issues.map((issue) => issue.field)).toEqual([
      'accessKeySecret',
      'region',
      'emailAddress',
      'templates[4].content',
      'templates[5].usageType',
      'templates[6]',
    ]);
    expect(issues[1]?.message).toBe('"region" must be a string, but it is a number. Set it to the AWS region where your SES identity is verified, e.g. "us-east-1".');
    expect(issues[2]?.message).toContain('but it is null');
    expect(issues[4]?.message).toContain('one of Register, SignIn, ForgotPassword, Generic');
    expect(issues[5]?.message).toContain('must be an object, but it is a string');
    expect(JSON.stringify(issues)).not.toContain('oops');
  });

  it('reports a missing template key', () => {
    const input = { ...minimal(), templates: [...minimalTemplates, { usageType: 'BindMfa', content: 'x' }] };
    expect(issuesOf(input)).toEqual([{ field: 'templates[4].subject', message: expect.stringMatching(/^"templates\[4\]\.subject" is missing/) }]);
  });

  it('rejects a config that is not an object', () => {
    expect(issuesOf([])).toEqual([{ field: 'AWS_SES_CONFIG', message: expect.stringContaining('must be a JSON object') }]);
    expect(issuesOf('{}')[0]?.field).toBe('AWS_SES_CONFIG');
  });
});

describe('formatFieldPath', () => {
  it('writes paths the way a person would', () => {
    expect(formatFieldPath([])).toBe('AWS_SES_CONFIG');
    expect(formatFieldPath(['region'])).toBe('region');
    expect(formatFieldPath(['templates', 2, 'usageType'])).toBe('templates[2].usageType');
  });
});

describe('maskAccessKeyId', () => {
  it('keeps the first and last four characters', () => {
    expect(maskAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
    expect(maskAccessKeyId('AKIALOCALDEVEXAMPLE1')).toBe('AKIA…PLE1');
  });

  it('hides short values entirely rather than reveal most of them', () => {
    expect(maskAccessKeyId('short')).toBe(hiddenSecretLabel);
    expect(maskAccessKeyId('')).toBe(hiddenSecretLabel);
  });
});

describe('describeConnectorFields', () => {
  const byField = (reports: ConnectorFieldReport[]) => Object.fromEntries(reports.map((report) => [report.field, report]));

  it('describes all nine fields of a valid config, masking the credentials', () => {
    const reports = describeConnectorFields(logtoConsoleJson);
    expect(reports.map((report) => report.field)).toEqual([
      'accessKeyId',
      'accessKeySecret',
      'region',
      'emailAddress',
      'emailAddressIdentityArn',
      'feedbackForwardingEmailAddress',
      'feedbackForwardingEmailAddressIdentityArn',
      'configurationSetName',
      'templates',
    ]);
    const fields = byField(reports);
    expect(fields.accessKeyId).toMatchObject({ status: 'valid', required: true, display: 'AKIA…MPLE' });
    expect(fields.accessKeySecret).toMatchObject({ status: 'valid', required: true, display: 'set (hidden)' });
    expect(fields.region).toMatchObject({ status: 'valid', display: 'eu-west-1' });
    expect(fields.emailAddress).toMatchObject({ status: 'valid', display: 'Logto <noreply@example.com>' });
    expect(fields.configurationSetName).toMatchObject({ status: 'missing', required: false });
    expect(fields.configurationSetName?.reason).toMatch(/^Not set \(optional\)/);
    expect(fields.templates).toMatchObject({ status: 'valid', display: '9 templates' });
    expect(JSON.stringify(reports)).not.toContain(secret);
    expect(JSON.stringify(reports)).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('explains which usage types fall back to Generic and which are unknown', () => {
    const fields = byField(describeConnectorFields({ ...minimal(), templates: [...minimalTemplates, { usageType: 'Welcome', subject: '', content: '' }] }));
    expect(fields.templates?.status).toBe('valid');
    expect(fields.templates?.reason).toContain('OrganizationInvitation, UserPermissionValidation, BindNewIdentifier, MfaVerification, BindMfa use the Generic template');
    expect(fields.templates?.reason).toContain('"Welcome" is not a usage type Logto sends');
  });

  it('marks missing, empty and invalid fields, never displaying a bad credential', () => {
    const fields = byField(
      describeConnectorFields({ accessKeyId: 12345, accessKeySecret: '', templates: minimalTemplates.slice(0, 2) }),
    );
    expect(fields.accessKeyId).toMatchObject({ status: 'invalid' });
    expect(fields.accessKeyId).not.toHaveProperty('display');
    expect(fields.accessKeyId?.reason).toContain('must be a string, but it is a number');
    expect(fields.accessKeySecret).toMatchObject({ status: 'missing' });
    expect(fields.accessKeySecret).not.toHaveProperty('display');
    expect(fields.accessKeySecret?.reason).toMatch(/^Empty/);
    expect(fields.region).toMatchObject({ status: 'missing', required: true });
    expect(fields.emailAddress?.reason).toContain('SES refuses to send without a sender');
    expect(fields.templates).toMatchObject({ status: 'invalid' });
    expect(fields.templates?.reason).toContain('no template for ForgotPassword, Generic');
  });

  it('marks every field invalid when the JSON cannot be read', () => {
    const reports = describeConnectorFields(`{"accessKeySecret": ${secret}}`);
    expect(reports).toHaveLength(9);
    expect(reports.every((report) => report.status === 'invalid' && report.reason.includes('not valid JSON'))).toBe(true);
    expect(JSON.stringify(reports)).not.toContain('bPxRfiCY');
    expect(describeConnectorFields(null).every((report) => report.status === 'invalid')).toBe(true);
  });
});

describe('describeConnectorFields in the catalogues', () => {
  it('says the same in Chinese, for every field and state', () => {
    const reports = [
      ...describeConnectorFields({}),
      ...describeConnectorFields({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', accessKeySecret: '', region: 'eu-west-1', emailAddress: 'Logto <no-reply@example.com>', templates: [{ usageType: 'Welcome', subject: '', content: '' }] }),
      ...describeConnectorFields('{ not json'),
      ...describeConnectorFields(''),
      ...describeConnectorFields('[]'),
    ];
    for (const report of reports) {
      expect(report.text.map((text) => messageText('en', text)).join(' ')).toBe(report.reason);
      const chinese = report.text.map((text) => messageText('zh-CN', text)).join(' ');
      expect(chinese, report.field).toMatch(/[\u4e00-\u9fff]/);
      expect(chinese, report.field).not.toMatch(/ConnectorFields\./);
    }
    expect(messageText('zh-CN', describeConnectorFields('{ "a": 1, }')[0]?.text[0] ?? message('x'))).toContain('（第 1 行第 11 列附近）');
  });
});
