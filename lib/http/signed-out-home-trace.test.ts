import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { shipSignedOutHome } from './signed-out-home-trace';

let root: string;

const page = (locale: string, script = 'boot()') => `<html lang="${locale}"><script>${script}</script></html>`;

function build({ pages = {}, trace = { version: 1, files: ['../webpack-runtime.js'] } }: { pages?: Record<string, string>; trace?: object }) {
  root = mkdtempSync(path.join(tmpdir(), 'ship-home-'));
  mkdirSync(path.join(root, '.next', 'server', 'app', 'welcome'), { recursive: true });
  for (const [locale, page] of Object.entries(pages)) writeFileSync(path.join(root, '.next', 'server', 'app', 'welcome', `${locale}.html`), page);
  writeFileSync(path.join(root, '.next', 'server', 'middleware.js.nft.json'), JSON.stringify(trace));
}

const traced = () => (JSON.parse(readFileSync(path.join(root, '.next', 'server', 'middleware.js.nft.json'), 'utf8')) as { files: string[] }).files;

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('shipSignedOutHome', () => {
  it("adds every language's page to the proxy's trace once, keeping what Next traced", () => {
    build({ pages: { en: page('en'), 'zh-CN': page('zh-CN', '启动()') } });
    const hash = expect.stringMatching(/^'sha256-/);
    const pages = ['app/welcome/en.html', 'app/welcome/zh-CN.html'];
    expect(shipSignedOutHome(root, '.next')).toEqual({ ok: true, added: pages, hashes: { en: [hash], 'zh-CN': [hash] } });
    expect(traced()).toEqual(['../webpack-runtime.js', ...pages]);
    expect(shipSignedOutHome(root, '.next')).toMatchObject({ ok: true, added: [] });
    expect(traced()).toEqual(['../webpack-runtime.js', ...pages]);
  });

  it('refuses a build without the page of a language, or whose page has no inline script', () => {
    build({ pages: { en: page('en') } });
    expect(shipSignedOutHome(root, '.next')).toMatchObject({ ok: false, message: expect.stringContaining('in zh-CN (.next/server/app/welcome/zh-CN.html) is missing') });
    expect(traced()).toEqual(['../webpack-runtime.js']);
    rmSync(root, { recursive: true, force: true });
    build({ pages: { en: page('en'), 'zh-CN': '<html lang="zh-CN"><script src="/a.js"></script></html>' } });
    expect(shipSignedOutHome(root, '.next')).toMatchObject({ ok: false, message: expect.stringContaining('zh-CN.html has no inline script') });
  });

  it('refuses a page prerendered in another language than its own', () => {
    build({ pages: { en: page('en'), 'zh-CN': page('en') } });
    expect(shipSignedOutHome(root, '.next')).toMatchObject({ ok: false, message: expect.stringContaining('zh-CN.html was prerendered in en, not zh-CN') });
  });
});
