import { mkdirSync } from 'node:fs';

import AxeBuilder from '@axe-core/playwright';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Page } from '@playwright/test';

import { productName } from '../../components/product-name';
import { messagesFor } from '../../lib/i18n/messages';
import type { Locale } from '../../lib/i18n/locales';

/**
 * The standard every page of the app is held to (issue 22), as checks a journey can run on the
 * page it is on: axe-core finds no WCAG 2.1 A/AA violation, at 375 px no text leaves its box and
 * the page does not scroll sideways, no visible string is in the other language, and
 * `<html lang>` names the page's language. Each check returns findings (what, where) rather than
 * failing, so that one run reports every page's problems at once.
 */

export type Finding = { rule: string; view: string; detail: string };

export const widths = { desktop: { width: 1280, height: 800 }, '375': { width: 375, height: 812 } } as const;
export type Width = keyof typeof widths;
export type Scheme = 'light' | 'dark';
/**
 * `axe`: which of axe's rules run in this view. All of them in light, at both widths (the
 * layout differs); in dark only the colour rules, once (a scheme changes colours, not markup);
 * 375 px dark is looked at (overflow, screenshot) but adds nothing new for axe.
 */
export type View = { width: Width; scheme: Scheme; axe: 'all' | 'colours' | 'none' };
export const views: View[] = [
  { width: 'desktop', scheme: 'light', axe: 'all' },
  { width: 'desktop', scheme: 'dark', axe: 'colours' },
  { width: '375', scheme: 'light', axe: 'all' },
  { width: '375', scheme: 'dark', axe: 'none' },
];

export const viewName = (view: View) => `${view.width}-${view.scheme}`;

/** Puts the open page in `view` without reloading it: the layout and colours follow CSS media queries alone. */
export async function showAs(page: Page, view: View) {
  await page.setViewportSize(widths[view.width]);
  await page.emulateMedia({ colorScheme: view.scheme });
  // Two frames: the new layout and colours are painted before anything measures them.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

export const screensDir = 'test-results/screens';

/** Outside Playwright's outputDir (test-results/e2e), which it empties at the start of a run. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: `${screensDir}/${name}.png`, fullPage: true });
}

const wcag21 = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's WCAG 2.1 A and AA rules, or only the ones whose outcome a colour scheme changes
 * (`colours`): the rest read the markup and the layout, the same in light and dark.
 */
export async function axeViolations(page: Page, { colours = false } = {}): Promise<string[]> {
  // Legacy mode runs axe in the page itself: the default opens a blank page per run to merge the
  // frames' results, seconds per page on a busy machine, for frames these pages do not have
  // (the connector's mail previews are sandboxed srcdoc frames axe checks from their parent).
  const builder = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
  const { violations } = await (colours ? builder.withRules(['color-contrast', 'link-in-text-block']) : builder.withTags(wcag21)).analyze();
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => {
      const why = (node.failureSummary ?? '').split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim();
      return `${violation.id} (${violation.impact}): ${violation.help}. ${node.target.join(' ')} ${node.html.slice(0, 160)}${why ? ` | ${why}` : ''}`;
    }),
  );
}

/**
 * At a phone's width: the page does not scroll sideways, no element whose content is text shows
 * less than that content (scrollWidth past clientWidth while it neither scrolls nor is meant
 * to), and no piece of text lies outside the viewport (cut off by an ancestor, or pushed off).
 * A scroller (overflow-x auto/scroll) may be wider inside: axe checks that it can be reached.
 */
