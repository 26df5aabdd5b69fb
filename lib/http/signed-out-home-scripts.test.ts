import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  forgetSignedOutHomeScriptHashes,
  inlineScriptHashes,
  prerenderedHomeFile,
  signedOutHomeScriptHashes,
} from './signed-out-home-scripts';

/** Computed apart from the module, as a browser does: SHA-256 of the UTF-8 text, in base64. */
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(Buffer.from(text, 'utf8')).digest('base64')}'`;

// What Next writes, in small: external chunks, the Turbopack bootstrap, the RSC payload (whose
// `&amp;` a browser does not decode inside a script), a script in the body.
const bootstrap = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]})';
const payload = 'self.__next_f.push([1,"a &amp; b \\u003c/p\\u003e é"])';
const html = [
  '<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async=""></script>',
  `<script id="_R_">${bootstrap}</script></head><body><main>Sign in</main>`,
  `<script>${payload}</script><script>${payload}</script><script src="/_next/static/chunks/b.js" noModule=""></script>`,
  '</body></html>',
].join('');

afterEach(() => {
  forgetSignedOutHomeScriptHashes();
  vi.restoreAllMocks();
});

describe('inlineScriptHashes', () => {
  it('hashes each inline script as written, once, and no external one', () => {
    expect(inlineScriptHashes(html)).toEqual([sha256(bootstrap), sha256(payload)]);
  });

  it('finds none in a page without inline scripts', () => {
    expect(inlineScriptHashes('<html><body><script src="/x.js"></script></body></html>')).toEqual([]);
  });
});

describe('signedOutHomeScriptHashes', () => {
  const buildRoot = () => {
    const root = mkdtempSync(path.join(tmpdir(), 'signed-out-home-'));
    mkdirSync(path.join(root, '.next', 'server', 'app', 'welcome'), { recursive: true });
    return root;
  };
  const chinesePayload = 'self.__next_f.push([1,"用邮箱登录"])';

  it("reads each language's page `next build` wrote, once per process", () => {
    const root = buildRoot();
    const english = prerenderedHomeFile('en', root);
    const chinese = prerenderedHomeFile('zh-CN', root);
    expect(english).toBe(path.join(root, '.next', 'server', 'app', 'welcome', 'en.html'));
    expect(chinese).toBe(path.join(root, '.next', 'server', 'app', 'welcome', 'zh-CN.html'));
    writeFileSync(english, html);
    writeFileSync(chinese, html.replaceAll(payload, chinesePayload));
    expect(signedOutHomeScriptHashes('en', english)).toEqual([sha256(bootstrap), sha256(payload)]);
    // Each page its own hashes: one language's policy would block the other's RSC payload.
    expect(signedOutHomeScriptHashes('zh-CN', chinese)).toEqual([sha256(bootstrap), sha256(chinesePayload)]);
    // Not read again: the build output does not change under a running server.
    rmSync(root, { recursive: true });
    expect(signedOutHomeScriptHashes('en', english)).toEqual([sha256(bootstrap), sha256(payload)]);
    expect(signedOutHomeScriptHashes('zh-CN', chinese)).toEqual([sha256(bootstrap), sha256(chinesePayload)]);
  });

  it('without a build output, allows no script and says so once per language', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const root = buildRoot();
    const file = prerenderedHomeFile('zh-CN', root, '.next-missing');
    expect(signedOutHomeScriptHashes('zh-CN', file)).toBeNull();
    expect(signedOutHomeScriptHashes('zh-CN', file)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain(file);
    // A missing page in one language does not take the other's hashes away.
    writeFileSync(prerenderedHomeFile('en', root), html);
    expect(signedOutHomeScriptHashes('en', prerenderedHomeFile('en', root))).toEqual([sha256(bootstrap), sha256(payload)]);
    rmSync(root, { recursive: true });
  });
});
