import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { jwtClaims } from '../../testing/http-browser';
import { localSesConnectorConfig } from '../app-environment';
import { emailsTo } from '../../testing/inbox';
import { testApp, TestStack } from '../../testing/idp-test-stack';
import { shapeDifferences } from '../../testing/recorded-exchanges';

/**
 * Replays the exchanges recorded from a real Logto 1.42 (management-api/recorded, copied from
 * the team's reference) against the local stand-in, in their order (18 and 19 change the app's
 * URIs and put them back; 20 must change nothing). Statuses must be equal, bodies the same
 * shape: the same keys with the same value types; error codes, OIDC errors and messages equal.
 * Ids, secrets, tokens and timestamps differ by nature. Connector tests must deliver the
 * recorded mail (subject and HTML) to the inbox, or none when Logto sent none. 40 records
 * browser sign-ins, not Management API calls: lib/ses/template-order.test.ts replays it.
 */

const recordedDir = fileURLToPath(new URL('./management-api/recorded/', import.meta.url));

type Recorded = {
  title: string;
  request: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: unknown };
  response: { status: number; body: unknown };
  notes?: { mailsArrived?: number; mailInSesStandInStore?: { subject: string; html: string } };
};

const recorded = readdirSync(recordedDir)
  .filter((file) => file.endsWith('.json') && !file.startsWith('40-'))
  .sort()
  .map((file) => ({ file, exchange: JSON.parse(readFileSync(path.join(recordedDir, file), 'utf8')) as Recorded }));

/** Keys whose values are compared exactly: what a client branches on. */
const exactKeys = new Set(['code', 'error', 'error_description', 'message', 'details', 'type', 'target', 'connectorId', 'token_type', 'scope', 'name']);

/** Free-text names (an app's, a language's) legitimately differ; codes and messages do not. */
const rules = { exactKeys, freeText: (key: string, at: string) => key === 'name' && at !== '$.data' };

