// Relative: next.config.ts loads this module through lib/http/security-headers.ts.
import { cspHash } from '../http/csp-hash';

import type { Failure } from './failure';

/**
 * A small self-contained HTML page for answers that route handlers give with a non-200 status
 * (a failed sign-in callback, an unreachable identity provider). Route handlers cannot render
 * the React layout, so this page carries its own styles, matching the app's look. A failure is
 * shown with `failurePageResponse`; `htmlPageResponse` is the page itself, for refusals that are
 * not a `Failure` (the server-action guard's).
 */

const styles = `
:root{color-scheme:light dark;--bg:#f8fafc;--card:#fff;--text:#0f172a;--muted:#475569;--line:#e2e8f0;--accent:#4f46e5;--accent-text:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#020617;--card:#0f172a;--text:#f1f5f9;--muted:#cbd5e1;--line:#1e293b;--accent:#818cf8;--accent-text:#020617}}
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;padding:24px;background:var(--bg);color:var(--text);font:16px/1.6 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:100%;max-width:32rem;background:var(--card);border:1px solid var(--line);border-radius:16px;padding:32px;box-shadow:0 1px 3px rgb(0 0 0 / .06)}
.status{display:inline-block;font-size:.8rem;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}
h1{font-size:1.5rem;line-height:1.3;margin:.25rem 0 .75rem}p{margin:0 0 1rem;color:var(--muted)}code{font-size:.85em}
ul{margin:0 0 1rem;padding-left:1.25rem}li{margin:.25rem 0;overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:12px;margin-top:1.5rem}
a.button{display:inline-block;padding:.6rem 1.1rem;border-radius:10px;font-weight:600;text-decoration:none;border:1px solid var(--line);color:var(--text)}
a.button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-text)}
a.button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
`;

/** The page's one inline style block, allowed by hash in the CSP that `proxy.ts` sets. */
export const htmlPageStyleHash = cspHash(styles);

export type HtmlPageLink = { href: string; label: string; primary?: boolean };

export type HtmlPage = {
  status: number;
  title: string;
  message: string;
  /** A list under the message, e.g. each setting to fix. */
  items?: string[];
  /** Shown small under the message, e.g. the error code for a support request. */
  detail?: string;
  links: HtmlPageLink[];
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function htmlPageResponse(page: HtmlPage): Response {
  const links = page.links
    .map((link) => `<a class="button${link.primary ? ' primary' : ''}" href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`)
    .join('');
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(page.title)} · Logto SES sign-in</title><style>${styles}</style></head>
<body><main role="main" aria-labelledby="title"><span class="status">Error ${page.status}</span>
<h1 id="title">${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>
${page.items?.length ? `<ul>${page.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : ''}${page.detail ? `<p><small>${escapeHtml(page.detail)}</small></p>` : ''}<div class="actions">${links}</div></main></body></html>`;
  return new Response(body, {
    status: page.status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    },
  });
}

export type FailurePageOptions = {
  links: HtmlPageLink[];
  /** A list under the message, e.g. each setting to fix. */
  items?: string[];
  /** In place of the failure's own message, e.g. one that counts the items. */
  message?: string;
};

/** The HTML answer for a failure: its title, its message, and its code for a support request. */
export function failurePageResponse(failure: Failure & { title: string }, { links, items, message }: FailurePageOptions): Response {
  return htmlPageResponse({
    status: failure.status,
    title: failure.title,
    message: message ?? failure.message,
    items,
    detail: `Error code: ${failure.code}`,
    links,
  });
}
