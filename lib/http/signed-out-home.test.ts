import { describe, expect, it } from 'vitest';

import { servesPrerenderedWelcome } from './signed-out-home';

const cookie = 'logto_app';
const request = ({ method = 'GET', path = '/', search = '', cookies = [] as string[] } = {}) => ({
  method,
  nextUrl: { pathname: path, search },
  cookies: { has: (name: string) => cookies.includes(name) },
});

describe('servesPrerenderedWelcome', () => {
  it('serves the prerendered page to a visitor of / without a session cookie', () => {
    expect(servesPrerenderedWelcome(request(), cookie)).toBe(true);
    expect(servesPrerenderedWelcome(request({ method: 'HEAD' }), cookie)).toBe(true);
    expect(servesPrerenderedWelcome(request({ cookies: ['other'] }), cookie)).toBe(true);
  });

  it('renders the home page for a session cookie, a query, a post or another path', () => {
    expect(servesPrerenderedWelcome(request({ cookies: [cookie] }), cookie)).toBe(false);
    expect(servesPrerenderedWelcome(request({ search: '?notice=signed-out-locally' }), cookie)).toBe(false);
    expect(servesPrerenderedWelcome(request({ method: 'POST' }), cookie)).toBe(false);
    expect(servesPrerenderedWelcome(request({ path: '/account' }), cookie)).toBe(false);
  });
});