export async function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const describe = (element: Element) => {
      const testId = element.getAttribute('data-testid');
      const classes = typeof element.className === 'string' ? element.className.split(/\s+/).filter(Boolean).slice(0, 3).join('.') : '';
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${testId ? `[data-testid=${testId}]` : ''}${classes ? `.${classes}` : ''}`;
    };
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth} px wide in a ${window.innerWidth} px window`);

    const range = document.createRange();
    const visibleTextNodes = (element: Element) => {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if ((node.textContent ?? '').trim() && parent && !parent.closest('script,style,noscript,template,.sr-only') && parent.checkVisibility({ visibilityProperty: true })) nodes.push(node as Text);
      }
      return nodes;
    };
    // An element narrower than its content, which it neither scrolls nor is meant to: the text
    // past its right edge is cut off (overflow hidden, an ellipsis) or spills over its neighbours.
    const clipped = new Map<Element, string[]>();
    for (const element of document.body.querySelectorAll('*')) {
      if (element.clientWidth === 0 || element.scrollWidth <= element.clientWidth + 1) continue;
      // Visually hidden text (.sr-only) is a 1 px box on purpose; form controls draw their own text.
      if (element.closest('script,style,noscript,template,svg,select,textarea,.sr-only') || !element.checkVisibility({ visibilityProperty: true })) continue;
      const overflowX = getComputedStyle(element).overflowX;
      if (overflowX === 'auto' || overflowX === 'scroll') continue;
      const box = element.getBoundingClientRect();
      const right = box.left + element.clientLeft + element.clientWidth;
      const past = visibleTextNodes(element).filter((node) => {
        range.selectNodeContents(node);
        return range.getBoundingClientRect().right > right + 1;
      });
      if (past.length > 0) clipped.set(element, past.map((node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)));
    }
    // The innermost ones: an ancestor is only wider because of them.
    for (const [element, texts] of clipped) {
      if ([...clipped.keys()].some((other) => other !== element && element.contains(other))) continue;
      problems.push(`${describe(element)} shows ${element.clientWidth} of ${element.scrollWidth} px, text past its edge: "${texts.join('", "')}"`);
    }

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!text || !parent || parent.closest('script,style,noscript,template,.sr-only') || !parent.checkVisibility({ visibilityProperty: true })) continue;
      // Text inside a scroller is reachable by scrolling it.
      if ([...ancestors(parent)].some((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX))) continue;
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width > 0 && (box.right > window.innerWidth + 1 || box.left < -1)) {
        problems.push(`text outside the ${window.innerWidth} px window (${Math.round(box.left)}..${Math.round(box.right)} px) in ${describe(parent)}: "${text.slice(0, 80)}"`);
      }
    }
    return problems;

    function* ancestors(element: Element) {
      for (let current: Element | null = element; current && current !== document.body; current = current.parentElement) yield current;
    }
  });
}

type PageText = { text: string; where: string; code: boolean };

/**
 * What a person meets on the page in its own language: visible text nodes (and visually hidden
 * ones, which a screen reader reads), the labels and hints in attributes, and the title. Text
 * marked as another language (the switch's "English" on a Chinese page) is left out: it says so.
 */
