import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadEmailTemplates } from '../../lib/ses';

import { firstForm, HttpBrowser, interactionAction, submitCode, submitEmail } from '../../testing/http-browser';
import { testApp, TestStack } from '../../testing/idp-test-stack';
import { uniqueEmail } from '../../testing/unique-email';
import { localSesConnectorConfig } from '../app-environment';
import { startIdp, type RunningIdp } from './server';

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
    expect(page.body).toContain('<h1>Sign in to your account</h1>');
    expect(page.body).toContain('<html lang="en">');

    const offer = await submitEmail(browser, page, email);
    expect(offer.body).toContain(`No account found for <strong>${email}</strong>. Create a new one?`);

    const { action, fields } = firstForm(offer.body);
    const codePage = await browser.visit(action, fields);
    expect(codePage.body).toContain(`The verification code has been sent to your email <strong>${email}</strong>`);
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
    expect(answer.body).toContain('The email is invalid');
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
    expect(offer.body).toContain(`An account with <strong>${email}</strong> already exists. Continue to sign in.`);

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
      expect(answer.body).toContain(`The verification code is invalid. ${left} left.`);
    }
    expect((await submitCode(browser, codePage, wrong(code))).body).toContain('tried too many times');
    expect((await submitCode(browser, codePage, code)).body).toContain('This code has been tried too many times');

    const resent = await browser.visit(interactionAction(codePage, 'resend'), {});
    expect(resent.body).toContain('The verification code has been resent');
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
      expect(answer.body).toContain('Failed to send the verification code. Please try again later. Amazon SES could not be reached');
      expect(answer.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    } finally {
      await broken.close();
    }
  });
});

/** A browser whose language setting is `acceptLanguage`. */
function browserIn(acceptLanguage: string, origin: string) {
  return new HttpBrowser(origin, (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'accept-language': acceptLanguage } }));
}

describe('in the language of the sign-in (en, zh-CN), as Logto', () => {
  // A tenant with the repository's email templates (as under `npm run dev`), so code mails have a language too.
  let dataDir: string;
  let idp: RunningIdp;

  beforeAll(async () => {
    const templates = loadEmailTemplates(process.cwd());
    if (!templates.ok) throw new Error('The repository\'s email templates do not load.');
    dataDir = await mkdtemp(path.join(tmpdir(), 'local-idp-languages-'));
    idp = await startIdp(stack.idpOptions({ dataDir, emailTemplates: templates.templates }));
  });

  afterAll(async () => {
    await idp?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = (params: Record<string, string>, browser = new HttpBrowser(idp.url)) => stack.startSignIn(params, browser, idp);
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('shows every screen of ui_locales=zh-CN in Chinese, in Logto\'s words, and mails the code in Chinese', async () => {
    const email = uniqueEmail('zh-screens');
    const { browser, page } = await start({ ui_locales: 'zh-CN' });
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain('<h1>登录你的账号</h1>');
    expect(page.body).toContain('<label for="email">邮箱</label>');
    expect(page.body).toContain('<button class="button" type="submit">继续</button>');
    expect(page.body).toMatch(/还没有账号？\s*<a [^>]*>注册<\/a>/);
    expect(page.body).toMatch(/<a href="[^"]*\/cancel">取消<\/a>/);

    expect((await submitEmail(browser, page, 'not-an-email')).body).toContain('无效的邮箱');
    expect((await submitEmail(browser, page, '')).body).toContain('邮箱必填');

    const offer = await submitEmail(browser, page, email);
    expect(offer.body).toContain(`<h1>未找到账号</h1>`);
    expect(offer.body).toContain(`未找到账号 <strong>${email}</strong>，创建一个新账号？`);

    const { action, fields } = firstForm(offer.body);
    const codePage = await browser.visit(action, fields);
    expect(codePage.body).toContain('<h1>验证你的邮箱</h1>');
    expect(codePage.body).toContain(`验证码已经发送至你的邮箱 <strong>${email}</strong>`);
    expect(codePage.body).toContain('<label for="code">验证码</label>');
    expect(codePage.body).toContain('还没收到？ <button class="link" type="submit">重发验证码</button>');
    const mail = (await stack.emailsTo(email)).at(-1);
    expect(mail?.subject).toMatch(/验证码/);

    const refused = await submitCode(browser, codePage, wrong(await stack.latestCode(email)));
    expect(refused.body).toContain('无效的验证码。还可尝试 4 次。');
    expect((await browser.visit(interactionAction(codePage, 'resend'), {})).body).toContain('验证码已经发送');
    const done = await submitCode(browser, codePage, await stack.latestCode(email, 2));
    expect(done.leftTo?.searchParams.get('code')).toBeTruthy();
  });

  it('normalises the tag as Logto does: zh-cn and zh get the Chinese screens and mail', async () => {
    for (const ui_locales of ['zh-cn', 'zh']) {
      const email = uniqueEmail('zh-normalised');
      const { browser, page } = await start({ ui_locales, interaction_mode: 'signUp' });
      expect(page.body).toContain('<h1>注册你的账号</h1>');
      await submitEmail(browser, page, email, 'register');
      expect((await stack.emailsTo(email)).at(-1)?.subject).toMatch(/验证码/);
    }
  });

  it("follows the browser's language without ui_locales, and ui_locales over the browser's", async () => {
    const chinese = await start({}, browserIn('zh-CN,zh;q=0.9,en;q=0.8', idp.url));
    expect(chinese.page.body).toContain('<html lang="zh-CN">');
    expect(chinese.page.body).toContain('<h1>登录你的账号</h1>');

    const email = uniqueEmail('en-over-browser');
    const english = await start({ ui_locales: 'en', interaction_mode: 'signUp' }, browserIn('zh-CN', idp.url));
    expect(english.page.body).toContain('<h1>Create your account</h1>');
    await submitEmail(english.browser, english.page, email, 'register');
    expect((await stack.emailsTo(email)).at(-1)?.subject).not.toMatch(/验证码/);
  });

  it('shows a language the screens lack (fr) in English, the fallback', async () => {
    const { page } = await start({ ui_locales: 'fr' });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('<h1>Sign in to your account</h1>');
  });

  it("tells a Chinese browser in Chinese that a sign-in it does not hold has expired", async () => {
    const { page } = await start({ ui_locales: 'zh-CN' });
    const stranger = await browserIn('zh-CN', idp.url).visit(page.url);
    expect(stranger.status).toBe(400);
    expect(stranger.body).toContain('<h1>登录已过期</h1>');
    expect(stranger.body).toContain('未找到会话，请返回并重新登录。');
  });
});

describe('/favicon.ico', () => {
  it('is an icon, not a 404', async () => {
    const response = await fetch(`${stack.idp.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    // An ICO file's header: reserved 0, type 1 (icon), one image.
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
  });
});
