import { mkdirSync, writeFileSync } from 'node:fs';

import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test';

import { locales, localeNames, type Locale } from '../lib/i18n/locales';
import { setupAdminEmails } from '../testing/test-environment';
import { uniqueEmail } from '../testing/unique-email';

import { recordComplaints } from './support/console-complaints';
import { expect, keepOnThisMachine, test } from './support/fixtures';
import { expectSignedInAs, submitCodeFromInbox, submitEmail } from './support/journeys';
import {
  axeViolations,
  htmlLangProblem,
  otherLanguageText,
  overflowProblems,
  screenshot,
  showAs,
  viewName,
  views,
} from './support/page-standards';
import { urls } from './support/urls';

/**
 * Every page of the app, in every state a person meets it, held to the standard of issue 22
 * (e2e/support/page-standards.ts) in each language (from the browser's Accept-Language, and
 * once from the header's switch), at a desktop's width and at 375 px, light and dark; a
 * screenshot of each in test-results/screens/<page>-<state>-<lang>-<width>-<scheme>.png.
 * A test collects every finding of its pages before it fails, grouped by rule, and leaves them
 * in test-results/page-standards/ as well.
 */

type Visit = { name: string; path: string };
type Finding = { page: string; rule: string; view: string; detail: string };

// Each page is loaded once and looked at in four views: seconds per page on a busy machine.
test.describe.configure({ timeout: 150_000 });

const signedOutVisits: Visit[] = [
  { name: 'home', path: '/' },
  // Pages for signed-in people: a signed-out visitor reads why they should sign in, on the app.
  { name: 'account', path: '/account' },
  { name: 'connector', path: '/connector' },
  { name: 'setup', path: '/setup' },
  { name: 'not-found', path: '/no-such-page' },
  { name: 'sign-in-failed', path: '/sign-in/failed?reason=idp_unreachable' },
  // What the identity provider sends back when the person cancels.
  { name: 'callback-denied', path: '/callback?error=access_denied&error_description=End-User+aborted+interaction&state=none' },
];

const signedInStates = [
  // Signed in, but not allowed to test-send: /connector and /setup say who may.
  { state: 'person', email: () => uniqueEmail('every-page-person', 'not-allowed.test'), paths: ['/', '/account', '/connector', '/setup'] },
  // Allowed to test-send (TEST_SEND_ALLOWED_EMAILS): the connector and the setup checks, without the setup buttons.
  { state: 'tester', email: () => uniqueEmail('every-page-tester'), paths: ['/connector', '/setup'] },
  // On LOGTO_SETUP_ADMINS: the setup page with its buttons.
  { state: 'admin', email: () => setupAdminEmails.look, paths: ['/setup'] },
];

const nameOf = (path: string) => signedOutVisits.find((visit) => visit.path === path)?.name ?? path;

async function contextFor(browser: Browser, locale: Locale, storageState?: Session) {
  const context = await browser.newContext({ locale, storageState });
  await keepOnThisMachine(context);
  return context;
}

/** Opens `visit` in `lang` (as the page's context asks for it) and checks it in every view. */
async function lookAt(page: Page, visit: Visit, state: string, lang: Locale, complaints: Awaited<ReturnType<typeof recordComplaints>>): Promise<Finding[]> {
  const id = `${visit.name}-${state}-${lang}`;
  const findings: Finding[] = [];
  const add = (rule: string, view: string, details: string[]) => findings.push(...details.map((detail) => ({ page: id, rule, view, detail })));
  const complained = complaints.length;

  await showAs(page, views[0]!);
  await page.goto(visit.path);
  if (!page.url().startsWith(`${urls.app}/`)) {
    add('stays on the app', '-', [`${visit.path} ended on ${page.url()}`]);
    return findings;
  }
  // Hydrated, every script and font in: what the page itself logs has been logged.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Before axe: it runs a script in the mail previews' frames, which are sandboxed without scripts, and Chromium logs that it refused.
  add('console', '-', complaints.slice(complained).map(({ url, what }) => `${url}: ${what}`));
  add('html lang', '-', await htmlLangProblem(page, lang));
  add('other language', '-', await otherLanguageText(page, lang));
  for (const view of views) {
    await showAs(page, view);
    if (view.width === '375') add('375 px overflow', viewName(view), await overflowProblems(page));
    if (view.axe !== 'none') add('axe', viewName(view), await axeViolations(page, { colours: view.axe === 'colours' }));
    await screenshot(page, `${id}-${viewName(view)}`);
  }
  return findings;
}