async function textsOf(page: Page, lang: string): Promise<PageText[]> {
  return page.evaluate((pageLang) => {
    const describe = (element: Element) => {
      const testId = element.getAttribute('data-testid');
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${testId ? `[data-testid=${testId}]` : ''}`;
    };
    // Only a part marked inside the body is another language's: <html lang> itself is under test.
    const own = (element: Element) => {
      const marked = element.closest('body [lang]');
      return !marked || marked.getAttribute('lang')?.toLowerCase() === pageLang.toLowerCase();
    };
    // Code and data: marked so, or set in a monospace font (the claims' values).
    const code = (element: Element) => element.closest('code,pre,kbd,samp,[translate="no"]') !== null || /mono/i.test(getComputedStyle(element).fontFamily);
    const texts: { text: string; where: string; code: boolean }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!text || !parent || parent.closest('script,style,noscript,template') || !own(parent)) continue;
      if (!parent.checkVisibility({ visibilityProperty: true })) continue;
      texts.push({ text, where: describe(parent), code: code(parent) });
    }
    for (const element of document.body.querySelectorAll('[placeholder],[aria-label],[alt],[title]')) {
      if (!own(element)) continue;
      for (const attribute of ['placeholder', 'aria-label', 'alt', 'title']) {
        const text = element.getAttribute(attribute)?.trim();
        if (text) texts.push({ text, where: `${describe(element)}@${attribute}`, code: false });
      }
    }
    texts.push({ text: document.title, where: 'title', code: false });
    return texts;
  }, lang);
}

type Tree = { [key: string]: string | Tree };
const values = (tree: Tree): string[] => Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : values(value)));

/** The literal runs of a message: placeholders and tags cut it, a plural's branches count. */
function literals(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((element) => {
    if (element.type === TYPE.literal) return [element.value];
    if (element.type === TYPE.tag) return literals(element.children);
    if (element.type === TYPE.select || element.type === TYPE.plural) return Object.values(element.options).flatMap((option) => literals(option.value));
    return [];
  });
}

const trimPunctuation = (text: string) => text.replace(/\s+/g, ' ').replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');

/**
 * English catalogue text a Chinese page must not show: every literal run of at least two words
 * or eight characters, unless the Chinese catalogue says the same (names: Amazon SES,
 * AWS_SES_CONFIG, commands).
 */
function englishFragments(): string[] {
  const chinese = values(messagesFor('zh-CN') as Tree).join('\n');
  const fragments = values(messagesFor('en') as Tree)
    .flatMap((message) => literals(parse(message)))
    .map(trimPunctuation)
    .filter((fragment) => fragment.split(' ').length >= 2 || fragment.length >= 8)
    .filter((fragment) => !chinese.includes(fragment));
  return [...new Set(fragments)];
}

const cjk = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
/**
 * An English word left in a Chinese page: letters only. Acronyms (SES, DKIM, UTC), identifiers
 * (accessKeyId, SignIn, local-dev-app, email_verified) and anything with a digit are names or
 * data; a name the Chinese catalogue itself writes in Latin letters (Logto, Amazon SES) too.
 */
const isEnglishWord = (word: string) => /^[A-Za-z][a-z'’]+$/.test(word);
/** The Latin names and commands the Chinese catalogue itself uses, and the product's name: not English left over. */
function latinNamesInChinese(): string[] {
  const names = values(messagesFor('zh-CN') as Tree)
    .flatMap((message) => literals(parse(message)))
    .flatMap((literal) => literal.split(cjk))
    .map(trimPunctuation)
    .filter((name) => /[A-Za-z]/.test(name));
  return [...new Set([productName, ...names])].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The text without what is data, not language: addresses, URLs and ARNs first (a name inside
 * one must not cut it into "words"), tokens with digits, underscores or slashes, kebab-case
 * identifiers (a configuration set's name), the names the
 * Chinese catalogue writes in Latin letters (whole words only), and identifiers written in
 * CamelCase (Logto's usage types: SignIn, OrganizationInvitation).
 */
const withoutData = (text: string, names: string[]) =>
  names
    .reduce(
      (rest, name) => rest.replace(new RegExp(`(?<![A-Za-z])${escapeRegExp(name)}(?![A-Za-z])`, 'g'), ' '),
      text
        .replace(/\S+@\S+/g, ' ')
        .replace(/\b(?:https?|arn):\S+/g, ' ')
        .replace(/\S*[\d_/]\S*/g, ' ')
        .replace(/\b[a-z]+(?:-[a-z]+)+\b/g, ' '),
    )
    .replace(/\b[A-Z][a-z]+(?:[A-Z][a-z]*)+\b/g, ' ');

/**
 * No visible string of the other language. An English page shows no Chinese at all; a Chinese
 * page shows no English catalogue text, and (for strings not in any catalogue yet) no English
 * word outside code, names, addresses and URLs.
 */
export async function otherLanguageText(page: Page, lang: Locale): Promise<string[]> {
  const texts = await textsOf(page, lang);
  if (lang === 'en') return texts.filter(({ text }) => cjk.test(text)).map(({ text, where }) => `Chinese in an English page, ${where}: "${text.slice(0, 100)}"`);
  const fragments = englishFragments();
  const names = latinNamesInChinese();
  const found: string[] = [];
  for (const { text, where, code } of texts) {
    const matches = fragments.filter((fragment) => text.includes(fragment));
    // "Sign in with just your email" says it all; "Sign in" inside it adds nothing.
    const fromCatalogue = matches.filter((fragment) => !matches.some((longer) => longer !== fragment && longer.includes(fragment)));
    for (const fragment of fromCatalogue) found.push(`English catalogue text "${fragment}" in ${where}: "${text.slice(0, 100)}"`);
    if (fromCatalogue.length > 0 || code) continue;
    // One lower-case token alone is a value (a user ID, a username), not a sentence left over.
    if (/^[a-z]+$/.test(text)) continue;
    const words = withoutData(text, names).split(/\s+/).map(trimPunctuation).filter(isEnglishWord);
    if (words.length > 0) found.push(`English words "${words.join(' ')}" in ${where}: "${text.slice(0, 100)}"`);
  }
  return found;
}

export async function htmlLangProblem(page: Page, lang: Locale): Promise<string[]> {
  const actual = await page.locator('html').getAttribute('lang');
  return actual === lang ? [] : [`<html lang="${actual}">, the page is ${lang}`];
}
