import { html, phraseHtml, SafeHtml } from './html';
import { fill, type Phrases } from './phrases';

/**
 * The server-rendered screens of the local sign-in experience, shaped after Logto's
 * passwordless email flow: a centered card with the app's name, one field, one primary button.
 * They work without JavaScript; only the sign-out page carries a one-line script. Every word
 * comes from `t` (phrases.ts), in the language of the sign-in.
 */

export type Intent = 'sign-in' | 'register';

/** The form targets of one sign-in attempt, all under the path its interaction cookie is scoped to. */
export function interactionPaths(uid: string) {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  return {
    start: base,
    screen: (intent: Intent) => `${base}?screen=${intent}`,
    code: base + '/code',
    email: base + '/email',
    verify: base + '/verify',
    resend: base + '/resend',
    cancel: base + '/cancel',
  };
}

export type InteractionPaths = ReturnType<typeof interactionPaths>;

const styles = `
:root{color-scheme:light dark;--bg:#f3f4f6;--card:#fff;--text:#191c1d;--muted:#4b5052;--line:#8c9193;--primary:#5d34f2;--primary-hover:#4821d6;--on-primary:#fff;--error:#b3261e;--notice:#1b6b3a}
@media (prefers-color-scheme:dark){:root{--bg:#101213;--card:#1c1e20;--text:#f2f3f4;--muted:#c2c6c8;--line:#8c9193;--primary:#b7a4ff;--primary-hover:#cfc2ff;--on-primary:#1a0f45;--error:#ffb4ab;--notice:#8ee2a8}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px 16px;background:var(--bg);color:var(--text);font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:100%;max-width:400px;background:var(--card);border-radius:16px;padding:40px 32px;box-shadow:0 4px 24px rgb(0 0 0 / .08)}
@media (max-width:480px){body{align-items:flex-start;background:var(--card)}main{padding:24px 4px;box-shadow:none}}
.app{margin:0 0 24px;font-weight:700;font-size:1.1rem;letter-spacing:.01em}
h1{margin:0 0 8px;font-size:1.5rem;line-height:1.3}
p{margin:0 0 16px;color:var(--muted)}
strong{color:var(--text);overflow-wrap:anywhere}
form{margin:0}
label{display:block;margin:0 0 6px;font-weight:600}
input{display:block;width:100%;height:48px;padding:0 14px;border:1px solid var(--line);border-radius:10px;background:transparent;color:var(--text);font:inherit}
input[aria-invalid=true]{border-color:var(--error)}
input.code{font-size:1.4rem;letter-spacing:.4em;font-variant-numeric:tabular-nums}
.button{display:block;width:100%;height:48px;margin-top:20px;border:0;border-radius:10px;background:var(--primary);color:var(--on-primary);font:inherit;font-weight:600;cursor:pointer}
.button:hover{background:var(--primary-hover)}
.link{padding:0;border:0;background:none;color:var(--primary);font:inherit;font-weight:600;text-decoration:underline;cursor:pointer}
a{color:var(--primary);font-weight:600}
:focus-visible{outline:3px solid var(--primary);outline-offset:2px}
.error{margin:8px 0 0;color:var(--error);font-weight:500}
.notice{margin:0 0 16px;color:var(--notice);font-weight:500}
.hint{font-size:.9rem}
.row{display:flex;flex-wrap:wrap;gap:8px 20px;margin-top:20px}
footer{margin-top:28px;padding-top:16px;border-top:1px solid var(--line);font-size:.95rem}
footer p{margin:0}
`;

function page(t: Phrases, title: string, content: SafeHtml): string {
  return html`<!doctype html>
<html lang="${t.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title><link rel="icon" href="/favicon.ico"><style>${new SafeHtml(styles)}</style></head>
<body><main>${content}</main></body></html>`.toString();
}

function cancelFooter(t: Phrases, paths: InteractionPaths): SafeHtml {
  return html`<footer><p>${phraseHtml(t.cancelNote, { cancel: t.cancel }, (inner) => html`<a href="${paths.cancel}">${inner}</a>`)}</p></footer>`;
}

function errorText(id: string, message: string | undefined): SafeHtml | undefined {
  return message === undefined ? undefined : html`<p class="error" id="${id}" role="alert">${message}</p>`;
}

const strong = (text: string) => html`<strong>${text}</strong>`;

