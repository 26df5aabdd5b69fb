import { describe, expect, it } from 'vitest';

import { failure } from './failure';
import { cspHash } from '@/lib/http/csp-hash';

import { failurePageResponse } from './failure-page';
import { htmlPageStyleHash } from './failure-page-style';
import { failureResponse } from './failure-response';
import { classifyNetworkError } from './network-error';

describe('failure', () => {
  it('builds the one shape, leaving out details that are not given', () => {
    expect(failure(400, 'invalid_email', 'Bad.', { field: 'to', hint: undefined })).toStrictEqual({
      ok: false,
      status: 400,
      code: 'invalid_email',
      message: 'Bad.',
      field: 'to',
    });
  });
});

describe('failureResponse (the JSON answer)', () => {
  it('answers { error } with the status, never cached, and without status or title in the body', async () => {
    const response = failureResponse({ ...failure(403, 'not_allowed', 'No.', { hint: 'Ask.' }), title: 'Refused' }, { allow: 'POST' });
    expect(response.status).toBe(403);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.json()).toStrictEqual({ error: { code: 'not_allowed', message: 'No.', hint: 'Ask.' } });
  });

  it('sends retryAfterSeconds in the body and as Retry-After', async () => {
    const response = failureResponse(failure(429, 'rate_limited', 'Slow down.', { retryAfterSeconds: 42 }));
    expect(response.headers.get('retry-after')).toBe('42');
    expect(await response.json()).toStrictEqual({ error: { code: 'rate_limited', message: 'Slow down.', retryAfterSeconds: 42 } });
  });
});

describe('failurePageResponse (the HTML page)', () => {
  it('shows the title, the message, the items and the code, escaped, with the status and no caching', async () => {
    const shown = { ...failure(503, 'not_in_the_catalogue', 'Try <again>.'), title: 'Unreachable' };
    const response = failurePageResponse(shown, { locale: 'en', links: [{ href: '/sign-in', label: 'tryAgain', primary: true }], items: ['A & B'] });
    const html = await response.text();
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('<h1 id="title">Unreachable</h1>');
    expect(html).toContain('Try &#60;again&#62;.');
    expect(html).toContain('<li>A &#38; B</li>');
    expect(html).toContain('Error code: not_in_the_catalogue');
    expect(html).toContain('<a class="button primary" href="/sign-in">Try again</a>');
  });

  it("takes a message in place of the failure's own", async () => {
    const html = await failurePageResponse({ ...failure(503, 'x', 'Own.'), title: 'T' }, { locale: 'en', links: [], message: 'Other.' }).text();
    expect(html).toContain('<p>Other.</p>');
    expect(html).not.toContain('Own.');
  });

  it("draws the app's shell in the page's language: header, navigation, language switch, footer, icon", async () => {
    const html = await failurePageResponse(failure(400, 'invalid_locale', 'Choose.'), { locale: 'zh-CN', links: [{ href: '/', label: 'backToApp' }] }).text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('<link rel="icon" href="/favicon.svg">');
    expect(html).toContain('<title>未知语言 · Logto SES sign-in</title>');
    expect(html).toContain('<a class="brand" href="/"><span aria-hidden="true">@</span>Logto SES sign-in</a>');
    expect(html).toContain('<nav aria-label="主导航"><ul><li><a href="/">首页</a></li><li><a href="/account">账号</a></li>');
    expect(html).toContain('<button type="submit" name="locale" value="zh-CN" lang="zh-CN" aria-pressed="true">简体中文</button>');
    expect(html).toContain('<p class="status">错误 400</p>');
    expect(html).toContain('<small>错误代码：invalid_locale</small>');
    expect(html).toContain('<footer>由 <a href="https://logto.io">Logto</a> 提供无密码登录');
    expect(html).not.toContain('Choose.');
  });

  it('keeps its one style block the one the Content-Security-Policy allows by hash', async () => {
    const html = await failurePageResponse(failure(400, 'x', 'X.'), { locale: 'en', links: [] }).text();
    const blocks = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => cspHash(match[1] ?? ''));
    expect(blocks).toEqual([htmlPageStyleHash]);
    expect(html).not.toMatch(/<script|style="/);
  });
});

describe('classifyNetworkError', () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET'])('%s is unreachable', (code) => {
    expect(classifyNetworkError(withCode(code))).toEqual({ kind: 'unreachable', code });
  });

  it.each(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'])('%s is a timeout', (code) => {
    expect(classifyNetworkError(withCode(code))).toEqual({ kind: 'timeout', code });
  });

  it("reads fetch's TypeError and the code in its cause", () => {
    expect(classifyNetworkError(new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }))).toEqual({ kind: 'unreachable', code: 'ECONNREFUSED' });
    expect(classifyNetworkError(new TypeError('fetch failed'))).toEqual({ kind: 'unreachable' });
  });

  it('is undefined for anything else', () => {
    expect(classifyNetworkError(new Error('boom'))).toBeUndefined();
    expect(classifyNetworkError(withCode('ENOENT'))).toBeUndefined();
    expect(classifyNetworkError('a string')).toBeUndefined();
    expect(classifyNetworkError(null)).toBeUndefined();
  });
});
