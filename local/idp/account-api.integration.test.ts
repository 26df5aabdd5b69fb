import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadEmailTemplates } from '../../lib/ses';
import { HttpBrowser, jwtClaims, submitCode, submitEmail } from '../../testing/http-browser';
import { testApp, TestStack } from '../../testing/idp-test-stack';
import { shapeDifferences } from '../../testing/recorded-exchanges';
import { emailsTo, waitForEmail, codeIn, type InboxEmail } from '../../testing/inbox';

/**
 * Replays the Account API exchanges recorded from a real Logto 1.42 (account-api/recorded, a copy
 * of ../shared/reference/logto-account-api; its README's KEY FACTS are the contract) against the
 * local stand-in, in their order. Statuses must be equal, bodies the same shape (the same keys
 * with the same value types), error codes and messages equal; every verification mail the
 * recording saw must arrive with the recorded subject (its code being the live one) and the
 * start of its HTML, and no mail where Logto sent none.
 *
 * Placeholders and the recording's ids (tokens, verification records, session uids) are replaced
 * by the live ones as the replay makes them. What the recording did between exchanges without
 * recording it (more sign-ins, records made and expired, account-center changes) is done here
 * in `prepare`, from the recording's notes.
 */

const recordedDir = fileURLToPath(new URL('./account-api/recorded/', import.meta.url));

type Recorded = {
  title: string;
  request: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: unknown };
  response: { status: number; body: unknown };
  notes?: { mail?: { subject: string; htmlStart: string }; afterwards?: Record<string, unknown> };
};

/** Not imitated, so not replayed: the Management API's user deletion and its aftermath. */
const notImitated = new Set(['75', '76', '77']);

const recorded = readdirSync(recordedDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, number: file.slice(0, 2), exchange: JSON.parse(readFileSync(path.join(recordedDir, file), 'utf8')) as Recorded }));

/** Keys whose values are compared exactly: what a client branches on. */
const exactKeys = new Set(['code', 'error', 'error_description', 'message', 'details', 'token_type', 'scope', 'interactionEvent', 'kind', 'enabled']);

// Client ids key a session's `authorizations`.
const rules = { exactKeys, keyedByIds: (at: string) => at.endsWith('.authorizations') };

let stack: TestStack;
/** Recorded value -> live value: placeholders, record ids, codes, session uids, the app. */
const live = new Map<string, string>([
  ['7yqdf0gjto6v81ax0bjbk', testApp.clientId],
  ['http://127.0.0.1:3600', testApp.baseUrl],
]);
const localized = (text: string) => [...live].reduce((result, [recorded, actual]) => result.replaceAll(recorded, actual), text);

const scope = 'openid profile email offline_access urn:logto:scope:sessions';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const browsers = new Map<string, HttpBrowser>();