let stack: TestStack;
const tokens: Record<string, string> = {};
/** The recorded tenant's row ids, as the stand-in created them (email templates, the SES connector). */
const ids = new Map<string, string>();

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function clientCredentials(params: Record<string, string>): Promise<string> {
  const response = await fetch(`${stack.idp.issuer}/token`, {
    method: 'POST',
    headers: { authorization: basic(testApp.m2mClientId, testApp.m2mClientSecret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
  const json = (await response.json()) as { access_token: string };
  return json.access_token;
}

beforeAll(async () => {
  // Shaped as the recorded tenant's connector, which names no configuration set.
  stack = await TestStack.start({ ...localSesConnectorConfig(), configurationSetName: undefined });
  tokens.management = await clientCredentials({ resource: 'https://default.logto.app/api', scope: 'all' });
  tokens.other = await clientCredentials({ resource: 'https://fixture-other.example.com/api' });
  tokens.noScope = await clientCredentials({ resource: 'https://default.logto.app/api' });
  // Captured once: 57 replaces the SES connector, and 59 re-creates it with its id.
  ids.set('ip5ypbbavsgy', stack.idp.management.state.connectors[0]?.id ?? '');
});

afterAll(async () => {
  await stack?.stop();
});

/** The recorded tenant's ids and origins, replaced by the stand-in's. */
function localized(text: string): string {
  let local = text.replaceAll('http://127.0.0.1:3100', testApp.baseUrl).replaceAll('qsaf4p9r92ldcixtqqlac', testApp.clientId);
  for (const [recordedId, localId] of ids) local = local.replaceAll(recordedId, localId);
  return local;
}

/** After a PUT, the stand-in's ids of the rows the recording names. */
function rememberTemplateIds(want: unknown, got: unknown) {
  if (!Array.isArray(want) || !Array.isArray(got)) return;
  for (const row of want as { id: string; languageTag: string; templateType: string }[]) {
    const mine = (got as typeof row[]).find((item) => item.languageTag === row.languageTag && item.templateType === row.templateType);
    if (mine) ids.set(row.id, mine.id);
  }
}

async function put(body: unknown) {
  const response = await fetch(`${stack.idp.url}/api/email-templates`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${tokens.management}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

/** The recording's authorization placeholders, with working (or deliberately wrong) values. */
function authorization(file: string, header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const placeholders: Record<string, string> = {
    'Basic <base64 verifym2m:wrong-secret-value>': basic(testApp.m2mClientId, 'wrong-secret-value'),
    'Basic <base64 appId:wrong-secret-value>': basic(testApp.clientId, 'wrong-secret-value'),
    'Basic <base64 no-such-client-id:whatever>': basic('no-such-client-id', 'whatever'),
    'Bearer <management-api-token>': `Bearer ${tokens.management}`,
    'Bearer <access-token-for-other-resource>': `Bearer ${tokens.other}`,
    'Bearer <management-api-token-without-scope-all>': `Bearer ${tokens.noScope}`,
  };
  if (header === 'Basic <base64 appId:appSecret>') {
    // 04 is the Traditional app's own credentials; the other token requests are the M2M app's.
    return file.startsWith('04-') ? basic(testApp.clientId, testApp.clientSecret) : basic(testApp.m2mClientId, testApp.m2mClientSecret);
  }
  return placeholders[header] ?? header;
}

describe('the local Management API and token endpoint replay the recorded Logto exchanges', () => {
  it('has the recordings', () => {
    expect(recorded.map(({ file }) => file.slice(0, 2))).toEqual(
      [
        ...['01', '02', '04', '06', '07', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '22', '24', '25', '26', '27', '28', '29'],
        ...['30', '31', '32', '33', '34', '35', '36', '37', '38', '39', '41', '42', '43', '44', '45', '46', '47', '48', '49', '50', '51', '52', '53'],
        ...['56', '57', '58', '59', '60'],
      ],
    );
  });

  for (const { file, exchange } of recorded) {
    it(`${file}: ${exchange.title}`, async () => {
      const { request, response: want } = exchange;
      const url = new URL(localized(request.path), stack.idp.url);
      for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
      const headers: Record<string, string> = {};
      const auth = authorization(file, request.headers.authorization);
      if (auth) headers.authorization = auth;
      if (request.headers['content-type']) headers['content-type'] = request.headers['content-type'];
      const body = request.body === null ? undefined : typeof request.body === 'string' ? request.body : localized(JSON.stringify(request.body));

      const recipient = (request.body as { email?: unknown } | null)?.email;
      const mailsBefore = typeof recipient === 'string' ? (await emailsTo(stack.inbox.url, recipient)).length : 0;
      const response = await fetch(url, { method: request.method, headers, body });
      let got: unknown;
      if (want.status === 204) {
        expect(response.status).toBe(204);
        expect(await response.text()).toBe('');
      } else {
        got = await response.json();
        expect(response.status, JSON.stringify(got).slice(0, 500)).toBe(want.status);
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
        // Messages quote ids (52): the recorded ones, as the stand-in made them.
        expect(shapeDifferences(JSON.parse(localized(JSON.stringify(want.body))), got, rules)).toEqual([]);
        if (request.method === 'PUT') rememberTemplateIds(want.body, got);
      }
      const notes = exchange.notes;
      if (typeof recipient === 'string' && notes?.mailsArrived !== undefined) {
        const mails = (await emailsTo(stack.inbox.url, recipient)).slice(mailsBefore);
        expect(mails.map((mail) => mail.subject)).toEqual(notes.mailInSesStandInStore ? [notes.mailInSesStandInStore.subject] : []);
        if (notes.mailInSesStandInStore) expect(mails[0]?.body.html).toBe(notes.mailInSesStandInStore.html);
      }
      // The recording put 41's Generic details back after 42, unrecorded; 48 relies on it.
      if (file.startsWith('42-')) {
        const original = recorded.find(({ file: name }) => name.startsWith('41-'))?.exchange.request.body as { templates: { templateType: string }[] };
        await put({ templates: original.templates.filter((template) => template.templateType === 'Generic') });
      }
      if (file.startsWith('01-')) {
        const header = JSON.parse(Buffer.from(String((got as { access_token: string }).access_token).split('.')[0] ?? '', 'base64url').toString('utf8'));
        expect(header.typ).toBe('at+jwt');
        expect(jwtClaims((got as { access_token: string }).access_token)).toMatchObject({ aud: 'https://default.logto.app/api', scope: 'all', client_id: testApp.m2mClientId });
      }
    });
  }

  it('kept the app as it was: 19 put the URIs back and 20 changed nothing', () => {
    expect(stack.idp.management.state.application).toMatchObject({ redirectUris: [testApp.redirectUri], postLogoutRedirectUris: [testApp.baseUrl] });
  });

  it('ends as the recording did: one email connector, the SES one with its id again; 32-34 stored nothing', () => {
    const { connectors, emailTemplates } = stack.idp.management.state;
    expect(connectors.map(({ id, connectorId }) => ({ id, connectorId }))).toEqual([{ id: ids.get('ip5ypbbavsgy'), connectorId: 'aws-ses-mail' }]);
    expect((connectors[0]?.config.templates as { subject: string }[])[1]?.subject).toBe('Sign-in code {{code}}');
    expect(emailTemplates).toEqual([]);
  });
});
