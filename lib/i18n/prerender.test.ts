import { describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => fakes.headers }));

import { isStaticPrerender } from './prerender';

describe('isStaticPrerender', () => {
  it("is the build's prerender, which has no request headers at all", async () => {
    fakes.headers = new Headers();
    expect(await isStaticPrerender()).toBe(true);
  });

  it('is no prerender for a request, which Next gives its x-forwarded-* headers at least', async () => {
    fakes.headers = new Headers({ 'x-forwarded-host': 'localhost:3000', 'x-forwarded-proto': 'http' });
    expect(await isStaticPrerender()).toBe(false);
    fakes.headers = new Headers({ host: 'localhost' });
    expect(await isStaticPrerender()).toBe(false);
  });
});