/** The first screen: "Sign in to your account" or "Create your account", asking for the email address. */
export function emailScreen(options: {
  t: Phrases;
  appName: string;
  paths: InteractionPaths;
  intent: Intent;
  email?: string;
  error?: string;
}): string {
  const { t, appName, paths, intent, email, error } = options;
  const signIn = intent === 'sign-in';
  const title = signIn ? t.signInTitle : t.registerTitle;
  return page(
    t,
    `${title} · ${appName}`,
    html`<p class="app">${appName}</p>
<h1>${title}</h1>
<p>${signIn ? t.signInIntro : t.registerIntro}</p>
<form method="post" action="${paths.email}" novalidate>
<input type="hidden" name="intent" value="${intent}">
<label for="email">${t.emailLabel}</label>
<input id="email" name="email" type="email" autocomplete="email" inputmode="email" required autofocus value="${email ?? ''}"
 ${error === undefined ? '' : html`aria-invalid="true" aria-describedby="email-error"`}>
${errorText('email-error', error)}
<button class="button" type="submit">${t.continue}</button>
</form>
<div class="row"><span>${signIn ? t.noAccount : t.haveAccount}
<a href="${paths.screen(signIn ? 'register' : 'sign-in')}">${signIn ? t.createAccount : t.signIn}</a></span></div>
${cancelFooter(t, paths)}`,
  );
}

/**
 * Shown when the address does not fit the intent: unknown on sign-in (offer to register, as
 * Logto does) or already registered on sign-up (offer to sign in instead).
 */
export function switchIntentScreen(options: { t: Phrases; appName: string; paths: InteractionPaths; email: string; to: Intent }): string {
  const { t, appName, paths, email, to } = options;
  const register = to === 'register';
  const title = register ? t.noAccountTitle : t.accountExistsTitle;
  return page(
    t,
    `${title} · ${appName}`,
    html`<p class="app">${appName}</p>
<h1>${title}</h1>
<p>${phraseHtml(register ? t.unknownEmail : t.emailExists, { value: strong(email) })}</p>
<form method="post" action="${paths.email}">
<input type="hidden" name="intent" value="${to}">
<input type="hidden" name="email" value="${email}">
<button class="button" type="submit">${register ? t.createAccount : t.signIn}</button>
</form>
<div class="row"><a href="${paths.screen(register ? 'sign-in' : 'register')}">${fill(t.change, { method: t.emailWord })}</a></div>
${cancelFooter(t, paths)}`,
  );
}

export function codeScreen(options: {
  t: Phrases;
  appName: string;
  inboxUrl?: string;
  paths: InteractionPaths;
  email: string;
  intent: Intent;
  error?: string;
  notice?: string;
}): string {
  const { t, appName, inboxUrl, paths, email, intent, error, notice } = options;
  return page(
    t,
    `${t.verifyEmailTitle} · ${appName}`,
    html`<p class="app">${appName}</p>
<h1>${t.verifyEmailTitle}</h1>
${notice === undefined ? undefined : html`<p class="notice" role="status">${notice}</p>`}
<p>${phraseHtml(t.codeSent, { address: t.emailWord, target: strong(email) })}</p>
${inboxUrl === undefined ? undefined : html`<p class="hint">${phraseHtml(t.localInbox, {}, (inner) => html`<a href="${inboxUrl}" target="_blank" rel="noopener">${inner}</a>`)}</p>`}
<form method="post" action="${paths.verify}" novalidate>
<label for="code">${t.codeLabel}</label>
<input id="code" class="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus
 ${error === undefined ? '' : html`aria-invalid="true" aria-describedby="code-error"`}>
${errorText('code-error', error)}
<button class="button" type="submit">${t.verify}</button>
</form>
<div class="row">
<form method="post" action="${paths.resend}"><span>${phraseHtml(t.resendCode, {}, (inner) => html`<button class="link" type="submit">${inner}</button>`)}</span></form>
<a href="${paths.screen(intent)}">${fill(t.change, { method: t.emailWord })}</a>
</div>
${cancelFooter(t, paths)}`,
  );
}

/** Dead ends (an expired sign-in attempt, a failed request) with a way back to the app. */
export function messageScreen(options: { t: Phrases; title: string; message: string; link?: { href: string; label: string } }): string {
  const { t, title, message, link } = options;
  return page(
    t,
    title,
    html`<h1>${title}</h1>
<p>${message}</p>
${link && html`<div class="row"><a href="${link.href}">${link.label}</a></div>`}`,
  );
}

/**
 * oidc-provider's sign-out confirmation. Logto does not ask: its page submits the form on load.
 * The visible button covers browsers without JavaScript.
 */
export function signOutScreen(t: Phrases, appName: string, providerForm: string): string {
  const formId = 'op.logoutForm';
  return page(
    t,
    `${t.signingOutTitle} · ${appName}`,
    html`<p class="app">${appName}</p>
<h1>${t.signingOutTitle}</h1>
${new SafeHtml(providerForm)}
<input type="hidden" form="${formId}" name="logout" value="yes">
<button class="button" type="submit" form="${formId}">${t.signOut}</button>
<script>document.getElementById(${new SafeHtml(JSON.stringify(formId))}).submit();</script>`,
  );
}

/** Shown when sign-out ends at the IdP, i.e. the app sent no `post_logout_redirect_uri`. */
export function signedOutScreen(t: Phrases, appName: string, appBaseUrl: string): string {
  return messageScreen({
    t,
    title: t.signedOutTitle,
    message: fill(t.signedOut, { app: appName }),
    link: { href: appBaseUrl, label: fill(t.backToApp, { app: appName }) },
  });
}
