import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { firstForm, HttpBrowser, interactionAction, submitCode, submitEmail } from '../../testing/http-browser';
import { testApp, TestStack } from '../../testing/idp-test-stack';
import { uniqueEmail } from '../../testing/unique-email';
import { localSesConnectorConfig } from '../app-environment';
import { startIdp } from './server';

/**
 * The passwordless email sign-in experience, screen by screen, with the codes read from the
 * local SES inbox. Everything goes through HTTP as a browser without JavaScript would.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.start();
});

afterAll(async () => {
  await stack?.stop();
});

describe('sign-in', () => {
  it('offers to register an unknown address and sends it a Register code', async () => {
    const email = uniqueEmail('unknown');
    const { browser, page } = await stack.startSignIn();
    expect(page.body).toContain('<h1>Sign in</h1>');

    const offer = await submitEmail(browser, page, email);
    expect(offer.body).toContain(`No account for <strong>${email}</strong>. Create one?`);

    const { action, fields } = firstForm(offer.body);
    const codePage = await browser.visit(action, fields);
    expect(codePage.body).toContain(`Enter the 6-digit code sent to <strong>${email}</strong>`);
    expect(codePage.body).toMatch(/name="code"[^>]*inputmode="numeric"[^>]*autocomplete="one-time-code"/);
    expect((await stack.emailsTo(email)).map((mail) => mail.subject)).toEqual([expect.stringMatching(/registration code/)]);

    const done = await submitCode(browser, codePage, await stack.latestCode(email));
    expect(done.leftTo?.searchParams.get('code')).toBeTruthy();
  });

  it('sends a known address a SignIn code', async () => {
    const email = uniqueEmail('known');
    await stack.registerThroughUi(email);

    const { browser, page } = await stack.startSignIn();
    const codePage = await submitEmail(browser, page, email);
    expect((await stack.emailsTo(email)).at(-1)?.subject).toMatch(/sign-in code/);
    const done = await submitCode(browser, codePage, await stack.latestCode(email, 2));
    expect(done.leftTo?.searchParams.get('code')).toBeTruthy();
  });

  it('signs in again without a code while the IdP session lasts', async () => {
    const browser = new HttpBrowser(stack.idp.url);
    await stack.registerThroughUi(uniqueEmail('sso'), browser);
    const { page } = await stack.startSignIn({}, browser);
    expect(page.leftTo?.searchParams.get('code')).toBeTruthy();
  });

  it('pre-fills the email from login_hint', async () => {
    const { page } = await stack.startSignIn({ login_hint: 'hint@example.com' });
    expect(page.body).toMatch(/id="email"[^>]*value="hint@example.com"/);
  });

  it('explains an invalid email next to the field', async () => {
    const { browser, page } = await stack.startSignIn();
    const answer = await submitEmail(browser, page, 'not-an-email');
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Enter a valid email address');
    expect(answer.body).toContain('aria-invalid="true"');
  });

  it('returns error=access_denied to the app on cancel', async () => {
    const { browser, page, state } = await stack.startSignIn();
    const { leftTo } = await browser.visit(interactionAction(page, 'cancel'));
    expect(`${leftTo?.origin}${leftTo?.pathname}`).toBe(testApp.redirectUri);
    expect(leftTo?.searchParams.get('error')).toBe('access_denied');
    expect(leftTo?.searchParams.get('state')).toBe(state);
  });

  it('tells another browser without the interaction cookie that the attempt expired', async () => {
    const { page } = await stack.startSignIn();
    const stranger = await new HttpBrowser(stack.idp.url).visit(page.url);
    expect(stranger.status).toBe(400);
    expect(stranger.body).toContain('Sign-in expired');
  });
});

describe('registration', () => {
  it.each<Record<string, string>>([{ interaction_mode: 'signUp' }, { first_screen: 'register' }])(
    'opens on registration for %o and sends a Register code',
    async (params) => {
      const email = uniqueEmail('signup');
      const { browser, page } = await stack.startSignIn(params);
      expect(page.body).toContain('<h1>Create your account</h1>');

      await submitEmail(browser, page, email, 'register');
      expect((await stack.emailsTo(email)).map((mail) => mail.subject)).toEqual([expect.stringMatching(/registration code/)]);
    },
  );

  it('offers to sign in when the address already has an account', async () => {
    const email = uniqueEmail('exists');
    await stack.registerThroughUi(email);

    const { browser, page } = await stack.startSignIn({ interaction_mode: 'signUp' });
    const offer = await submitEmail(browser, page, email, 'register');
    expect(offer.body).toContain('already has an account. Sign in instead?');

    const { action, fields } = firstForm(offer.body);
    await browser.visit(action, fields);
    expect((await stack.emailsTo(email)).at(-1)?.subject).toMatch(/sign-in code/);
  });
});

describe('verification codes', () => {
  async function codeScreenFor(email: string) {
    const { browser, page } = await stack.startSignIn({ interaction_mode: 'signUp' });
    const codePage = await submitEmail(browser, page, email, 'register');
    return { browser, codePage, code: await stack.latestCode(email) };
  }

  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('voids the code after five wrong tries until a new one is sent', async () => {
    const email = uniqueEmail('tries');
    const { browser, codePage, code } = await codeScreenFor(email);

    for (const left of ['4 tries', '3 tries', '2 tries', '1 try']) {
      const answer = await submitCode(browser, codePage, wrong(code));
      expect(answer.status).toBe(400);
      expect(answer.body).toContain(`That code is not right. ${left} left.`);
    }
    expect((await submitCode(browser, codePage, wrong(code))).body).toContain('tried too many times');
    expect((await submitCode(browser, codePage, code)).body).toContain('This code has been tried too many times');

    const resent = await browser.visit(interactionAction(codePage, 'resend'), {});
    expect(resent.body).toContain('We sent you a new code.');
    const done = await submitCode(browser, codePage, await stack.latestCode(email, 2));
    expect(done.leftTo?.searchParams.get('code')).toBeTruthy();
  });

  it('rejects a code after 10 minutes', async () => {
    const { browser, codePage, code } = await codeScreenFor(uniqueEmail('expiry'));
    stack.clockOffsetMs = 10 * 60_000 + 1_000;
    try {
      expect((await submitCode(browser, codePage, code)).body).toContain('This code has expired');
    } finally {
      stack.clockOffsetMs = 0;
    }
  });

  it('asks for six digits without spending a try', async () => {
    const { browser, codePage, code } = await codeScreenFor(uniqueEmail('format'));
    expect((await submitCode(browser, codePage, '12ab')).body).toContain('Enter the 6-digit code');
    expect((await submitCode(browser, codePage, code)).leftTo?.searchParams.get('code')).toBeTruthy();
  });

  it('accepts a code only once', async () => {
    const email = uniqueEmail('once');
    const { browser, codePage, code } = await codeScreenFor(email);
    expect((await submitCode(browser, codePage, code)).leftTo?.searchParams.get('code')).toBeTruthy();
    // The interaction is over, so the same code on the same screen gets nowhere.
    expect((await submitCode(browser, codePage, code)).leftTo).toBeUndefined();
  });
});

describe('when SES fails', () => {
  it('shows the mapped error, not a stack trace', async () => {
    // Nothing listens on the discard port, so SES cannot be reached.
    const sesSettings = { connector: localSesConnectorConfig(), endpoint: 'http://127.0.0.1:9', timeoutMs: 2_000 };
    const broken = await startIdp(stack.idpOptions({ sesSettings }));
    try {
      const { browser, page } = await stack.startSignIn({ interaction_mode: 'signUp' }, new HttpBrowser(broken.url), broken);
      const answer = await submitEmail(browser, page, uniqueEmail('ses-down'), 'register');
      expect(answer.status).toBe(502);
      expect(answer.body).toContain('We could not send the code: Amazon SES could not be reached');
      expect(answer.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    } finally {
      await broken.close();
    }
  });
});
