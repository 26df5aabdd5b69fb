import { describe, expect, it } from 'vitest';

import type { AwsSesConnectorConfig, LocalizedTemplate } from '@/lib/ses';

import { planSync, type TenantConnector, type TenantTemplate } from './sync';

const connector: AwsSesConnectorConfig = {
  accessKeyId: 'AKIA-test-id',
  accessKeySecret: 'very-secret-value',
  region: 'eu-west-1',
  emailAddress: 'App <no-reply@example.com>',
  templates: [
    { usageType: 'Register', subject: 'Register {{code}}', content: '<p>{{code}}</p>' },
    { usageType: 'SignIn', subject: 'Sign in {{code}}', content: '<p>{{code}}</p>' },
    { usageType: 'ForgotPassword', subject: 'Reset {{code}}', content: '<p>{{code}}</p>' },
    { usageType: 'Generic', subject: 'Code {{code}}', content: '<p>{{code}}</p>' },
  ],
};

const ses = (config: Record<string, unknown> = { ...connector }): TenantConnector => ({ id: 'conn1', connectorId: 'aws-ses-mail', type: 'Email', config });
const template = (languageTag: string, templateType: LocalizedTemplate['templateType'], subject = `${languageTag} ${templateType}`): LocalizedTemplate => ({ languageTag, templateType, subject, content: '<p>{{code}}</p>' });
const row = (id: string, local: LocalizedTemplate, details: Record<string, unknown> = {}): TenantTemplate => ({
  id,
  ...local,
  details: { subject: local.subject, content: local.content, contentType: 'text/html', ...details },
});

describe('planSync', () => {
  it('has nothing to do when the tenant equals the repository', () => {
    const templates = [template('en', 'SignIn'), template('zh-CN', 'SignIn')];
    const plan = planSync({ connectors: [ses()], templates: templates.map((local, index) => row(`t${index}`, local)) }, { connector, templates });
    expect(plan).toEqual({ connector: { action: 'none', id: 'conn1' }, put: [], remove: [], changes: [], said: [] });
  });

  it('updates a differing connector, naming the field but never a secret', () => {
    const plan = planSync({ connectors: [ses({ ...connector, region: 'us-east-1', accessKeySecret: 'old-secret-value' })], templates: [] }, { connector, templates: [] });
    expect(plan.connector).toMatchObject({ action: 'update', id: 'conn1' });
    expect(plan.changes).toEqual(['connector: accessKeySecret differs', 'connector: region: the tenant has "us-east-1", AWS_SES_CONFIG "eu-west-1"']);
    expect(JSON.stringify(plan)).not.toMatch(/old-secret-value|very-secret-value/);
  });

  it('creates the connector when there is no email connector', () => {
    expect(planSync({ connectors: [], templates: [] }, { connector, templates: [] }).connector.action).toBe('create');
  });

  it('plans to replace another kind of email connector, and says so', () => {
    const smtp: TenantConnector = { id: 'smtp1', connectorId: 'simple-mail-transfer-protocol', type: 'Email', config: {} };
    const plan = planSync({ connectors: [smtp], templates: [] }, { connector, templates: [] });
    expect(plan.connector).toMatchObject({ action: 'replace', replaces: { id: 'smtp1', connectorId: 'simple-mail-transfer-protocol' } });
    expect(plan.changes[0]).toMatch(/replace the simple-mail-transfer-protocol email connector/);
  });

  it('ignores connectors of other kinds', () => {
    const social: TenantConnector = { id: 'g1', connectorId: 'google-universal', type: 'Social', config: {} };
    expect(planSync({ connectors: [social, ses()], templates: [] }, { connector, templates: [] }).connector.action).toBe('none');
  });

  it('adds, changes and removes templates, each shown', () => {
    const plan = planSync(
      {
        connectors: [ses()],
        templates: [row('a', template('en', 'SignIn', 'old subject')), row('b', template('en', 'Generic')), row('c', template('fr', 'SignIn'))],
      },
      { connector, templates: [template('en', 'SignIn'), template('en', 'Generic'), template('zh-CN', 'SignIn')] },
    );
    expect(plan.put).toEqual([template('en', 'SignIn'), template('zh-CN', 'SignIn')]);
    expect(plan.remove).toEqual([{ id: 'c', languageTag: 'fr', templateType: 'SignIn' }]);
    expect(plan.changes).toEqual(['template en/SignIn: change the subject', 'template zh-CN/SignIn: add', 'template fr/SignIn: remove (not in email-templates/)']);
  });

  it('sees a changed content', () => {
    const plan = planSync({ connectors: [ses()], templates: [row('a', { ...template('en', 'SignIn'), content: '<p>old</p>' })] }, { connector, templates: [template('en', 'SignIn')] });
    expect(plan.changes).toEqual(['template en/SignIn: change the content']);
  });

  it('compares every field Logto stores: a plain-text type, a reply-to and a sender differ too', () => {
    const local = template('en', 'SignIn');
    const plan = planSync(
      {
        connectors: [ses()],
        templates: [row('a', local, { contentType: 'text/plain' }), row('b', template('en', 'Generic'), { replyTo: 'help@example.com', sendFrom: 'Support' })],
      },
      { connector, templates: [local, template('en', 'Generic')] },
    );
    expect(plan.changes).toEqual(['template en/SignIn: change the contentType', 'template en/Generic: remove the replyTo and sendFrom']);
    expect(plan.put).toEqual([local, template('en', 'Generic')]);
  });
});
