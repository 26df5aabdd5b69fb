import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { Session } from '@/lib/auth/session';
import type { ConfigResult } from '@/lib/config';
import { parsedTestConfig, logtoTestEnv } from '@/lib/config/test-support';
import { defaultLocalConnectorConfig, loadEmailTemplates } from '@/lib/ses';

import { applySyncAction, fixRedirectUrisAction } from './actions';
import type { ManagementClient } from './client';
import { planDigest, planSync, type TenantTemplate } from './sync';

/**
 * /setup's actions against a scripted tenant: who may change it, that Apply carries out only the
 * plan the page showed, and that Logto's test mail counts as a test send. The configuration,
 * the session, the Management API client and SES's recipient check are the test's; the rest
 * (authorization, planning, the limits) is real.
 */

const state = vi.hoisted(() => ({
  config: undefined as unknown as ConfigResult,
  session: undefined as unknown as Session,
  client: undefined as unknown,
  recipient: { ok: true, notChecked: [] } as unknown,
}));
vi.mock('@/lib/config', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/config')>()), getConfig: () => state.config }));
vi.mock('@/lib/auth/session', () => ({ getSession: async () => state.session }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/i18n/request', () => ({ localeOfRequest: async () => 'en' }));
vi.mock('./client', async (importOriginal) => ({ ...(await importOriginal<typeof import('./client')>()), managementClientFor: () => state.client }));
vi.mock('@/lib/ses', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/ses')>()), checkRecipient: async () => state.recipient }));

const connector = defaultLocalConnectorConfig({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', accessKeySecret: 'secret-key-value', region: 'eu-west-1', emailAddress: 'App <no-reply@example.com>' });
const folder = loadEmailTemplates();
if (!folder.ok) throw new Error('email-templates/ does not load');
const repositoryTemplates = folder.templates;

type Call = { method: string; path: string; body?: unknown };

/** A tenant whose connector equals AWS_SES_CONFIG and whose templates are `templates`; every write answers success. */
function scriptedTenant(templates: TenantTemplate[], connectors = [{ id: 'conn1', connectorId: 'aws-ses-mail', type: 'Email', config: connector as unknown as Record<string, unknown> }]) {
  const calls: Call[] = [];
  const answer = (status: number, data?: unknown) => ({ data, response: new Response(null, { status: status === 204 ? 204 : 200 }) });
  const record = (method: string) => async (path: string, options: { body?: unknown } = {}) => {
    calls.push({ method, path, body: options.body });
    if (method === 'GET' && path === '/api/connectors') return answer(200, connectors);
    if (method === 'GET' && path === '/api/email-templates') return answer(200, templates.map(({ id, languageTag, templateType, details }) => ({ id, languageTag, templateType, details })));
    if (method === 'GET') return answer(200, {});
    return answer(path.endsWith('/test') || method === 'DELETE' ? 204 : 200, {});
  };
  state.client = { GET: record('GET'), POST: record('POST'), PUT: record('PUT'), PATCH: record('PATCH'), DELETE: record('DELETE') } as unknown as ManagementClient;
  const writes = () => calls.filter((call) => call.method !== 'GET');
  const testMails = () => calls.filter((call) => call.path.endsWith('/test'));
  return { calls, writes, testMails, digest: () => planDigest(planSync({ connectors, templates }, { connector, templates: repositoryTemplates })) };
}

/** A tenant row as sync writes it (Logto stores the details whole: fixture 42). */
const row = (template: Omit<TenantTemplate, 'details'>): TenantTemplate => ({ ...template, details: { subject: template.subject, content: template.content, contentType: 'text/html' } });
const rows = (templates = repositoryTemplates): TenantTemplate[] => templates.map((template, index) => row({ id: `t${index}`, ...template }));
/** The tenant lacks one of the repository's templates: Apply would add it. */
const missingOne = () => rows(repositoryTemplates.slice(1));

const env = {
  ...logtoTestEnv,
  AWS_SES_CONFIG: JSON.stringify(connector),
  LOGTO_M2M_APP_ID: 'm2m-app',
  LOGTO_M2M_APP_SECRET: 'm2m-secret',
  TEST_SEND_ALLOWED_EMAILS: '@example.com',
  LOGTO_SETUP_ADMINS: 'admin@example.com',
};

const signedIn = (email: string): Session => ({ state: 'signed-in', claims: { sub: `user-${email}`, email, email_verified: true }, email });

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(name, item);
  return data;
}

beforeEach(() => {
  state.config = { ok: true, config: parsedTestConfig(env) };
  state.session = signedIn('admin@example.com');
  state.recipient = { ok: true, notChecked: [] };
});

describe('who may change the tenant from /setup', () => {
  it('refuses a tester who is not a setup admin, even one allowed to test-send by @domain', async () => {
    const tenant = scriptedTenant(missingOne());
    state.session = signedIn('tester@example.com');
    const result = await applySyncAction({}, form({ planDigest: tenant.digest() }));
    expect(result.result).toMatchObject({ ok: false, message: expect.stringContaining('LOGTO_SETUP_ADMINS') });
    expect((await fixRedirectUrisAction()).result).toMatchObject({ ok: false, message: expect.stringContaining('LOGTO_SETUP_ADMINS') });
    expect(tenant.calls).toEqual([]);
  });

  it('refuses everyone when LOGTO_SETUP_ADMINS is unset', async () => {
    const tenant = scriptedTenant(missingOne());
    state.config = { ok: true, config: parsedTestConfig({ ...env, LOGTO_SETUP_ADMINS: undefined, TEST_SEND_ALLOWED_EMAILS: 'admin@example.com' }) };
    const result = await applySyncAction({}, form({ planDigest: tenant.digest() }));
    expect(result.result).toMatchObject({ ok: false, message: expect.stringContaining('turned off') });
    expect(tenant.calls).toEqual([]);
  });

  it('refuses an admin address whose verification the IdP does not vouch for', async () => {
    const tenant = scriptedTenant(missingOne());
    state.session = { state: 'signed-in', claims: { sub: 'u', email: 'admin@example.com' }, email: 'admin@example.com' };
    expect((await applySyncAction({}, form({ planDigest: tenant.digest() }))).result).toMatchObject({ ok: false });
    expect(tenant.writes()).toEqual([]);
  });

  it('lets a setup admin apply the plan the page showed', async () => {
    const tenant = scriptedTenant(missingOne());
    const result = await applySyncAction({}, form({ planDigest: tenant.digest() }));
    expect(result.result).toMatchObject({ ok: true, done: ['Wrote 1 email template.'] });
    expect(tenant.writes().map((call) => call.method)).toEqual(['PUT']);
  });
});

describe('Apply carries out only the plan the page showed', () => {
  it('refuses when the tenant changed since (a template added meanwhile is not deleted unseen), naming the new difference', async () => {
    const shown = scriptedTenant(rows()).digest();
    const tenant = scriptedTenant([...rows(), row({ id: 'fr1', languageTag: 'fr', templateType: 'SignIn', subject: 'Code', content: '<p>{{code}}</p>' })]);
    const result = await applySyncAction({}, form({ planDigest: shown, confirmRemovals: 'fr/SignIn' }));
    expect(result.result).toMatchObject({ ok: false, field: 'planDigest', message: expect.stringContaining('template fr/SignIn: remove') });
    expect(tenant.writes()).toEqual([]);
  });

  it('refuses without a digest', async () => {
    const tenant = scriptedTenant(missingOne());
    expect((await applySyncAction({}, form({}))).result).toMatchObject({ ok: false, field: 'planDigest' });
    expect(tenant.writes()).toEqual([]);
  });

  it('removes a template only when its removal was confirmed by name', async () => {
    const tenant = scriptedTenant([...rows(), row({ id: 'fr1', languageTag: 'fr', templateType: 'SignIn', subject: 'Code', content: '<p>{{code}}</p>' })]);
    const unconfirmed = await applySyncAction({}, form({ planDigest: tenant.digest() }));
    expect(unconfirmed.result).toMatchObject({ ok: false, field: 'confirmRemovals', message: expect.stringContaining('fr/SignIn') });
    expect(tenant.writes()).toEqual([]);
    const confirmed = await applySyncAction({}, form({ planDigest: tenant.digest(), confirmRemovals: 'fr/SignIn' }));
    expect(confirmed.result).toMatchObject({ ok: true, done: ['Removed template fr/SignIn.'] });
    expect(tenant.writes()).toEqual([{ method: 'DELETE', path: '/api/email-templates/{id}', body: undefined }]);
  });

  it('replaces another kind of email connector only when its replacement was confirmed by its ID', async () => {
    const tenant = scriptedTenant(rows(), [{ id: 'smtp1', connectorId: 'smtp-mail', type: 'Email', config: {} }]);
    const unconfirmed = await applySyncAction({}, form({ planDigest: tenant.digest() }));
    expect(unconfirmed.result).toMatchObject({ ok: false, field: 'replace', message: expect.stringContaining('smtp-mail') });
    expect((await applySyncAction({}, form({ planDigest: tenant.digest(), replace: 'yes' }))).result).toMatchObject({ ok: false, field: 'replace' });
    expect(tenant.writes()).toEqual([]);
    const confirmed = await applySyncAction({}, form({ planDigest: tenant.digest(), replace: 'smtp-mail' }));
    expect(confirmed.result).toMatchObject({ ok: true, done: ['Replaced the smtp-mail connector with AWS SES.'] });
  });

  it('refuses when there is nothing to apply, and sends no test mail', async () => {
    const tenant = scriptedTenant(rows());
    const result = await applySyncAction({}, form({ planDigest: tenant.digest(), testTo: 'someone@outside.test' }));
    expect(result.result).toMatchObject({ ok: false, message: expect.stringContaining('nothing to apply') });
    expect(tenant.testMails()).toEqual([]);
  });
});

describe("Logto's test mail from Apply counts as a test send", () => {
  it('is refused once the recipient limit is used up', async () => {
    state.config = { ok: true, config: parsedTestConfig({ ...env, TEST_SEND_RECIPIENT_LIMIT: '1/10m' }) };
    const to = `outside-${Date.now()}@outside.test`;
    const tenant = scriptedTenant(missingOne());
    expect((await applySyncAction({}, form({ planDigest: tenant.digest(), testTo: to }))).result).toMatchObject({ ok: true });
    const second = await applySyncAction({}, form({ planDigest: tenant.digest(), testTo: to }));
    expect(second.result).toMatchObject({ ok: false, field: 'testTo', message: expect.stringContaining('TEST_SEND_RECIPIENT_LIMIT') });
    expect(tenant.testMails()).toHaveLength(1);
  });

  it('is refused for a recipient SES would not deliver to', async () => {
    state.recipient = { ok: false, status: 422, code: 'ses_recipient_suppressed', message: 'x@example.com is on the suppression list.' };
    const tenant = scriptedTenant(missingOne());
    const result = await applySyncAction({}, form({ planDigest: tenant.digest(), testTo: 'x@example.com' }));
    expect(result.result).toMatchObject({ ok: false, field: 'testTo', message: expect.stringContaining('suppression list') });
    expect(tenant.testMails()).toEqual([]);
  });
});