async function clientCredentials(params: Record<string, string>): Promise<string> {
  const response = await fetch(`${stack.idp.issuer}/token`, {
    method: 'POST',
    headers: { authorization: basic(testApp.m2mClientId, testApp.m2mClientSecret) },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function managementApi(method: string, apiPath: string, body?: unknown) {
  const response = await fetch(new URL(apiPath, stack.idp.url), {
    method,
    headers: { authorization: `Bearer ${live.get('<management-api-token>')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

/** The Account API as the person's app calls it, with A's current token. */
async function accountApi(method: string, apiPath: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(apiPath, stack.idp.url), {
    method,
    headers: { authorization: `Bearer ${live.get('<user-access-token-3>') ?? live.get('<user-access-token-2>')}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: response.status === 204 ? undefined : ((await response.json()) as Record<string, string>) };
}

async function newMail(recipient: string, before: number): Promise<InboxEmail> {
  return waitForEmail(stack.inbox.url, recipient, { alreadySeen: before });
}

/** A record made and verified outside the recording; `recordedCode`: the code its recorded mail held. */
async function verifiedRecord(recordedId: string, email: string, { verify = true, recordedCode }: { verify?: boolean; recordedCode?: string } = {}) {
  const before = (await emailsTo(stack.inbox.url, email)).length;
  const sent = await accountApi('POST', '/api/verifications/verification-code', { identifier: { type: 'email', value: email } });
  expect(sent.status).toBe(201);
  const id = sent.json?.verificationRecordId ?? '';
  const code = codeIn(await newMail(email, before));
  live.set(recordedId, id);
  if (recordedCode) live.set(recordedCode, code);
  if (verify) expect((await accountApi('POST', '/api/verifications/verification-code/verify', { identifier: { type: 'email', value: email }, verificationId: id, code })).status).toBe(200);
}

/** Signs `email` in with a browser of its own; the recorded session's tokens and uid become its. */
async function signIn(name: string, email: string, recordedUid: string) {
  const browser = new HttpBrowser(stack.idp.url);
  const started = await stack.startSignIn({ scope }, browser);
  const before = (await emailsTo(stack.inbox.url, email)).length;
  const codePage = await submitEmail(browser, started.page, email, 'sign-in');
  const done = await submitCode(browser, codePage, codeIn(await newMail(email, before)));
  const tokens = await stack.exchangeCode(done.leftTo ?? new URL('about:blank'), started.verifier);
  expect(tokens.status).toBe(200);
  live.set(`<access-token-${name}>`, tokens.json.access_token ?? '');
  live.set(`<refresh-token-${name}>`, tokens.json.refresh_token ?? '');
  browsers.set(name, browser);
  live.set(recordedUid, `<uid of ${name}>`);
}

/** The live uids of the prepared sessions: a session's `payload.jti` is its browser's `_session` cookie. */
function learnSessionUids(sessions: { payload: { jti: string; uid: string } }[]) {
  for (const [name, browser] of browsers) {
    const session = sessions.find(({ payload }) => payload.jti === browser.cookie('_session'));
    const recordedUid = [...live].find(([, value]) => value === `<uid of ${name}>`)?.[0];
    if (session && recordedUid) live.set(recordedUid, session.payload.uid);
  }
}

const minutes = (count: number) => count * 60_000;

/** What the recording did, unrecorded, before an exchange (from its notes). */
const prepare: Record<string, () => Promise<void>> = {
  // Another user who holds the address 54 tries to take.
  '05': async () => {
    await stack.registerThroughUi('other@example.com');
  },
  // The recording sent 13 with A's third token, which only 28 brings here: its second stands in.
  '13': async () => {
    live.set('<user-access-token-3>', live.get('<user-access-token-2>') ?? '');
  },
  '50': () => verifiedRecord('sg1s3o9enh7lnlguwfj84', 'acct-new@example.com', { verify: false, recordedCode: '852075' }),
  // "Record expiry simulated by moving expires_at into the past": here the records' clock moves.
  '51': async () => {
    stack.clockOffsetMs += minutes(11);
  },
  '52': async () => {
    // The recording put the fields of 07 back after 47, unrecorded: 53-56 need email Edit.
    await managementApi('PATCH', '/api/account-center', recorded.find(({ number }) => number === '07')?.exchange.request.body);
    await verifiedRecord('ywno6dof9qeeoh2liiomy', 'acct-new@example.com');
    await verifiedRecord('spmt3dm9w4tka4dwhpw3d', 'acct-owner@example.com');
    stack.clockOffsetMs += minutes(11);
  },
  '53': () => verifiedRecord('ht5cokidj6z2colpw31ps', 'acct-new@example.com'),
  '54': () => verifiedRecord('thm20t77an77ij3e9phzt', 'other@example.com'),
  '55': () => verifiedRecord('pn1s67p3eg26iyckibhdn', 'acct-unverified@example.com', { verify: false }),
  // Three more browsers of the same person (B, C, D) and E (65), and the identity record of 58-73.
  '58': async () => {
    await signIn('B', 'acct-new@example.com', 'uu2zzyaN4iU6pPNAuNe6OiugcsTLK-xwtMYQdFsvdTD');
    await signIn('C', 'acct-new@example.com', '-Z6gSUsvDG6A7xbJ1Fu5fB1i06_0kyy9xGUo_cGfC6L');
    await signIn('D', 'acct-new@example.com', 'BxftD-recorded-uid-of-D');
    await signIn('E', 'acct-new@example.com', 'tF3tbGvwXoIwSVO3aTLMt1Lb5o3nKYMvw7avkW4Dwya');
    await verifiedRecord('jvcof682bi64urtumr9fg', 'acct-new@example.com');
  },
  // D was deleted as cleanup before 69.
  '69': async () => {
    const response = await accountApi('DELETE', `/api/my-account/sessions/${live.get('BxftD-recorded-uid-of-D')}?revokeGrantsTarget=all`, undefined, { 'logto-verification-id': live.get('jvcof682bi64urtumr9fg') ?? '' });
    expect(response.status).toBe(204);
  },
  '72': () => managementApi('PATCH', '/api/account-center', { fields: { email: 'Edit', session: 'ReadOnly' } }),
  '73': () => managementApi('PATCH', '/api/account-center', { fields: { email: 'Edit' } }),
  // 74 is the 11th send to one recipient within 600 s.
  '74': async () => {
    for (let send = 0; send < 10; send += 1) {
      expect((await accountApi('POST', '/api/verifications/verification-code', { identifier: { type: 'email', value: 'acct-ratelimit@example.com' } })).status).toBe(201);
    }
  },
};

async function refresh(token: string) {
  return stack.tokenRequest({ grant_type: 'refresh_token', refresh_token: token });
}

/** The recording's probes after the session deletes (63-65). */
const afterwards: Record<string, () => Promise<void>> = {
  '13': async () => {
    live.delete('<user-access-token-3>');
  },
  '63': async () => {
    expect((await refresh(live.get('<refresh-token-B>') ?? '')).status).toBe(200);
    const profile = await fetch(new URL('/api/my-account', stack.idp.url), { headers: { authorization: `Bearer ${live.get('<access-token-B>')}` } });
    expect(profile.status).toBe(200);
    expect((await fetch(`${stack.idp.issuer}/me`, { headers: { authorization: `Bearer ${live.get('<access-token-B>')}` } })).status).toBe(200);
    expect((await stack.startSignIn({ scope }, browsers.get('B'))).page.body).toContain('Sign in');
  },
  '64': async () => {
    const refused = await refresh(live.get('<refresh-token-C>') ?? '');
    expect(refused).toMatchObject({ status: 400, json: { error: 'invalid_grant', code: 'oidc.invalid_grant' } });
    const profile = await fetch(new URL('/api/my-account', stack.idp.url), { headers: { authorization: `Bearer ${live.get('<access-token-C>')}` } });
    expect(profile.status).toBe(401);
    // Not recorded, but what an app that checks its token with userinfo relies on.
    const userinfo = await fetch(`${stack.idp.issuer}/me`, { headers: { authorization: `Bearer ${live.get('<access-token-C>')}` } });
    expect(userinfo.status).toBe(401);
    expect((await stack.startSignIn({ scope }, browsers.get('C'))).page.body).toContain('Sign in');
  },
};

beforeAll(async () => {
  const templates = loadEmailTemplates(process.cwd());
  if (!templates.ok) throw new Error('The repository email templates do not load.');
  stack = await TestStack.start(undefined, { emailTemplates: templates.templates });
  live.set('<management-api-token>', await clientCredentials({ resource: 'https://default.logto.app/api', scope: 'all' }));
});

afterAll(async () => {
  await stack?.stop();
});

describe('the local Account API replays the recorded Logto exchanges', () => {
  it('has the recordings', () => {
    expect(recorded).toHaveLength(77);
  });

  for (const { file, number, exchange } of recorded) {
    const run = notImitated.has(number) ? it.skip : it;
    run(`${file}: ${exchange.title}`, async () => {
      await prepare[number]?.();
      const { request, response: want } = exchange;

      // 04 is a browser sign-up and its code exchange; the stand-in's comes from its own screens.
      if (number === '04') {
        const browser = new HttpBrowser(stack.idp.url);
        const { done, verifier } = await stack.registerThroughUi('acct-owner@example.com', browser, { scope, first_screen: 'register' });
        browsers.set('A', browser);
        const tokens = await stack.exchangeCode(done.leftTo ?? new URL('about:blank'), verifier);
        expect(tokens.status).toBe(200);
        expect(shapeDifferences(want.body, tokens.json, rules)).toEqual([]);
        rememberTokens(want.body, tokens.json);
        // Opaque (43 base64url characters), not a JWT: what the Account API takes.
        expect(tokens.json.access_token).toMatch(/^[\w-]{43}$/);
        expect(jwtClaims(tokens.json.id_token ?? '')).toMatchObject({ email: 'acct-owner@example.com', aud: testApp.clientId });
        return;
      }

      const url = new URL(localized(request.path), stack.idp.url);
      for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, localized(value));
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(request.headers)) {
        headers[key] = value === 'Basic <base64 appId:appSecret>' ? basic(testApp.clientId, testApp.clientSecret) : localized(value);
      }
      const body = request.body === null ? undefined : localized(typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
      const recipient = (request.body as { identifier?: { value?: unknown } } | null)?.identifier?.value;
      const mailsBefore = typeof recipient === 'string' ? (await emailsTo(stack.inbox.url, recipient)).length : 0;

      const response = await fetch(url, { method: request.method, headers, body });

      let got: Record<string, unknown> | undefined;
      if (want.status === 204) {
        expect(response.status).toBe(204);
        expect(await response.text()).toBe('');
      } else if (typeof want.body === 'string') {
        expect(response.status).toBe(want.status);
        expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
        expect(await response.text()).toBe(want.body);
      } else {
        got = (await response.json()) as Record<string, unknown>;
        expect(response.status, JSON.stringify(got).slice(0, 500)).toBe(want.status);
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(shapeDifferences(want.body, got, rules)).toEqual([]);
      }

      if (typeof recipient === 'string' && request.path.endsWith('/verification-code')) {
        const mails = (await emailsTo(stack.inbox.url, recipient)).slice(mailsBefore);
        const recordedMail = exchange.notes?.mail;
        expect(mails.map((mail) => mail.subject.replace(/\d{6}/, '<code>'))).toEqual(recordedMail ? [recordedMail.subject.replace(/\d{6}/, '<code>')] : []);
        if (recordedMail && mails[0] && got) {
          expect(mails[0].body.html?.replace(/\s+/g, ' ')).toContain(recordedMail.htmlStart);
          // The recorded code and record id stand for the live ones from here on (16, 18, 42...).
          live.set(/\d{6}/.exec(recordedMail.subject)?.[0] ?? '', codeIn(mails[0]));
          live.set(String((want.body as { verificationRecordId: string }).verificationRecordId), String(got.verificationRecordId));
        }
      }
      if (request.path === '/oidc/token' && got) rememberTokens(want.body, got);
      if (number === '12' || number === '28') expect(got?.refresh_token).toBe(live.get('<refresh-token>'));
      if (number === '12') expect(jwtClaims(String(got?.id_token))).toMatchObject({ name: 'Account Owner', family_name: 'Owner', given_name: 'Account', nickname: 'owner' });
      if (number === '28') expect(jwtClaims(String(got?.id_token))).toMatchObject({ email: 'acct-new@example.com' });
      if (number === '58') {
        const sessions = (got as { sessions: { payload: { jti: string; uid: string }; isCurrent: boolean }[] }).sessions;
        expect(sessions.map(({ isCurrent }) => isCurrent)).toEqual([true, false, false, false, false]);
        learnSessionUids(sessions);
        live.set('-NyiPpAKL3iEifb8yJq90phYIpMyBiJRfljuMAkXBgh', sessions[0]?.payload.uid ?? '');
      }
      if (number === '69') expect((got as { sessions: unknown[] }).sessions).toHaveLength(1);
      await afterwards[number]?.();
    });
  }

  it('signs the new address in to the same account, and the old one no longer', async () => {
    const before = (await emailsTo(stack.inbox.url, 'acct-new@example.com')).length;
    const browser = new HttpBrowser(stack.idp.url);
    const started = await stack.startSignIn({ scope }, browser);
    const codePage = await submitEmail(browser, started.page, 'acct-new@example.com', 'sign-in');
    const done = await submitCode(browser, codePage, codeIn(await newMail('acct-new@example.com', before)));
    const tokens = await stack.exchangeCode(done.leftTo ?? new URL('about:blank'), started.verifier);
    const sub = jwtClaims(tokens.json.id_token ?? '').sub;
    const oldBrowser = new HttpBrowser(stack.idp.url);
    const old = await stack.startSignIn({ scope }, oldBrowser);
    const offer = await submitEmail(oldBrowser, old.page, 'acct-owner@example.com', 'sign-in');
    // An unknown address on sign-in is offered an account of its own.
    expect(offer.body).toContain('Create');
    expect(sub).toBe(jwtClaims(live.get('<id-token-jwt-3>') ?? '').sub);
  });
});

/** A token response's recorded placeholders stand for its live tokens from here on. */
function rememberTokens(want: unknown, got: Record<string, unknown>) {
  for (const key of ['access_token', 'refresh_token', 'id_token']) {
    const placeholder = (want as Record<string, unknown>)[key];
    if (typeof placeholder === 'string' && placeholder.startsWith('<') && typeof got[key] === 'string' && !live.has(placeholder)) live.set(placeholder, got[key]);
  }
}
