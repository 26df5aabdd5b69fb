import { describe, expect, it } from 'vitest';

import { checkSameOrigin } from './test-send-route';

const appOrigin = 'https://app.example.com';
const check = (headers: Record<string, string>) => checkSameOrigin(new Headers(headers), appOrigin);

describe('checkSameOrigin', () => {
  it("accepts the app's own Origin", () => {
    expect(check({ origin: appOrigin, 'sec-fetch-site': 'same-origin' })).toEqual({ ok: true });
  });

  it.each(['https://evil.example', 'http://app.example.com', 'https://app.example.com:8443', 'null'])('refuses Origin %s with 403', (origin) => {
    expect(check({ origin })).toMatchObject({ ok: false, status: 403, code: 'cross_origin' });
  });

  it('trusts Origin over a same-origin Sec-Fetch-Site', () => {
    expect(check({ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' })).toMatchObject({ ok: false });
  });

  it.each(['same-origin', 'none'])('without Origin, accepts Sec-Fetch-Site: %s', (site) => {
    expect(check({ 'sec-fetch-site': site })).toEqual({ ok: true });
  });

  it.each(['same-site', 'cross-site'])('without Origin, refuses Sec-Fetch-Site: %s', (site) => {
    expect(check({ 'sec-fetch-site': site })).toMatchObject({ ok: false, status: 403, code: 'cross_origin' });
  });

  it('lets a non-browser client (neither header) through: it carries no ambient cookies', () => {
    expect(check({})).toEqual({ ok: true });
  });
});
