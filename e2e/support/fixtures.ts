import { test as base } from '@playwright/test';

import { isLoopbackUrl } from '../../testing/test-environment';

/** Every journey stays on this machine: any request to another host fails loudly. */
export const test = base.extend({
  context: async ({ context }, use) => {
    await context.route((url) => /^https?:$/.test(url.protocol) && !isLoopbackUrl(url), (route) => route.abort('blockedbyclient'));
    await use(context);
  },
});

export { expect } from '@playwright/test';
