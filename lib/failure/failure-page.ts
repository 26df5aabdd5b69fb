import { createTranslator } from 'next-intl';

import { productName } from '@/components/product-name';
import { failureText } from '@/lib/i18n/failure-text';
import { localeNames, locales, type Locale } from '@/lib/i18n/locales';
import { messagesFor } from '@/lib/i18n/messages';

import type { Failure } from './failure';
import { htmlPageStyles } from './failure-page-style';

/**
 * A small self-contained HTML page for answers that route handlers and the proxy give with a
 * non-200 status (a failed sign-in callback, an unreachable identity provider, a refused form).
 * They cannot render the React layout, so this page draws the app's shell itself: the header
 * (product name, navigation, language switch), the card and the footer, in the request's
 * language, with its one style block allowed by hash (failure-page-style.ts). A failure is shown
 * with `failurePageResponse`; `htmlPageResponse` is the page itself.
 */

export type HtmlPageLink = { href: string; label: 'tryAgain' | 'backToApp'; primary?: boolean };

export type HtmlPage = {
  status: number;
  locale: Locale;
  title: string;
  message: string;
  /** A second paragraph: what to do about it. */
  hint?: string;
  /** A list under the message, e.g. each setting to fix. */
  items?: string[];
  /** Shown small under the message, e.g. the error code for a support request. */
  detail?: string;
  /**
   * A person's own choice (a cancelled sign-in) rather than an error: no "Error <status>" above
   * the title. The status stays what HTTP calls it; only the page reads calmly.
   */
  calm?: boolean;
  links: HtmlPageLink[];
  /**
   * Where the language switch comes back to: a page that shows the same again (the page's own
   * address may not be one, e.g. a callback already used). The home page by default.
   */
  returnTo?: string;
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const navigation = [
  ['/', 'home'],
  ['/account', 'account'],
  ['/connector', 'connector'],
  ['/setup', 'setup'],
] as const;

/** The header of components/site-header.tsx, as plain HTML: the language switch is a plain form there too. */
function header(locale: Locale, returnTo: string): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'Header' });
  const buttons = locales
    .map(
      (candidate) =>
        `<button type="submit" name="locale" value="${candidate}" lang="${candidate}" aria-pressed="${candidate === locale}">${escapeHtml(localeNames[candidate])}</button>`,
    )
    .join('');
  const links = navigation.map(([href, key]) => `<li><a href="${href}">${escapeHtml(t(key))}</a></li>`).join('');
  return `<header><div class="bar"><a class="brand" href="/"><span aria-hidden="true">@</span>${escapeHtml(productName)}</a>
<nav aria-label="${escapeHtml(t('navigation'))}"><ul>${links}</ul></nav>
<form class="switch" method="post" action="/language" aria-label="${escapeHtml(t('language'))}"><input type="hidden" name="returnTo" value="${escapeHtml(returnTo)}">${buttons}</form></div></header>`;
}

function footer(locale: Locale): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'Footer' });
  // The chunks arrive as an array of strings, whatever the declared type says.
  const link = (href: string) => (chunks: string | string[]) => `<a href="${href}">${escapeHtml([chunks].flat().join(''))}</a>`;
  return `<footer>${t.markup('credits', { logto: link('https://logto.io'), ses: link('https://aws.amazon.com/ses/') })}</footer>`;
}

export function htmlPageResponse(page: HtmlPage): Response {
  const t = createTranslator({ locale: page.locale, messages: messagesFor(page.locale), namespace: 'ErrorPage' });
  const skip = createTranslator({ locale: page.locale, messages: messagesFor(page.locale), namespace: 'Shell' })('skipToContent');
  const links = page.links
    .map((link) => `<a class="button${link.primary ? ' primary' : ''}" href="${escapeHtml(link.href)}">${escapeHtml(t(link.label))}</a>`)
    .join('');
  const paragraph = (text: string | undefined) => (text ? `<p>${escapeHtml(text)}</p>` : '');
  const body = `<!doctype html>
<html lang="${page.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(page.title)} · ${escapeHtml(productName)}</title><link rel="icon" href="/favicon.svg"><style>${htmlPageStyles}</style></head>
<body><a class="sr-only" href="#main">${escapeHtml(skip)}</a>
${header(page.locale, page.returnTo ?? '/')}
<main id="main"><section class="card" aria-labelledby="title">${page.calm ? '' : `<p class="status">${escapeHtml(t('status', { status: page.status }))}</p>`}
<h1 id="title">${escapeHtml(page.title)}</h1>${paragraph(page.message)}${paragraph(page.hint)}
${page.items?.length ? `<ul class="items">${page.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : ''}${page.detail ? `<p><small>${escapeHtml(page.detail)}</small></p>` : ''}<div class="actions">${links}</div></section></main>
${footer(page.locale)}
</body></html>`;
  return new Response(body, {
    status: page.status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The page is in the language of the request's cookie or Accept-Language.
      vary: 'Cookie, Accept-Language',
    },
  });
}

export type FailurePageOptions = {
  locale: Locale;
  links: HtmlPageLink[];
  /** A list under the message, e.g. each setting to fix. */
  items?: string[];
  /** In place of the failure's own message, e.g. one that counts the items. */
  message?: string;
  /** See `HtmlPage.calm`: no status label and no error code. */
  calm?: boolean;
  returnTo?: string;
};

/**
 * The HTML answer for a failure, in the page's language (`Failures.<code>` of the catalogue,
 * lib/i18n/failure-text.ts): its title, its message and hint, and its code for a support request.
 */
export function failurePageResponse(failure: Failure, { locale, links, items, message, calm, returnTo }: FailurePageOptions): Response {
  const text = failureText(locale, failure);
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'ErrorPage' });
  return htmlPageResponse({
    status: failure.status,
    locale,
    title: text.title ?? t('fallbackTitle'),
    message: message ?? text.message,
    hint: text.hint,
    items,
    detail: calm ? undefined : t('errorCode', { code: failure.code }),
    calm,
    links,
    returnTo,
  });
}
