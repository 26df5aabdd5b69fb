import { describe, expect, it } from 'vitest';

import { deviceOf } from './device-label';

describe('deviceOf', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', { browser: 'Chrome', system: 'Linux' }],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', { browser: 'Safari', system: 'macOS' }],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0', { browser: 'Edge', system: 'Windows' }],
    ['Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0', { browser: 'Firefox', system: 'Android' }],
    ['node', { browser: undefined, system: undefined }],
    [undefined, {}],
  ])('%s is %j', (userAgent, expected) => {
    expect(deviceOf(userAgent)).toEqual(expected);
  });
});
