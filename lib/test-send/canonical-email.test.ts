import { describe, expect, it } from 'vitest';

import { canonicalEmail } from './canonical-email';

describe('canonicalEmail', () => {
  it.each([
    ['a+1@x.test', 'a@x.test'],
    ['A+2@X.Test', 'a@x.test'],
    ['Ada@Example.com', 'ada@example.com'],
    ['ada+news+more@example.com', 'ada@example.com'],
    // A local part that is only a tag keeps it: removing it would leave no mailbox.
    ['+tag@example.com', '+tag@example.com'],
    ['ada@example.com', 'ada@example.com'],
  ])('%s counts as %s', (address, canonical) => {
    expect(canonicalEmail(address)).toBe(canonical);
  });
});
