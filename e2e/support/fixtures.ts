import { test as base, type BrowserContext } from '@playwright/test';

import { isLoopbackUrl } from '../../testing/test-environment';

/** Every journey stays on this machine: any request to another host fails loudly. */
export async function keepOnThisMachine(context: BrowserContext) {
  await context.route((url) => /^https?:$/.test(url.protocol) && !isLoopbackUrl(url), (route) => route.abort('blockedbyclient'));
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await keepOnThisMachine(context);
    await use(context);
  },
});

export { expect } from '@playwright/test';
