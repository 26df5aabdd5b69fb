import { test as base } from '@playwright/test';

/** Every journey stays on this machine: any request to another host fails loudly. */
export const test = base.extend({
  context: async ({ context }, use) => {
    await context.route(/^https?:\/\/(?!(localhost|127\.0\.0\.1)(:\d+)?\/)/, (route) => route.abort('blockedbyclient'));
    await use(context);
  },
});

export { expect } from '@playwright/test';
