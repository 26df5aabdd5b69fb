import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { submitCode, submitEmail } from '../../testing/http-browser';
import { TestStack } from '../../testing/idp-test-stack';
import { codeIn, waitForEmail } from '../../testing/inbox';
import { uniqueEmail } from '../../testing/unique-email';

import { mapAccountApiError, type AccountApiTarget } from './account-api';
import { currentStep, freshFlow, type AccountFlow } from './account-flow';
import { runAccountStep, type AccountAction } from './account-service';

/**
 * The account service against the local stand-in of Logto's Account API (local/idp): the whole
 * change of address with the codes from the inbox, the sessions ended with their grants, and
 * the refusals mapped, as the page runs them (only the token plumbing of Next is left out).
 */

let stack: TestStack;
const scope = 'openid profile email offline_access urn:logto:scope:sessions';

beforeAll(async () => {
  // As `npm run dev` starts it: the account center on with email and session Edit.
  stack = await TestStack.start(undefined, { accountCenter: { enabled: true, fields: { email: 'Edit', session: 'Edit' }, webauthnRelatedOrigins: [], deleteAccountUrl: null } });
});

afterAll(async () => {
  await stack?.stop();
});

type Person = { sub: string; email: string; accessToken: string; refreshToken: string };

async function signUp(email: string): Promise<Person> {
  const { done, verifier } = await stack.registerThroughUi(email, undefined, { scope, prompt: 'consent' });
  const tokens = await stack.exchangeCode(done.leftTo ?? new URL('about:blank'), verifier);
  expect(tokens.status).toBe(200);
  const userinfo = (await (await fetch(`${stack.idp.issuer}/me`, { headers: { authorization: `Bearer ${tokens.json.access_token}` } })).json()) as { sub: string };
  return { sub: userinfo.sub, email, accessToken: tokens.json.access_token ?? '', refreshToken: tokens.json.refresh_token ?? '' };
}

const targetOf = (person: Person): AccountApiTarget => ({ endpoint: stack.idp.url.replace(/\/$/, ''), accessToken: person.accessToken, timeoutMs: 5000, managementApi: true });

async function run(person: Person, flow: AccountFlow, action: AccountAction) {
  return runAccountStep({
    flow,
    person: { sub: person.sub, email: person.email },
    action,
    target: async () => ({ ok: true, target: targetOf(person) }),
    refreshSession: async () => {
      const refreshed = await stack.tokenRequest({ grant_type: 'refresh_token', refresh_token: person.refreshToken });
      if (refreshed.status !== 200) return mapAccountApiError(401, refreshed.json, { managementApi: true });
      const claims = JSON.parse(Buffer.from((refreshed.json.id_token ?? '').split('.')[1] ?? '', 'base64url').toString()) as { email?: string };
      return { ok: true, email: claims.email };
    },
  });
}

async function confirmIdentity(person: Person, mailsBefore: number) {
  const sent = await run(person, freshFlow(person.sub), { kind: 'send-identity-code' });
  expect(sent).toMatchObject({ ok: true });
  const code = codeIn(await waitForEmail(stack.inbox.url, person.email, { alreadySeen: mailsBefore }));
  const verified = await run(person, sent.flow, { kind: 'verify-identity-code', code });
  expect(verified).toMatchObject({ ok: true });
  return verified.flow;
}

describe('the account service against the stand-in', () => {
  it('moves the account to a new address with a code to each, and the refreshed ID token carries it', async () => {
    const person = await signUp(uniqueEmail('svc-from'));
    const newEmail = uniqueEmail('svc-to');
    let flow = await confirmIdentity(person, 1);

    const wrong = await run(person, { ...flow }, { kind: 'send-new-address-code', email: 'not-an-email' });
    expect(wrong).toMatchObject({ ok: false, code: 'invalid_email', field: 'email' });

    const sent = await run(person, flow, { kind: 'send-new-address-code', email: newEmail });
    expect(sent.ok).toBe(true);
    flow = sent.flow;
    expect(currentStep(flow, Date.now())).toBe('enter-new-address-code');
    const bindMail = await waitForEmail(stack.inbox.url, newEmail);

    const mismatch = await run(person, flow, { kind: 'verify-new-address-code', code: codeIn(bindMail) === '000000' ? '111111' : '000000' });
    expect(mismatch).toMatchObject({ ok: false, code: 'wrong_code', field: 'code' });

    const changed = await run(person, mismatch.flow, { kind: 'verify-new-address-code', code: codeIn(bindMail) });
    expect(changed).toMatchObject({ ok: true, notice: { key: 'addressChanged', values: { email: newEmail } } });
    const me = (await (await fetch(`${stack.idp.url.replace(/\/$/, '')}/api/my-account`, { headers: { authorization: `Bearer ${person.accessToken}` } })).json()) as { primaryEmail?: string };
    expect(me.primaryEmail).toBe(newEmail);
  });

  it('refuses an address that belongs to another account, on the email field', async () => {
    const taken = uniqueEmail('svc-taken');
    await signUp(taken);
    const person = await signUp(uniqueEmail('svc-owner'));
    const flow = await confirmIdentity(person, 1);
    const sent = await run(person, flow, { kind: 'send-new-address-code', email: taken });
    expect(sent.ok).toBe(true);
    const code = codeIn(await waitForEmail(stack.inbox.url, taken, { alreadySeen: 1 }));
    const refused = await run(person, sent.flow, { kind: 'verify-new-address-code', code });
    expect(refused).toMatchObject({ ok: false, code: 'email_in_use', field: 'email' });
  });

  it("ends another session with its grant: that device's tokens stop at once", async () => {
    const email = uniqueEmail('svc-sessions');
    const person = await signUp(email);
    // A second device of the same person.
    const browser = await stack.startSignIn({ scope, prompt: 'consent' });
    const codePage = await submitEmail(browser.browser, browser.page, email, 'sign-in');
    const done = await submitCode(browser.browser, codePage, codeIn(await waitForEmail(stack.inbox.url, email, { alreadySeen: 1 })));
    const other = await stack.exchangeCode(done.leftTo ?? new URL('about:blank'), browser.verifier);
    expect(other.status).toBe(200);

    const flow = await confirmIdentity(person, 2);
    const ended = await run(person, flow, { kind: 'end-other-sessions' });
    expect(ended).toMatchObject({ ok: true, notice: { key: 'otherSessionsEnded', values: { count: 1 } } });

    const userinfo = await fetch(`${stack.idp.issuer}/me`, { headers: { authorization: `Bearer ${other.json.access_token}` } });
    expect(userinfo.status).toBe(401);
    expect(await stack.tokenRequest({ grant_type: 'refresh_token', refresh_token: other.json.refresh_token ?? '' })).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    // This one still works.
    expect((await fetch(`${stack.idp.issuer}/me`, { headers: { authorization: `Bearer ${person.accessToken}` } })).status).toBe(200);
  });
});