/** Leaves every finding on disk and fails once per rule, listing them. */
function report(findings: Finding[], testInfo: TestInfo) {
  mkdirSync('test-results/page-standards', { recursive: true });
  const file = `test-results/page-standards/${testInfo.title.replace(/[^a-z0-9-]+/gi, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(findings, null, 2)}\n`);
  for (const rule of [...new Set(findings.map((finding) => finding.rule))]) {
    const lines = findings.filter((finding) => finding.rule === rule).map(({ page, view, detail }) => `${page} ${view}: ${detail}`);
    expect.soft(lines, `${rule} (all findings in ${file})`).toEqual([]);
  }
}

for (const lang of locales) {
  test(`every signed-out page in ${lang}`, async ({ browser }, testInfo) => {
    const context = await contextFor(browser, lang);
    const page = await context.newPage();
    const complaints = await recordComplaints(page);
    const findings: Finding[] = [];
    for (const visit of signedOutVisits) findings.push(...(await lookAt(page, visit, 'signed-out', lang, complaints)));
    await context.close();
    report(findings, testInfo);
  });
}

for (const { state, email, paths } of signedInStates) {
  for (const lang of state === 'admin' ? [] : locales) {
    test(`every page signed in as ${state}, in ${lang}`, async ({ browser }, testInfo) => {
      const session = await signedUp(browser, email());
      report(await lookAtEach(browser, session, lang, state, paths), testInfo);
    });
  }
}

// One address on LOGTO_SETUP_ADMINS, signed up once: both languages in one test.
test('the setup page for a setup admin, in both languages', async ({ browser }, testInfo) => {
  const session = await signedUp(browser, setupAdminEmails.look);
  const findings: Finding[] = [];
  for (const lang of locales) findings.push(...(await lookAtEach(browser, session, lang, 'admin', ['/setup'])));
  report(findings, testInfo);
});

type Session = Awaited<ReturnType<BrowserContext['storageState']>>;

/** A new account for `email`, through the sign-in link rather than the home page (under test here too); its cookies. */
async function signedUp(browser: Browser, email: string): Promise<Session> {
  const context = await contextFor(browser, 'en');
  const page = await context.newPage();
  await page.goto('/sign-in?mode=signUp');
  await submitEmail(page, email);
  await submitCodeFromInbox(page, email);
  await expectSignedInAs(page, email);
  const session = await context.storageState();
  await context.close();
  return session;
}

async function lookAtEach(browser: Browser, session: Session, lang: Locale, state: string, paths: string[]): Promise<Finding[]> {
  const context = await contextFor(browser, lang, session);
  const page = await context.newPage();
  const complaints = await recordComplaints(page);
  const findings: Finding[] = [];
  for (const path of paths) findings.push(...(await lookAt(page, { name: nameOf(path), path }, state, lang, complaints)));
  await context.close();
  return findings;
}

test("the header's switch turns the pages to the other language, whatever the browser asks for", async ({ browser }, testInfo) => {
  const findings: Finding[] = [];
  for (const [browserLang, chosen] of [['en', 'zh-CN'], ['zh-CN', 'en']] as const) {
    const context = await contextFor(browser, browserLang);
    const page = await context.newPage();
    const complaints = await recordComplaints(page);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', browserLang);
    await page.getByRole('button', { name: localeNames[chosen], exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', chosen);
    expect((await context.cookies()).find((cookie) => cookie.name === 'NEXT_LOCALE')?.value).toBe(chosen);
    for (const visit of [signedOutVisits[0]!, signedOutVisits[1]!]) findings.push(...(await lookAt(page, visit, 'switched', chosen, complaints)));
    await context.close();
  }
  report(findings, testInfo);
});
