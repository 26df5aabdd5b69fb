import type { ServerResponse } from 'node:http';

import { html, SafeHtml } from '../idp/html';

/**
 * The inbox's front page, rendered on the server so it reads without JavaScript (the viewer
 * aws-ses-v2-local ships is a script that fills an empty page; it stays at `/live`): every
 * mail, newest first, with its code in plain sight and the mail itself in a sandboxed frame.
 */

/** A mail as aws-ses-v2-local's `GET /store` lists it. */
export type StoredMail = {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** Epoch seconds. */
  at: number;
};

/** The six-digit verification code a stand-in code mail carries, in its subject or body. */
export function codeOf(mail: StoredMail): string | undefined {
  return /\b\d{6}\b/.exec(`${mail.subject} ${mail.body.text ?? ''} ${mail.body.html ?? ''}`)?.[0];
}

const styles = `
:root{color-scheme:light dark;--bg:#f4f4f5;--card:#fff;--text:#18181b;--muted:#52525b;--line:#d4d4d8;--accent:#0d746e}
@media (prefers-color-scheme:dark){:root{--bg:#18181b;--card:#27272a;--text:#fafafa;--muted:#d4d4d8;--line:#52525b;--accent:#5eead4}}
*{box-sizing:border-box}
body{margin:0;padding:24px 16px;background:var(--bg);color:var(--text);font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:760px;margin:0 auto}
h1{margin:0 0 4px;font-size:1.5rem}
p{margin:0 0 16px;color:var(--muted)}
a{color:var(--accent);font-weight:600}
ol{list-style:none;margin:0;padding:0;display:grid;gap:16px}
article{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px}
h2{margin:0 0 8px;font-size:1.1rem;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:0 0 12px}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
.code{font:700 1.6rem/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.2em;color:var(--text)}
summary{cursor:pointer;font-weight:600;color:var(--accent)}
iframe{display:block;width:100%;height:720px;margin-top:8px;border:1px solid var(--line);border-radius:8px;background:#fff}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:8px 0 0;font-size:.9rem}
`;

function mailItem(mail: StoredMail): SafeHtml {
  const code = codeOf(mail);
  const sent = new Date(mail.at * 1000).toISOString();
  return html`<li><article aria-labelledby="mail-${mail.messageId}">
<h2 id="mail-${mail.messageId}">${mail.subject || '(no subject)'}</h2>
<dl>
<dt>Code</dt><dd>${code === undefined ? 'none' : html`<span class="code" data-code>${code}</span>`}</dd>
<dt>To</dt><dd>${mail.destination.to.join(', ')}</dd>
<dt>From</dt><dd>${mail.from}</dd>
<dt>Sent</dt><dd><time datetime="${sent}">${sent.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</time></dd>
</dl>
${mail.body.html !== undefined && html`<details><summary>Show the mail</summary><iframe sandbox title="${mail.subject}" srcdoc="${mail.body.html}"></iframe></details>`}
${mail.body.html === undefined && mail.body.text !== undefined && html`<details><summary>Show the mail</summary><pre>${mail.body.text}</pre></details>`}
</article></li>`;
}

export function inboxPage(mails: readonly StoredMail[]): string {
  // The store keeps mail in the order it came (`at` has whole seconds only).
  const newestFirst = [...mails].reverse();
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>Local SES inbox</title><link rel="icon" href="/favicon.ico"><style>${new SafeHtml(styles)}</style></head>
<body><main>
<h1>Local SES inbox</h1>
<p>Mail sent through the local SES stand-in, newest first. <a href="/">Reload</a> for new mail, or open the <a href="/live">live view</a> (JavaScript) that shows it as it arrives.</p>
${newestFirst.length === 0 ? html`<p>No mail yet.</p>` : html`<ol>${newestFirst.map(mailItem)}</ol>`}
</main></body></html>`.toString();
}

export function sendInboxPage(response: ServerResponse, mails: readonly StoredMail[]): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // Mails are shown in sandboxed frames: no script runs, and nothing is fetched from elsewhere.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(inboxPage(mails));
}
